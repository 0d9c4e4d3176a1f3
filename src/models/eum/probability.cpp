#include "models/eum/probability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace parley::eum {

void VoteTable::sort_voters(std::span<const double> weight, std::span<const double> voter_risk,
                            Probability rule) {
  const auto order = positions_->by_position();
  x_.resize(n_);
  w_.resize(n_);
  r_.resize(n_);
  at_.resize(n_);
  for (std::size_t t = 0; t < n_; ++t) {
    at_[t] = positions_->slot(order[t]);
    x_[t] = positions_->values()[at_[t]];
    w_[t] = std::max(weight[order[t]], 0.0);
    r_[t] = rule == Probability::paper ? 1.0 : voter_risk[order[t]];
  }
}

double VoteTable::spread(std::size_t c) const {
  // The row rises away from the voter's own position c on both sides, so merging the two sides
  // outward visits every actor's value in ascending order; an ascending v_0..v_{n-1} has
  // sum_a sum_b |v_a - v_b| = 2 sum v_k (2k-n+1). Each held position stands for as many
  // actors as hold it, added one by one so that the sum does not depend on how positions are
  // shared out. Padded with +inf at both ends, the merge needs no bounds checks.
  const double* v = row_.data() + 1;
  const auto count = positions_->counts();
  const double n = static_cast<double>(n_);
  std::ptrdiff_t left = static_cast<std::ptrdiff_t>(c) - 1;
  std::size_t right = c + 1;
  double sum = v[c] * (1.0 - n);
  double rank = 1.0;
  for (std::size_t k = 1; k < count[c]; ++k, ++rank) sum += v[c] * (2.0 * rank + 1.0 - n);
  while (rank < n) {
    const std::size_t next = v[left] <= v[right] ? static_cast<std::size_t>(left--) : right++;
    for (std::size_t k = 0; k < count[next]; ++k, ++rank) {
      sum += v[next] * (2.0 * rank + 1.0 - n);
    }
  }
  return 2.0 * sum;
}

double VoteTable::accumulate_votes(Probability rule) {
  const std::size_t n = n_, m = m_;
  const auto value = positions_->values();
  const double range = positions_->range();
  prefix_.assign((n + 1) * m, 0.0);
  row_.assign(m + 2, std::numeric_limits<double>::infinity());
  double* row = row_.data() + 1;
  // With every exponent 1 the votes are linear; otherwise exp(r log d).
  const bool linear = std::all_of(r_.begin(), r_.end(), [](double r) { return r == 1.0; });
  double magnitude = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    if (linear) {
      const double scale = w_[t] / range;
      for (std::size_t c = 0; c < m; ++c) row[c] = scale * std::abs(x_[t] - value[c]);
    } else {
      const double* log_distance = positions_->log_distance(at_[t]);
      for (std::size_t c = 0; c < m; ++c) row[c] = w_[t] * std::exp(r_[t] * log_distance[c]);
    }
    const double* above = &prefix_[t * m];
    double* below = &prefix_[(t + 1) * m];
    for (std::size_t c = 0; c < m; ++c) below[c] = above[c] + row[c];
    if (rule == Probability::scholz) magnitude += spread(at_[t]);
  }
  return magnitude;
}

void VoteTable::fill_votes() {
  const std::size_t n = n_, m = m_;
  const auto value = positions_->values();
  const auto first = positions_->first();
  const auto count = positions_->counts();
  auto prefers = [&](std::size_t t, std::size_t a, std::size_t b) {
    return std::abs(x_[t] - value[a]) < std::abs(x_[t] - value[b]);
  };
  const double* all = &prefix_[n * m];
  for (std::size_t a = 0; a < m; ++a) {
    double* row = &p_[a * m];
    // Against a higher position, the voters preferring v_a are a prefix [0, p) that grows as
    // v_b rises; against a lower one, a suffix [q, n) that grows as v_b falls. The voters at
    // v_a are in both.
    std::size_t p = first[a] + count[a];
    for (std::size_t b = a + 1; b < m; ++b) {
      while (p < n && prefers(p, a, b)) ++p;
      const double* votes = &prefix_[p * m];
      row[b] = std::max(votes[b] - votes[a], 0.0);
    }
    std::size_t q = first[a];
    for (std::size_t b = a; b-- > 0;) {
      while (q > 0 && prefers(q - 1, a, b)) --q;
      const double* votes = &prefix_[q * m];
      row[b] = std::max((all[b] - votes[b]) - (all[a] - votes[a]), 0.0);
    }
  }
}

void VoteTable::normalise(double magnitude, Probability rule) {
  const std::size_t m = m_;
  if (rule == Probability::scholz) {
    const double scale = magnitude > 0.0 ? 1.0 / magnitude : 0.0;
    for (double& p : p_) p *= scale;
    return;
  }
  for (std::size_t c = 0; c < m; ++c) {
    for (std::size_t e = c + 1; e < m; ++e) {
      double& for_c = p_[c * m + e];
      double& for_e = p_[e * m + c];
      const double cast = for_c + for_e;
      for_c = cast > 0.0 ? for_c / cast : 0.5;
      for_e = cast > 0.0 ? for_e / cast : 0.5;
    }
  }
}

void VoteTable::compute(const HeldPositions& positions, std::span<const double> weight,
                        std::span<const double> voter_risk, Probability rule) {
  positions_ = &positions;
  n_ = positions.by_position().size();
  m_ = positions.size();
  p_.assign(m_ * m_, 0.0);
  if (m_ < 2 || !(positions.range() > 0.0)) return;
  sort_voters(weight, voter_risk, rule);
  const double magnitude = accumulate_votes(rule);
  fill_votes();
  normalise(magnitude, rule);
}

}  // namespace parley::eum
