// The parley command line: each subcommand registers its flags and a handler.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace parley::cli {

// Exit codes: 0 success, 1 failure while running, 2 invalid input or usage. A parley::Error
// has its own, by id (parley::exit_code, docs/errors.md); any other exception is an internal
// error (1).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_invalid = 2;

// A handler runs after parsing and returns the exit code.
using Handler = std::function<int()>;

Handler add_validate(CLI::App& app);
Handler add_forecast(CLI::App& app);
Handler add_models(CLI::App& app);
Handler add_import(CLI::App& app);
Handler add_export(CLI::App& app);
Handler add_simulate(CLI::App& app);
Handler add_compare(CLI::App& app);
Handler add_sweep(CLI::App& app);
Handler add_sensitivity(CLI::App& app);
Handler add_score(CLI::App& app);
Handler add_calibrate(CLI::App& app);
Handler add_report(CLI::App& app);

}  // namespace parley::cli
