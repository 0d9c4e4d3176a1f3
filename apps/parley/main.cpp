// parley: forecast multi-actor negotiations and compare engagement strategies.
// This file only wires subcommands; the library does the work.
#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "parley/scenario.hpp"
#include "ranks.hpp"

namespace parley::cli {

int exit_code_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const CLI::ParseError&) {
    return exit_invalid;
  } catch (const parley::ScenarioError&) {
    return exit_invalid;
  } catch (const parley::Error& e) {
    return parley::exit_code(e.id());
  } catch (const QuietExit& quiet) {
    return quiet.code;
  } catch (...) {
    return exit_failure;
  }
}

int report_failure(const std::exception_ptr& error, const World& world) {
  const std::string rank = world.rank != 0 ? fmt::format("(MPI rank {}) ", world.rank) : "";
  try {
    std::rethrow_exception(error);
  } catch (const parley::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << rank << parley::format_diagnostic(d) << "\n";
  } catch (const parley::Error& e) {
    // Every error parley reports after loading: its id decides the exit code (docs/errors.md).
    std::cerr << rank << "Error: " << e.what() << "\n";
  } catch (const QuietExit&) {
    // Rank 0 reported it.
  } catch (const std::exception& e) {
    // Not one of parley's errors: a bug, or the system failing (e.g. out of memory). Never the
    // user's input, whatever the exception's type.
    std::cerr << rank << "internal error: " << e.what() << "\n";
  }
  return exit_code_of(error);
}

}  // namespace parley::cli

namespace {

// Under mpirun only compare and simulate spread their runs; any other command would run once
// per rank, every copy writing the same files.
void check_spreadable(const parley::cli::World& world, const CLI::App* command) {
  if (!world.mpi && world.size > 1) {
    if (world.rank != 0) throw parley::cli::QuietExit{parley::cli::exit_invalid};
    throw parley::Error(parley::ErrorId::request_invalid_option,
                        fmt::format("this parley was built without MPI (PARLEY_MPI off), so the "
                                    "{} processes mpirun started would each make every run; "
                                    "rebuild with MPI, or run one process",
                                    world.size));
  }
  if (!parley::cli::spread(world)) return;
  const std::string& name = command->get_name();
  if (name == "compare" || name == "simulate") return;
  if (world.rank != 0) throw parley::cli::QuietExit{parley::cli::exit_invalid};
  throw parley::Error(parley::ErrorId::request_invalid_option,
                      fmt::format("parley {} does not run under mpirun with {} ranks: only compare "
                                  "and simulate spread their runs over ranks; run it as one "
                                  "process",
                                  name, world.size));
}

int run(int argc, char** argv) {
  using namespace parley::cli;
  // Past a file size limit (ulimit -f) a write then fails with EFBIG, which is reported like a
  // full disk, instead of the signal killing the process mid-file.
  std::signal(SIGXFSZ, SIG_IGN);
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
  add(add_score, "score", "Score a scenario's runs against what happened (observations)");
  add(add_calibrate, "calibrate",
      "Fit uncertain numbers to observations (approximate Bayesian computation)");
  add(add_report, "report",
      "Write a run directory's brief: one self-contained HTML file with findings and charts");
  add(add_merge, "merge",
      "Combine the run directories of the shards of a run (--shard k/N) into the whole run");
  add(add_import, "import", "Convert a KTAB, decide or expected-utility file to parley YAML");
  add(add_export, "export", "Write a scenario in another tool's format");

  // Subcommand callbacks (import, export) run inside parse(), so one try covers both phases.
  const World here = world();
  try {
    app.parse(argc, argv);
    for (CLI::App* sub : app.get_subcommands()) {
      check_spreadable(here, sub);
      return handlers.at(sub)();
    }
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same command line: rank 0 prints the usage or the mistake.
    if (here.rank != 0) return e.get_exit_code() == 0 ? exit_ok : exit_invalid;
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_invalid;
  } catch (const QuietExit& quiet) {
    return quiet.code;
  } catch (const parley::ScenarioError&) {
    return report_failure(std::current_exception(), here);
  } catch (const parley::Error&) {
    return report_failure(std::current_exception(), here);
  }
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  // The last resort, around all of run(): setting up the command line and printing a report
  // can throw too.
  try {
    // MPI starts before the command line is parsed (mpirun's own arguments are taken out) and
    // finishes after the command, when the session ends.
    const parley::cli::MpiSession mpi(argc, argv);
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Not one of parley's errors: a bug, or the system failing (e.g. out of memory). Never the
    // user's input, whatever the exception's type.
    std::cerr << "internal error: " << e.what() << "\n";
    return parley::cli::exit_failure;
  }
}
