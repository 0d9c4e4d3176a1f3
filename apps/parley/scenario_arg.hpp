// How commands name their scenario: a file path, or nothing for the embedded default.
#pragma once

#include <string>

#include "parley/scenario.hpp"

namespace parley::cli {

// Loads FILE (any supported format), or the embedded default scenario when `file` is empty.
// Throws ScenarioError listing every problem.
Scenario load_scenario_arg(const std::string& file);

// Prints to stdout, or writes FILE atomically when `out` is not empty.
void emit(const std::string& content, const std::string& out);

}  // namespace parley::cli
