#include "models/eum/probability.hpp"

#include <algorithm>
#include <cmath>

#include "models/parallel.hpp"

namespace parley::eum {

void VoteTable::sort_voters(std::span<const double> weight, std::span<const double> voter_risk,
                            Probability rule) {
  const auto order = positions_->by_position();
  w_.resize(n_);
  r_.resize(n_);
  at_.resize(n_);
  for (std::size_t t = 0; t < n_; ++t) {
    at_[t] = positions_->slot(order[t]);
    w_[t] = std::max(weight[order[t]], 0.0);
    r_[t] = rule == Probability::paper ? 1.0 : voter_risk[order[t]];
  }
}

double VoteTable::spread(const double* v, std::size_t c) const {
  // The row rises away from the voter's own position c on both sides, so merging the two sides
  // outward visits every actor's value in ascending order; an ascending v_0..v_{n-1} has
  // sum_a sum_b |v_a - v_b| = 2 sum v_k (2k-n+1). Each held position stands for as many
  // actors as hold it, added one by one so that the sum does not depend on how positions are
  // shared out. The merge checks its bounds instead of padding the row with +inf: a row of
  // extreme magnitudes can itself hold inf or NaN, which no sentinel orders.
  const double n = static_cast<double>(n_);
  std::size_t left = c;  // held positions [0, left) are still to merge on the left
  std::size_t right = c + 1;
  double sum = v[c] * (1.0 - n);
  double rank = 1.0;
  for (std::size_t k = 1; k < positions_->count(c); ++k, ++rank)
    sum += v[c] * (2.0 * rank + 1.0 - n);
  while (left > 0 || right < m_) {
    const bool take_left = left > 0 && (right == m_ || v[left - 1] <= v[right]);
    const std::size_t next = take_left ? --left : right++;
    for (std::size_t k = 0; k < positions_->count(next); ++k, ++rank) {
      sum += v[next] * (2.0 * rank + 1.0 - n);
    }
  }
  return 2.0 * sum;
}

void VoteTable::fill_row(std::size_t t, bool linear, double* row) const {
  const std::size_t m = m_;
  if (linear) {
    const auto value = positions_->values();
    const double x = value[at_[t]];
    const double range = positions_->range();
    const double scale = w_[t] / range;
    if (std::isfinite(scale)) {
      for (std::size_t c = 0; c < m; ++c) row[c] = scale * std::abs(x - value[c]);
    } else {
      // Positions closer together than w / DBL_MAX: divide the distance first, d <= 1.
      for (std::size_t c = 0; c < m; ++c) row[c] = w_[t] * (std::abs(x - value[c]) / range);
    }
    return;
  }
  const double* log_distance = positions_->log_distance(at_[t]);
  for (std::size_t c = 0; c < m; ++c) row[c] = w_[t] * std::exp(r_[t] * log_distance[c]);
}

double VoteTable::accumulate_votes(Probability rule, bool parallel) {
  const std::size_t n = n_, m = m_;
  // With every exponent 1 the votes are linear; otherwise exp(r log d).
  const bool linear = std::all_of(r_.begin(), r_.end(), [](double r) { return r == 1.0; });
  // Each voter's row goes to prefix_ row t + 1; the running sums are taken afterwards.
  prefix_.resize((n + 1) * m);
  std::fill_n(prefix_.begin(), m, 0.0);
  spread_.assign(n, 0.0);
  detail::for_blocks(n, parallel, [&](std::size_t begin, std::size_t end) {
    std::vector<double>& buffer = rows_.local(parallel);
    buffer.resize(m);
    double* row = buffer.data();
    for (std::size_t t = begin; t < end; ++t) {
      fill_row(t, linear, row);
      std::copy_n(row, m, &prefix_[(t + 1) * m]);
      if (rule == Probability::scholz) spread_[t] = spread(row, at_[t]);
    }
  });
  for (std::size_t t = 0; t < n; ++t) {
    const double* above = &prefix_[t * m];
    double* below = &prefix_[(t + 1) * m];
    for (std::size_t c = 0; c < m; ++c) below[c] = above[c] + below[c];
  }
  double magnitude = 0.0;
  for (double s : spread_) magnitude += s;
  return magnitude;
}

void VoteTable::fill_votes(bool parallel) {
  const std::size_t n = n_, m = m_;
  const auto value = positions_->values();
  const auto first = positions_->first();
  // Whether the voters at held position k prefer v_a to v_b; all voters there agree.
  auto prefers = [&](std::size_t k, std::size_t a, std::size_t b) {
    return std::abs(value[k] - value[a]) < std::abs(value[k] - value[b]);
  };
  const double* all = &prefix_[n * m];
  detail::for_blocks(m, parallel, [&](std::size_t begin, std::size_t end) {
    for (std::size_t a = begin; a < end; ++a) {
      double* row = &p_[a * m];
      // Against a higher position, the voters preferring v_a are those at the held positions
      // below a boundary k that rises as v_b rises; against a lower one, those from a boundary
      // that falls as v_b falls. The voters at v_a are on a's side of both.
      std::size_t k = a + 1;
      for (std::size_t b = a + 1; b < m; ++b) {
        while (k < m && prefers(k, a, b)) ++k;
        const double* votes = &prefix_[first[k] * m];
        row[b] = std::max(votes[b] - votes[a], 0.0);
      }
      k = a;
      for (std::size_t b = a; b-- > 0;) {
        while (k > 0 && prefers(k - 1, a, b)) --k;
        const double* votes = &prefix_[first[k] * m];
        row[b] = std::max((all[b] - votes[b]) - (all[a] - votes[a]), 0.0);
      }
    }
  });
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
                        std::span<const double> voter_risk, Probability rule, bool parallel) {
  positions_ = &positions;
  n_ = positions.by_position().size();
  m_ = positions.size();
  p_.assign(m_ * m_, 0.0);
  if (m_ >= 2 && positions.range() > 0.0) {
    sort_voters(weight, voter_risk, rule);
    const double magnitude = accumulate_votes(rule, parallel);
    fill_votes(parallel);
    normalise(magnitude, rule);
  }
  transpose();
}

void VoteTable::transpose() {
  // In tiles, so that both tables are walked a cache line at a time.
  constexpr std::size_t tile = 32;
  const std::size_t m = m_;
  transposed_.resize(m * m);
  for (std::size_t c0 = 0; c0 < m; c0 += tile) {
    for (std::size_t e0 = 0; e0 < m; e0 += tile) {
      for (std::size_t c = c0; c < std::min(c0 + tile, m); ++c) {
        for (std::size_t e = e0; e < std::min(e0 + tile, m); ++e) {
          transposed_[e * m + c] = p_[c * m + e];
        }
      }
    }
  }
}

}  // namespace parley::eum
