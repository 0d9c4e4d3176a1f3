#include <algorithm>
#include <cmath>

#include "parley/analysis.hpp"
#include "parley/random.hpp"
#include "parley/scenario_paths.hpp"

namespace parley {
namespace {

// Stream purposes of the uncertainty draws: entry i draws from (seed, run, first + i), so each
// entry's value does not depend on how many draws the entries before it needed.
constexpr std::uint32_t first_parameter_stream = 0x10000;

double draw(const Distribution& d, RandomStream& random) {
  const auto& p = d.params;
  switch (d.kind) {
    case DistributionKind::uniform: return p[0] + (p[1] - p[0]) * random.uniform();
    case DistributionKind::triangular: return random.triangular(p[0], p[1], p[2]);
    case DistributionKind::normal: return p[0] + p[1] * random.normal();
    case DistributionKind::beta: return random.beta(p[0], p[1]);
    case DistributionKind::fixed: break;
  }
  return p.empty() ? 0.0 : p[0];
}

}  // namespace

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t run) {
  Scenario scenario = base;
  if (base.uncertainty.empty()) return scenario;
  std::vector<NumberField> fields = number_fields(scenario);
  for (std::size_t i = 0; i < base.uncertainty.size(); ++i) {
    const UncertainValue& u = base.uncertainty[i];
    RandomStream random(seed, run, first_parameter_stream + static_cast<std::uint32_t>(i));
    const double value = draw(u.distribution, random);
    auto field = std::find_if(fields.begin(), fields.end(),
                              [&](const NumberField& f) { return f.id_path == u.path; });
    if (field != fields.end()) *field->value = std::clamp(value, field->min, field->max);
  }
  return scenario;
}

}  // namespace parley
