#include "models/eum/probability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace parley::eum {

void VoteTable::sort_voters(std::span<const double> position, std::span<const double> weight,
                            std::span<const double> voter_risk, Probability rule) {
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  // Ties in input order, without the buffer a stable sort allocates.
  std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return position[a] < position[b] || (position[a] == position[b] && a < b);
  });
  x_.resize(n_);
  w_.resize(n_);
  r_.resize(n_);
  for (std::size_t t = 0; t < n_; ++t) {
    x_[t] = position[order_[t]];
    w_[t] = std::max(weight[order_[t]], 0.0);
    r_[t] = rule == Probability::paper ? 1.0 : voter_risk[order_[t]];
  }
}

void VoteTable::fill_log_distances(double range) {
  const std::size_t n = n_;
  log_distance_.resize(n * n);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t u = t; u < n; ++u) {
      log_distance_[t * n + u] = log_distance_[u * n + t] =
          std::log(std::abs(x_[t] - x_[u]) / range);
    }
  }
}

double VoteTable::spread(std::size_t t) const {
  // The row rises away from slot t on both sides, so merging the two sides outward visits it in
  // ascending order; an ascending v_0..v_{n-1} has sum_a sum_b |v_a - v_b| = 2 sum v_m (2m-n+1).
  // Padded with +inf at both ends, the merge needs no bounds checks.
  const double* v = row_.data() + 1;
  const std::size_t n = n_;
  std::ptrdiff_t left = static_cast<std::ptrdiff_t>(t) - 1;
  std::size_t right = t + 1;
  double sum = v[t] * (1.0 - static_cast<double>(n));
  for (std::size_t m = 1; m < n; ++m) {
    const double coefficient = 2.0 * static_cast<double>(m) + 1.0 - static_cast<double>(n);
    if (v[left] <= v[right]) {
      sum += v[left--] * coefficient;
    } else {
      sum += v[right++] * coefficient;
    }
  }
  return 2.0 * sum;
}

double VoteTable::accumulate_votes(double range, Probability rule) {
  const std::size_t n = n_;
  prefix_.assign((n + 1) * n, 0.0);
  row_.assign(n + 2, std::numeric_limits<double>::infinity());
  double* row = row_.data() + 1;
  // With every exponent 1 the votes are linear; otherwise exp(r log d), each log used twice.
  const bool linear = std::all_of(r_.begin(), r_.end(), [](double r) { return r == 1.0; });
  if (!linear) fill_log_distances(range);
  double magnitude = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    if (linear) {
      const double scale = w_[t] / range;
      for (std::size_t u = 0; u < n; ++u) row[u] = scale * std::abs(x_[t] - x_[u]);
    } else {
      const double* log_distance = &log_distance_[t * n];
      for (std::size_t u = 0; u < n; ++u) row[u] = w_[t] * std::exp(r_[t] * log_distance[u]);
    }
    const double* above = &prefix_[t * n];
    double* below = &prefix_[(t + 1) * n];
    for (std::size_t u = 0; u < n; ++u) below[u] = above[u] + row[u];
    if (rule == Probability::scholz) magnitude += spread(t);
  }
  return magnitude;
}

void VoteTable::fill_votes(std::span<double> out) const {
  const std::size_t n = n_;
  auto prefers = [&](std::size_t t, std::size_t a, std::size_t b) {
    return std::abs(x_[t] - x_[a]) < std::abs(x_[t] - x_[b]);
  };
  const double* all = &prefix_[n * n];
  for (std::size_t a = 0; a < n; ++a) {
    double* row = &out[order_[a] * n];
    // Against a higher position, the voters preferring x_a are a prefix [0, p) that grows as
    // x_b rises; against a lower one, a suffix [q, n) that grows as x_b falls.
    std::size_t p = a;
    for (std::size_t b = a + 1; b < n; ++b) {
      if (x_[b] == x_[a]) continue;
      while (p < n && prefers(p, a, b)) ++p;
      const double* first = &prefix_[p * n];
      row[order_[b]] = std::max(first[b] - first[a], 0.0);
    }
    std::size_t q = a;
    for (std::size_t b = a; b-- > 0;) {
      if (x_[b] == x_[a]) continue;
      while (q > 0 && prefers(q - 1, a, b)) --q;
      const double* first = &prefix_[q * n];
      row[order_[b]] = std::max((all[b] - first[b]) - (all[a] - first[a]), 0.0);
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
  const double magnitude = accumulate_votes(range, rule);
  fill_votes(p_out);
  const std::size_t n = n_;
  if (rule == Probability::scholz) {
    const double scale = magnitude > 0.0 ? 1.0 / magnitude : 0.0;
    for (double& p : p_out) p *= scale;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (position[i] == position[j]) continue;
      double& for_i = p_out[i * n + j];
      double& for_j = p_out[j * n + i];
      const double cast = for_i + for_j;
      for_i = cast > 0.0 ? for_i / cast : 0.5;
      for_j = cast > 0.0 ? for_j / cast : 0.5;
    }
  }
}

}  // namespace parley::eum
