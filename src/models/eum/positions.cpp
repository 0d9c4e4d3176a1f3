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
  first_.clear();
  for (std::size_t t = 0; t < n; ++t) {
    const double x = position[order_[t]];
    if (value_.empty() || x != value_.back()) {
      value_.push_back(x);
      first_.push_back(t);
    }
    slot_[order_[t]] = value_.size() - 1;
  }
  first_.push_back(n);
  fill_symmetric(log_success_, parallel,
                 [](double d) { return std::log(std::max(0.5 - 0.5 * d, 0.0)); });
  fill_symmetric(log_failure_, parallel, [](double d) { return std::log(0.5 + 0.5 * d); });
}

void HeldPositions::fill_log_distances(bool parallel) {
  fill_symmetric(log_distance_, parallel, [](double d) { return std::log(d); });
}

template <class Log>
void HeldPositions::fill_symmetric(std::vector<double>& out, bool parallel,
                                   const Log& log_of) const {
  const std::size_t m = size();
  out.resize(m * m);
  detail::for_blocks(m, parallel, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      for (std::size_t e = c; e < m; ++e) {
        out[c * m + e] = log_of(std::abs(value_[c] - value_[e]) / range_);
      }
    }
  });
  for (std::size_t c = 0; c < m; ++c) {
    for (std::size_t e = c + 1; e < m; ++e) out[e * m + c] = out[c * m + e];
  }
}

}  // namespace parley::eum
