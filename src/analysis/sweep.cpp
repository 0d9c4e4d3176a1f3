#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "parley/analysis.hpp"
#include "parley/scenario_paths.hpp"

namespace parley {
namespace {

// The scenario with the number at `path` set to `value` and exempt from the uncertainty block: a
// later exact entry wins over earlier ones and over patterns, and `fixed` keeps the value.
Scenario with_value(const Scenario& base, const std::string& path, double value) {
  Scenario s = base;
  for (NumberField& field : number_fields(s)) {
    if (field.id_path != path) continue;
    if (value < field.min || value > field.max) {
      throw std::invalid_argument(fmt::format("sweep value {} of {} is outside its range [{}, {}]",
                                              value, path, field.min, field.max));
    }
    *field.value = value;
    s.uncertainty.push_back({path, Distribution{DistributionKind::fixed, {}}});
    return s;
  }
  throw std::invalid_argument(
      fmt::format("sweep: '{}' is not a number in this scenario (expected an id path such as "
                  "regime.weights.revenue or actors.<id>.capability)",
                  path));
}

}  // namespace

std::vector<SweepPoint> run_sweep(const Scenario& scenario, const SweepPlan& plan) {
  for (const std::string& series : plan.series) series_index(scenario, series);  // or throws
  std::vector<SweepPoint> points;
  const int last = plan.comparison.engagement.months;
  for (double value : plan.values) {
    const Scenario s = with_value(scenario, plan.path, value);
    const auto results = run_comparison(s, plan.comparison);
    const auto summaries = summarise(s, results, plan.comparison.strategies.front());
    for (const std::string& strategy : plan.comparison.strategies) {
      for (const std::string& series : plan.series) {
        auto at = std::find_if(summaries.begin(), summaries.end(), [&](const SeriesSummary& x) {
          return x.strategy == strategy && x.series == series && x.month == last;
        });
        points.push_back({value, strategy, series, at->value});
      }
    }
  }
  return points;
}

}  // namespace parley
