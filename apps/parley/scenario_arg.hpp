// How commands name their scenario: a file path, or nothing for the embedded default.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "parley/scenario.hpp"

namespace parley::cli {

// The optional FILE positional that load_scenario_arg reads.
void add_scenario_file(CLI::App& app, std::string& file);

// How a run names its scenario (messages, manifests): FILE, or "<embedded>/afghanistan-2024.yaml"
// when `file` is empty.
std::string scenario_arg_name(const std::string& file);

// Loads FILE (any supported format), or the embedded default scenario when `file` is empty.
// Throws ScenarioError listing every problem.
Scenario load_scenario_arg(const std::string& file);

// Prints to stdout, or writes FILE atomically when `out` is not empty.
void emit(const std::string& content, const std::string& out);

}  // namespace parley::cli
