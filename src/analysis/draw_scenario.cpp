#include <algorithm>
#include <cmath>

#include "parley/analysis.hpp"
#include "parley/random.hpp"
#include "parley/scenario_paths.hpp"

namespace parley {
namespace {

// Stream purposes of the uncertainty draws: field f draws from (seed, run, first + f).
constexpr std::uint32_t first_parameter_stream = 0x10000;

double draw(const Distribution& d, double current, RandomStream& random) {
  const auto& p = d.params;
  switch (d.kind) {
    case DistributionKind::uniform: return p[0] + (p[1] - p[0]) * random.uniform();
    case DistributionKind::triangular: return random.triangular(p[0], p[1], p[2]);
    case DistributionKind::normal: return p[0] + p[1] * random.normal();
    case DistributionKind::beta: return random.beta(p[0], p[1]);
    case DistributionKind::spread: return current + p[0] * (2.0 * random.uniform() - 1.0);
    case DistributionKind::relative:
      return current * (1.0 + p[0] * (2.0 * random.uniform() - 1.0));
    case DistributionKind::fixed: break;
  }
  return current;
}

}  // namespace

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t run) {
  Scenario scenario = base;
  if (base.uncertainty.empty()) return scenario;
  std::vector<NumberField> fields = number_fields(scenario);
  const std::vector<int> governing = governing_uncertainty(base, fields);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (governing[f] < 0) continue;
    // Each field draws from its own stream, numbered by its place among the scenario's
    // numbers: its value does not depend on how many draws other fields needed.
    RandomStream random(seed, run, first_parameter_stream + static_cast<std::uint32_t>(f));
    const Distribution& d = base.uncertainty[static_cast<std::size_t>(governing[f])].distribution;
    const double value = draw(d, *fields[f].value, random);
    *fields[f].value = std::clamp(value, fields[f].min, fields[f].max);
  }
  return scenario;
}

}  // namespace parley
