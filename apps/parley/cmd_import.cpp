#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "parley/scenario.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct ConvertArgs {
  std::string file;
  std::string out;
};

Scenario load_as(const std::string& file, InputFormat format) {
  LoadOptions options;
  options.format = format;
  LoadResult result = check_scenario_file(file, options);
  if (!result.scenario) throw ScenarioError(std::move(result.diagnostics));
  return std::move(*result.scenario);
}

void add_import_format(CLI::App& parent, const char* name, const char* help, InputFormat format) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* sub = parent.add_subcommand(name, help);
  sub->add_option("file", args->file, "Input file")->required();
  sub->add_option("-o,--out", args->out, "Write the YAML here (atomically) instead of stdout");
  sub->callback([args, format] { emit(to_yaml(load_as(args->file, format)), args->out); });
}
}  // namespace

Handler add_import(CLI::App& app) {
  app.require_subcommand(1);
  add_import_format(app, "ktab", "KTAB smpc CSV", InputFormat::ktab_csv);
  add_import_format(app, "decide", "decide exchange-model file (#A/#P/#M/#D rows)",
                    InputFormat::decide);
  add_import_format(app, "eu", "expected-utility CSV: Actor,Capability,Position,Salience",
                    InputFormat::eu_csv);
  return [] { return exit_ok; };
}

Handler add_export(CLI::App& app) {
  app.require_subcommand(1);
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* ktab = app.add_subcommand("ktab", "KTAB smpc CSV (every issue a dimension, 0-100)");
  ktab->add_option("file", args->file, "Scenario file; the embedded default if omitted");
  ktab->add_option("-o,--out", args->out, "Write the CSV here (atomically) instead of stdout");
  ktab->callback([args] { emit(to_ktab_csv(load_scenario_arg(args->file)), args->out); });
  return [] { return exit_ok; };
}

}  // namespace parley::cli
