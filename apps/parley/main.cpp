// parley: forecast multi-actor negotiations and compare engagement strategies.
// This file only wires subcommands; the library does the work.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <stdexcept>

#include "commands.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

int main(int argc, char** argv) {
  using namespace parley::cli;
  CLI::App app{"parley: forecast multi-actor negotiations and test engagement strategies"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("parley ") + PARLEY_VERSION);

  std::map<CLI::App*, Handler> handlers;
  auto add = [&](Handler (*adder)(CLI::App&), const char* name, const char* help) {
    CLI::App* sub = app.add_subcommand(name, help);
    handlers[sub] = adder(*sub);
  };
  add(add_validate, "validate", "Check scenario files and report every problem");
  add(add_forecast, "forecast", "Predict each issue's outcome with one or more bargaining models");
  add(add_models, "models", "List the bargaining models");
  add(add_simulate, "simulate",
      "Simulate one strategy month by month, Monte Carlo over the uncertainty");
  add(add_compare, "compare", "Compare strategies on the same random draws (the main job)");
  add(add_sweep, "sweep", "Compare strategies at each value of one number of the scenario");
  add(add_sensitivity, "sensitivity",
      "Morris screening: which uncertain numbers a strategy's outcome hangs on");
  add(add_import, "import", "Convert a KTAB, decide or expected-utility file to parley YAML");
  add(add_export, "export", "Write a scenario in another tool's format");

  // Subcommand callbacks (import, export) run inside parse(), so one try covers both phases.
  try {
    app.parse(argc, argv);
    for (CLI::App* sub : app.get_subcommands()) return handlers.at(sub)();
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_invalid;
  } catch (const parley::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << parley::format_diagnostic(d) << "\n";
    return exit_invalid;
  } catch (const parley::ModelError& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return exit_invalid;
  } catch (const std::invalid_argument& e) {
    // The library's word for a request that does not fit the scenario: an unknown strategy,
    // series or path, a value out of range. The user's input, like the cases above.
    std::cerr << "Error: " << e.what() << "\n";
    return exit_invalid;
  } catch (const std::exception& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return exit_failure;
  }
  return exit_ok;
}
