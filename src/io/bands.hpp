// How the terminal tables print a band of runs: "median [p10, p90]", with a precision per series.
#pragma once

#include <fmt/format.h>

#include <string>

#include "parley/analysis.hpp"

namespace parley::detail {

inline std::string format_band(const Band& b, int precision) {
  return fmt::format("{:.{}f} [{:.{}f}, {:.{}f}]", b.p50, precision, b.p10, precision, b.p90,
                     precision);
}

// Counts and positions on a 0-100 scale need one decimal; shares and millions two.
inline int precision_for(const std::string& series) {
  if (series == "recognition_steps" || series == "agreements" || series.rfind("policy:", 0) == 0 ||
      series == "attacks_per_month") {
    return 1;
  }
  return 2;
}

inline std::string strategy_label(const std::string& id) { return id.empty() ? "(baselines)" : id; }

}  // namespace parley::detail
