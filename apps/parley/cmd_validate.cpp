#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/scenario.hpp"

namespace parley::cli {

namespace {
struct ValidateArgs {
  std::vector<std::string> files;
  bool require_provenance = false;
};

std::string summary(const Scenario& s) {
  return fmt::format("{} issues, {} actors, {} blocs, {} strategies, {} uncertain values",
                     s.issues.size(), s.actors.size(), s.blocs.size(), s.strategies.size(),
                     s.uncertainty.size());
}
}  // namespace

Handler add_validate(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  app.add_option("files", args->files, "Scenario files (YAML, JSON, KTAB CSV, EU CSV, decide)")
      ->required();
  app.add_flag("--require-provenance", args->require_provenance,
               "Also report numbers that have no source and are not marked judgement: true");
  return [args] {
    int code = exit_ok;
    for (const std::string& file : args->files) {
      LoadOptions options;
      options.require_provenance = args->require_provenance;
      LoadResult result = check_scenario_file(file, options);
      for (const Diagnostic& d : result.diagnostics) std::cerr << format_diagnostic(d) << "\n";
      if (result.scenario) {
        std::cout << fmt::format("{}: valid {} scenario: {}\n", file, to_string(result.format),
                                 summary(*result.scenario));
      } else {
        std::cerr << fmt::format("{}: {} problem{}\n", file, result.diagnostics.size(),
                                 result.diagnostics.size() == 1 ? "" : "s");
        code = exit_invalid;
      }
    }
    return code;
  };
}

}  // namespace parley::cli
