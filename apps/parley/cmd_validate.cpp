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

// An observations file (docs/observations.md) is checked on its own; `parley score` also checks
// it against the scenario it scores. False when `file` is not one.
bool validated_observations(const std::string& file, int& code) {
  std::string text;
  try {
    text = read_file(file);
  } catch (const std::exception&) {
    return false;  // the scenario check reports it
  }
  if (!looks_like_observations(text)) return false;
  ObservationsLoadResult result = check_observations_text(text, file);
  for (const Diagnostic& d : result.diagnostics) std::cerr << format_diagnostic(d) << "\n";
  if (const auto& o = result.observations) {
    std::cout << fmt::format("{}: valid observations: {} events, {} indicator values, start {}\n",
                             file, o->events.size(), o->indicators.size(), o->start);
  } else {
    std::cerr << fmt::format("{}: {} problem{}\n", file, result.diagnostics.size(),
                             result.diagnostics.size() == 1 ? "" : "s");
    code = exit_invalid;
  }
  return true;
}

std::string summary(const Scenario& s) {
  return fmt::format("{} issues, {} actors, {} blocs, {} strategies, {} uncertain values",
                     s.issues.size(), s.actors.size(), s.blocs.size(), s.strategies.size(),
                     s.uncertainty.size());
}
}  // namespace

Handler add_validate(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  app.add_option("files", args->files,
                 "Scenario files (YAML, JSON, KTAB CSV, EU CSV, decide) or observation files")
      ->required();
  app.add_flag("--require-provenance", args->require_provenance,
               "Also report numbers that have no source and are not marked judgement: true");
  return [args] {
    int code = exit_ok;
    for (const std::string& file : args->files) {
      if (validated_observations(file, code)) continue;
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
