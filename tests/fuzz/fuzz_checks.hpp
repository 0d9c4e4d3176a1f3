// What every fuzz target checks beyond "no crash": the properties the rules promise for any
// input (a located error or a valid scenario, never both; writers whose output loads back; finite
// forecasts). A broken property prints what broke and aborts, which libFuzzer reports like a
// crash and saves the input for (docs/testing.md, Fuzzing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley::fuzz {

// libFuzzer's bytes as text.
std::string_view as_text(const std::uint8_t* data, std::size_t size);

// Prints "fuzz check failed: <what>" and `detail`, then aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

// Every diagnostic names `file`, has an E-code and a message, a location that is not negative,
// and prints as valid UTF-8 (the CLI writes it to a terminal and to JSON).
void check_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& file);

// check_scenario_text(text, file, {format}) and its contract: a scenario exactly when there is no
// diagnostic, checked diagnostics, and a scenario that survives check_writers.
LoadResult check_load(std::string_view text, const std::string& file,
                      std::optional<InputFormat> format);

// YAML and JSON output load back without a diagnostic and write the same text again; KTAB CSV
// output, when the scenario fits KTAB's limits, loads back too.
void check_writers(const Scenario& scenario);

// Every number a forecast reports is finite and every outcome lies on its issue's scale.
void check_forecast(const Forecast& forecast, const Scenario& scenario, std::string_view spec);

}  // namespace parley::fuzz
