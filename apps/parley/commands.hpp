// The parley command line: each subcommand registers its flags and a handler.
#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <string>

namespace parley::cli {

// Exit codes: 0 success, 1 failure while running, 2 invalid input or usage. A parley::Error
// has its own, by id (parley::exit_code, docs/errors.md); any other exception is an internal
// error (1).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_invalid = 2;

struct World;

// Reports the failure `error` on stderr as main does (a rank other than 0 says which it is) and
// returns its exit code; exit_code_of only gives the code.
int report_failure(const std::exception_ptr& error, const World& world);
int exit_code_of(const std::exception_ptr& error);

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
Handler add_merge(CLI::App& app);

}  // namespace parley::cli
