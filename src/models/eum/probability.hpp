// Step 5 of the expected utility model: the probability that each actor prevails over each other
// actor, from the capability x salience weighted votes of all actors.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "models/eum/options.hpp"
#include "models/eum/positions.hpp"
#include "models/parallel.hpp"

namespace parley::eum {

// Computes P(i prevails over j) for every pair of held positions in O(n m) time (n actors,
// m held positions), reusing its buffers between calls. P_ij depends on the actors only
// through their positions, so it is kept per pair of held positions.
//
// Voter k's vote for x_a over x_b is V_k(a, b) = w_k [(|x_k - x_b|/R)^r_k - (|x_k - x_a|/R)^r_k].
// scholz: P_ij = sum_k max(0, V_k(i, j)) / sum_k sum_a sum_b |V_k(a, b)| (a, b over all actors).
// paper:  P_ij = sum_k max(0, V_k(i, j)) / sum_k |V_k(i, j)| with every r_k = 1 (eq. 31).
// P_ij = 0 when x_i = x_j; when no vote is cast, 0 (scholz) or 1/2 (paper).
class VoteTable {
 public:
  // `weight` and `voter_risk` in input order; `voter_risk` is ignored by the paper rule. The
  // voters' rows and the pairs are shared out over the thread pool if `parallel`.
  void compute(const HeldPositions& positions, std::span<const double> weight,
               std::span<const double> voter_risk, Probability rule, bool parallel);

  // P that an actor at held position c prevails over one at e: prevails(c, e) = wins(c)[e] =
  // against(e)[c]. Both rows are contiguous, for the loops over the opponents of one actor.
  double prevails(std::size_t c, std::size_t e) const { return p_[c * m_ + e]; }
  const double* wins(std::size_t c) const { return &p_[c * m_]; }
  const double* against(std::size_t e) const { return &transposed_[e * m_]; }

 private:
  void sort_voters(std::span<const double> weight, std::span<const double> voter_risk,
                   Probability rule);
  // Fills prefix_ and returns sum_k sum_a sum_b |V_k(a, b)| (scholz rule only, else 0).
  double accumulate_votes(Probability rule, bool parallel);
  // Voter t's w (d/R)^r to every held position, into row[0..m).
  void fill_row(std::size_t t, bool linear, double* row) const;
  // sum_a sum_b |row_a - row_b| over all actors a, b, for a voter at held position c.
  double spread(const double* row, std::size_t c) const;
  // p_[c * m + e]: sum of V_k(c, e) over the voters k who prefer v_c to v_e.
  void fill_votes(bool parallel);
  void normalise(double magnitude, Probability rule);
  void transpose();

  const HeldPositions* positions_ = nullptr;
  std::size_t n_ = 0, m_ = 0;
  std::vector<double> w_, r_;                    // voters by position
  std::vector<std::size_t> at_;                  // voters by position -> held position
  std::vector<double> spread_;                   // spread() of each voter's row
  detail::PerThread<std::vector<double>> rows_;  // fill_row's buffer
  // prefix_[t * m + c]: sum over the first t voters of w_k (|x_k - v_c|/R)^r_k, t = 0..n.
  std::vector<double> prefix_;
  std::vector<double> p_, transposed_;
};

}  // namespace parley::eum
