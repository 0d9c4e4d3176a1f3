#include <algorithm>
#include <cmath>

#include "parley/analysis.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

// Stream purposes of the uncertainty draws: field f draws from (seed, run, first + f).
constexpr std::uint32_t first_parameter_stream = 0x10000;

double draw_one(const Distribution& d, double current, RandomStream& random) {
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
    case DistributionKind::fixed:
      break;
  }
  return current;
}

}  // namespace

UncertaintyDraws::UncertaintyDraws(const Scenario& base) : base_(&base) {
  Scenario copy = base;  // number_fields needs a mutable scenario; only the paths are kept
  governing_ = governing_uncertainty(base, number_fields(copy));
}

Scenario UncertaintyDraws::draw(std::uint64_t seed, std::uint64_t run) const {
  Scenario scenario = *base_;
  if (base_->uncertainty.empty()) return scenario;
  std::vector<NumberField> fields = number_fields(scenario);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (governing_[f] < 0) continue;
    // Each field draws from its own stream, numbered by its place among the scenario's
    // numbers: its value does not depend on how many draws other fields needed.
    RandomStream random(seed, run, first_parameter_stream + static_cast<std::uint32_t>(f));
    const auto& d = base_->uncertainty[static_cast<std::size_t>(governing_[f])].distribution;
    const double value = draw_one(d, *fields[f].value, random);
    *fields[f].value = std::clamp(value, fields[f].min, fields[f].max);
  }
  return scenario;
}

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t run) {
  return UncertaintyDraws(base).draw(seed, run);
}

}  // namespace parley
