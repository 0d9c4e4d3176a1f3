#include <cmath>
#include <numbers>

#include "parley/models.hpp"

namespace parley {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t run, std::uint32_t purpose) {
  key_[0] = static_cast<std::uint32_t>(seed);
  key_[1] = static_cast<std::uint32_t>(seed >> 32);
  counter_[0] = static_cast<std::uint32_t>(run);
  counter_[1] = static_cast<std::uint32_t>(run >> 32);
  counter_[2] = purpose;
  counter_[3] = 0;
}

std::uint64_t RandomStream::next_u64() {
  if (used_ > 2) {
    block_ = generator_(counter_, key_);
    ++counter_[3];
    used_ = 0;
  }
  const std::uint64_t high = block_[used_];
  const std::uint64_t low = block_[used_ + 1];
  used_ += 2;
  return (high << 32) | low;
}

double RandomStream::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomStream::normal() {
  // Box-Muller, cosine branch only: one normal per call keeps the stream position simple.
  const double u1 = 1.0 - uniform();  // (0, 1]
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double RandomStream::gamma(double shape) {
  if (shape < 1.0) {
    // Boost a shape below one: G(a) = G(a + 1) * U^(1/a).
    const double u = 1.0 - uniform();
    return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = 1.0 - uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

double RandomStream::beta(double a, double b) {
  const double x = gamma(a);
  const double y = gamma(b);
  return x / (x + y);
}

double RandomStream::triangular(double low, double mode, double high) {
  const double u = uniform();
  const double split = (mode - low) / (high - low);
  if (u < split) return low + std::sqrt(u * (high - low) * (mode - low));
  return high - std::sqrt((1.0 - u) * (high - low) * (high - mode));
}

}  // namespace parley
