// Step 5 of the expected utility model: the probability that each actor prevails over each other
// actor, from the capability x salience weighted votes of all actors.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "models/eum/options.hpp"

namespace parley::eum {

// Computes P(i prevails over j) for every ordered pair in O(n^2) time after an O(n log n) sort,
// reusing its buffers between calls.
//
// Voter k's vote for x_a over x_b is V_k(a, b) = w_k [(|x_k - x_b|/R)^r_k - (|x_k - x_a|/R)^r_k].
// scholz: P_ij = sum_k max(0, V_k(i, j)) / sum_k sum_a sum_b |V_k(a, b)|.
// paper:  P_ij = sum_k max(0, V_k(i, j)) / sum_k |V_k(i, j)| with every r_k = 1 (eq. 31).
// P_ij = 0 when x_i = x_j; when no vote is cast, 0 (scholz) or 1/2 (paper).
class VoteTable {
 public:
  // p_out[i * n + j] = P_ij. `voter_risk` is ignored by the paper rule.
  void compute(std::span<const double> position, std::span<const double> weight,
               std::span<const double> voter_risk, double range, Probability rule,
               std::span<double> p_out);

 private:
  void sort_voters(std::span<const double> position, std::span<const double> weight,
                   std::span<const double> voter_risk, Probability rule);
  void fill_log_distances(double range);  // log_distance_[t * n + u] = log(|x_t - x_u| / R)
  // Fills prefix_ and returns sum_k sum_a sum_b |V_k(a, b)| (scholz rule only, else 0).
  double accumulate_votes(double range, Probability rule);
  double spread(std::size_t t) const;  // sum_a sum_b |row_a - row_b| for voter t's row
  // out[i * n + j]: sum of V_k(i, j) over the voters k who prefer x_i to x_j (input order).
  void fill_votes(std::span<double> out) const;

  std::size_t n_ = 0;
  std::vector<std::size_t> order_;  // sorted slot -> actor
  std::vector<double> x_, w_, r_;   // voters by position
  std::vector<double> row_;  // one voter's w (d/R)^r to every sorted position, +inf at both ends
  std::vector<double> log_distance_;
  // prefix_[t * n + u]: sum over the first t voters of w_k (|x_k - x_u|/R)^r_k, t = 0..n.
  std::vector<double> prefix_;
};

}  // namespace parley::eum
