#include "models/eum/probability.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/eum/utility.hpp"

namespace parley::eum {

void VoteTable::sort_voters(std::span<const double> position, std::span<const double> weight,
                            std::span<const double> voter_risk, Probability rule) {
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return position[a] < position[b]; });
  x_.resize(n_);
  w_.resize(n_);
  r_.resize(n_);
  for (std::size_t t = 0; t < n_; ++t) {
    x_[t] = position[order_[t]];
    w_[t] = std::max(weight[order_[t]], 0.0);
    r_[t] = rule == Probability::paper ? 1.0 : voter_risk[order_[t]];
  }
}

double VoteTable::accumulate_votes(double range) {
  const std::size_t n = n_;
  prefix_.assign((n + 1) * n, 0.0);
  row_.resize(n);
  double magnitude = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double* above = &prefix_[t * n];
    double* below = &prefix_[(t + 1) * n];
    for (std::size_t u = 0; u < n; ++u) {
      row_[u] = w_[t] * power(std::abs(x_[t] - x_[u]) / range, r_[t]);
      below[u] = above[u] + row_[u];
    }
    // sum_a sum_b |row_a - row_b|: row_ rises away from slot t on both sides, so merging the two
    // sides outward visits it in ascending order, and an ascending v contributes v_m (2m - n + 1).
    double sum = 0.0;
    double coefficient = 1.0 - static_cast<double>(n);
    std::size_t left = t, right = t + 1;
    while (left > 0 || right < n) {
      const bool take_left = right == n || (left > 0 && row_[left - 1] <= row_[right]);
      const double v = take_left ? row_[--left] : row_[right++];
      sum += v * (coefficient + 2.0);
      coefficient += 2.0;
    }
    sum += row_[t] * (1.0 - static_cast<double>(n));
    magnitude += 2.0 * sum;
  }
  return magnitude;
}

void VoteTable::fill_votes() {
  const std::size_t n = n_;
  votes_.assign(n * n, 0.0);
  auto prefers = [&](std::size_t t, std::size_t a, std::size_t b) {
    return std::abs(x_[t] - x_[a]) < std::abs(x_[t] - x_[b]);
  };
  const double* all = &prefix_[n * n];
  for (std::size_t a = 0; a < n; ++a) {
    // Against a higher position, the voters preferring x_a are a prefix [0, p) that grows as
    // x_b rises; against a lower one, a suffix [q, n) that grows as x_b falls.
    std::size_t p = a;
    for (std::size_t b = a + 1; b < n; ++b) {
      if (x_[b] == x_[a]) continue;
      while (p < n && prefers(p, a, b)) ++p;
      const double* first = &prefix_[p * n];
      votes_[a * n + b] = std::max(first[b] - first[a], 0.0);
    }
    std::size_t q = a;
    for (std::size_t b = a; b-- > 0;) {
      if (x_[b] == x_[a]) continue;
      while (q > 0 && prefers(q - 1, a, b)) --q;
      const double* first = &prefix_[q * n];
      votes_[a * n + b] = std::max((all[b] - first[b]) - (all[a] - first[a]), 0.0);
    }
  }
}

void VoteTable::compute(std::span<const double> position, std::span<const double> weight,
                        std::span<const double> voter_risk, double range, Probability rule,
                        std::span<double> p_out) {
  n_ = position.size();
  std::fill(p_out.begin(), p_out.end(), 0.0);
  if (n_ < 2 || !(range > 0.0)) return;
  sort_voters(position, weight, voter_risk, rule);
  const double magnitude = accumulate_votes(range);
  fill_votes();
  const std::size_t n = n_;
  for (std::size_t a = 0; a < n; ++a) {
    double* out = &p_out[order_[a] * n];
    for (std::size_t b = 0; b < n; ++b) {
      if (x_[a] == x_[b]) continue;
      const double votes = votes_[a * n + b];
      double p = 0.0;
      if (rule == Probability::scholz) {
        p = magnitude > 0.0 ? votes / magnitude : 0.0;
      } else {
        const double cast = votes + votes_[b * n + a];
        p = cast > 0.0 ? votes / cast : 0.5;
      }
      out[order_[b]] = p;
    }
  }
}

}  // namespace parley::eum
