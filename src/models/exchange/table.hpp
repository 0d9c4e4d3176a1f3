// The exchange model's view of a scenario: every actor on every issue, positions normalised to
// 0-100, actors ordered by id so that nothing depends on the order of the scenario file.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "parley/scenario.hpp"

namespace parley::exchange {

struct Table {
  std::size_t actors = 0;
  std::size_t issues = 0;
  std::vector<std::size_t> scenario_actor;  // internal actor k -> index into Scenario::actors
  std::vector<std::size_t> issue_rank;      // issue d -> its rank among the issue ids
  std::vector<double> scale_min, scale_range;
  std::vector<double> status_quo;  // normalised; the outcome of an issue nobody takes part in
  // Cells, index k * issues + d.
  std::vector<unsigned char> present;
  std::vector<double> x;         // position, 0-100
  std::vector<double> s;         // salience, 0-1
  std::vector<double> w;         // capability x salience
  std::vector<double> weight;    // per issue: sum of w over the actors present
  std::vector<double> rate;      // cells: w / weight, the outcome shift per unit of vote moved
  std::vector<double> inv_rate;  // cells: 1 / rate (0 where rate is 0)

  std::size_t cell(std::size_t k, std::size_t d) const { return k * issues + d; }
  double normalise(std::size_t d, double value) const {
    return (value - scale_min[d]) * 100.0 / scale_range[d];
  }
  double to_scale(std::size_t d, double value) const {
    return scale_min[d] + value * scale_range[d] / 100.0;
  }
};

Table make_table(const Scenario& scenario);

// Capability x salience weighted mean of `positions` (cells) on issue d; the plain mean when no
// actor on d carries weight, the status quo when nobody takes part.
double outcome(const Table& table, std::span<const double> positions, std::size_t d);

}  // namespace parley::exchange
