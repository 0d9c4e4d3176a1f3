// Checks for the command line's numbers, run on the text before CLI11 converts it: CLI11 alone
// reads "nan" as a double, wraps "-1" into an unsigned seed, saturates a 23-digit seed and takes
// "0x10" as 16. Each check's message says what the flag accepts.
#pragma once

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "parley/scenario.hpp"

namespace parley::cli {

// A seed: decimal digits only, 0 to 2^64 - 1.
inline const CLI::Validator seed_value(
    [](std::string& text) -> std::string {
      std::uint64_t value = 0;
      const char* end = text.data() + text.size();
      auto [stop, ec] = std::from_chars(text.data(), end, value);
      if (text.empty() || ec != std::errc() || stop != end) {
        return "expected a seed: a whole number from 0 to 18446744073709551615, got '" + text + "'";
      }
      return {};
    },
    "SEED");

// A number that could be in a scenario: finite, 0 or of magnitude in [1e-9, 1e6].
inline const CLI::Validator scenario_number(
    [](std::string& text) -> std::string {
      double value = 0;
      const char* end = text.data() + text.size();
      auto [stop, ec] = std::from_chars(text.data(), end, value);
      if (text.empty() || ec != std::errc() || stop != end || !std::isfinite(value)) {
        return "expected a finite number, got '" + text + "'";
      }
      const double magnitude = std::abs(value);
      if (magnitude > limits::max_magnitude ||
          (magnitude > 0 && magnitude < limits::min_magnitude)) {
        return "expected 0 or a number of magnitude in [1e-9, 1e6], got '" + text + "'";
      }
      return {};
    },
    "NUMBER");

}  // namespace parley::cli
