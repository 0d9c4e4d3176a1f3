// Internal: drawing from and evaluating the uncertainty block's distributions, shared by the Monte
// Carlo draws and calibration.
#pragma once

#include <cstdint>
#include <utility>

#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley::detail {

// Stream purposes: field f of a run draws from (seed, run, first_parameter_stream + f); the row
// every empirical sample of the run takes comes from (seed, run, empirical_row_stream).
inline constexpr std::uint32_t first_parameter_stream = 0x10000;
inline constexpr std::uint32_t empirical_row_stream = 0xE000;

// A draw from `d` for a field whose written value is `current` (spread and relative are relative
// to it). `row` in [0, 1) picks the row of an empirical sample: row * n, rounded down, so that
// samples of equal length give the same row.
double draw_value(const Distribution& d, double current, RandomStream& random, double row);

// The density of `d` at `x` (0 outside its support). Not defined for empirical samples or fixed
// values (callers refuse them first): throws std::logic_error.
double distribution_density(const Distribution& d, double current, double x);

}  // namespace parley::detail
