#include "models/eum/positions.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/parallel.hpp"

namespace parley::eum {

void HeldPositions::assign(std::span<const double> position, double range, bool parallel) {
  const std::size_t n = position.size();
  range_ = range;
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  // Ties in input order, without the buffer a stable sort allocates.
  std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return position[a] < position[b] || (position[a] == position[b] && a < b);
  });
  slot_.resize(n);
  value_.clear();
  count_.clear();
  first_.clear();
  for (std::size_t t = 0; t < n; ++t) {
    const double x = position[order_[t]];
    if (value_.empty() || x != value_.back()) {
      value_.push_back(x);
      count_.push_back(0);
      first_.push_back(t);
    }
    ++count_.back();
    slot_[order_[t]] = value_.size() - 1;
  }
  fill_logs(parallel);
}

void HeldPositions::fill_logs(bool parallel) {
  const std::size_t m = size();
  log_distance_.resize(m * m);
  log_success_.resize(m * m);
  log_failure_.resize(m * m);
  // The tables are symmetric: the upper triangle is computed, then mirrored.
  detail::for_blocks(m, parallel, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      for (std::size_t e = c; e < m; ++e) {
        const double d = std::abs(value_[c] - value_[e]) / range_;
        log_distance_[c * m + e] = std::log(d);
        log_success_[c * m + e] = std::log(std::max(0.5 - 0.5 * d, 0.0));
        log_failure_[c * m + e] = std::log(0.5 + 0.5 * d);
      }
    }
  });
  for (std::size_t c = 0; c < m; ++c) {
    for (std::size_t e = c + 1; e < m; ++e) {
      log_distance_[e * m + c] = log_distance_[c * m + e];
      log_success_[e * m + c] = log_success_[c * m + e];
      log_failure_[e * m + c] = log_failure_[c * m + e];
    }
  }
}

}  // namespace parley::eum
