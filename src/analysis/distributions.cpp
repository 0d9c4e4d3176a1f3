#include "analysis/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace parley::detail {
namespace {

double uniform_density(double low, double high, double x) {
  if (low > high) std::swap(low, high);
  return x >= low && x <= high && high > low ? 1.0 / (high - low) : 0.0;
}

double triangular_density(double low, double mode, double high, double x) {
  if (x < low || x > high) return 0.0;
  if (x < mode) return 2.0 * (x - low) / ((high - low) * (mode - low));
  if (x > mode) return 2.0 * (high - x) / ((high - low) * (high - mode));
  return 2.0 / (high - low);
}

double beta_density(double a, double b, double x) {
  if (x < 0.0 || x > 1.0) return 0.0;
  if ((x == 0.0 && a < 1.0) || (x == 1.0 && b < 1.0)) return 0.0;  // keep it finite
  const double log_norm = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
  const double log_x = x > 0.0 ? (a - 1.0) * std::log(x) : (a == 1.0 ? 0.0 : -INFINITY);
  const double log_1x = x < 1.0 ? (b - 1.0) * std::log1p(-x) : (b == 1.0 ? 0.0 : -INFINITY);
  return std::exp(log_norm + log_x + log_1x);
}

}  // namespace

double draw_value(const Distribution& d, double current, RandomStream& random, double row) {
  const auto& p = d.params;
  switch (d.kind) {
    case DistributionKind::uniform:
      return p[0] + (p[1] - p[0]) * random.uniform();
    case DistributionKind::triangular:
      return random.triangular(p[0], p[1], p[2]);
    case DistributionKind::normal:
      return p[0] + p[1] * random.normal();
    case DistributionKind::beta:
      return random.beta(p[0], p[1]);
    case DistributionKind::spread:
      return current + p[0] * (2.0 * random.uniform() - 1.0);
    case DistributionKind::relative:
      return current * (1.0 + p[0] * (2.0 * random.uniform() - 1.0));
    case DistributionKind::empirical: {
      const auto n = p.size();
      return p[std::min(n - 1, static_cast<std::size_t>(row * static_cast<double>(n)))];
    }
    case DistributionKind::fixed:
      break;
  }
  return current;
}

double distribution_density(const Distribution& d, double current, double x) {
  const auto& p = d.params;
  switch (d.kind) {
    case DistributionKind::uniform:
      return uniform_density(p[0], p[1], x);
    case DistributionKind::triangular:
      return triangular_density(p[0], p[1], p[2], x);
    case DistributionKind::normal: {
      const double z = (x - p[0]) / p[1];
      return std::exp(-0.5 * z * z) / (p[1] * std::sqrt(2.0 * std::numbers::pi));
    }
    case DistributionKind::beta:
      return beta_density(p[0], p[1], x);
    case DistributionKind::spread:
      return uniform_density(current - p[0], current + p[0], x);
    case DistributionKind::relative:
      return uniform_density(current * (1.0 - p[0]), current * (1.0 + p[0]), x);
    case DistributionKind::empirical:
    case DistributionKind::fixed:
      break;
  }
  throw std::logic_error(std::string("a ") + to_string(d.kind) +
                         " distribution has no density to use as a prior");
}

}  // namespace parley::detail
