#include "models/weighted.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace parley::detail {
namespace {
std::vector<double> effective_weights(std::span<const double> weights) {
  std::vector<double> w(weights.size());
  std::transform(weights.begin(), weights.end(), w.begin(),
                 [](double x) { return std::max(x, 0.0); });
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0.0) std::fill(w.begin(), w.end(), 1.0);
  return w;
}
}  // namespace

double weighted_mean(std::span<const double> positions, std::span<const double> weights) {
  if (positions.empty()) return 0.0;
  const std::vector<double> w = effective_weights(weights);
  double total = 0.0, sum = 0.0;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    total += w[k];
    sum += w[k] * positions[k];
  }
  return sum / total;
}

double weighted_median(std::span<const double> positions, std::span<const double> weights) {
  if (positions.empty()) return 0.0;
  const std::vector<double> w = effective_weights(weights);
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  // The lowest position at which the weight at or below it reaches half the total.
  double cumulative = 0.0;
  for (std::size_t k : order) {
    cumulative += w[k];
    // The tolerance keeps an exact half split from going either way on rounding.
    if (cumulative >= 0.5 * total * (1.0 - 1e-12)) return positions[k];
  }
  return positions[order.back()];
}

}  // namespace parley::detail
