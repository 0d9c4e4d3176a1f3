#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

// The scenario with the number at `path` set to `value` and exempt from the uncertainty block:
// its own entry, if any, becomes `fixed` (an exact entry wins over patterns), which keeps the
// value.
Scenario with_value(const Scenario& base, const std::string& path, double value) {
  Scenario s = base;
  for (NumberField& field : number_fields(s)) {
    if (field.id_path != path) continue;
    // Written so that NaN fails it too.
    if (!(value >= field.min && value <= field.max)) {
      throw Error(ErrorId::request_value_out_of_range,
                  fmt::format("sweep value {} of {} is outside its range [{}, {}]", value, path,
                              field.min, field.max));
    }
    // The magnitude rule every scenario number meets (limits in parley/scenario.hpp).
    if (value != 0 && std::abs(value) < limits::min_magnitude) {
      throw Error(
          ErrorId::request_value_out_of_range,
          fmt::format("sweep value {} of {} is not 0 and of magnitude below 1e-9", value, path));
    }
    *field.value = value;
    std::erase_if(s.uncertainty, [&](const UncertainValue& u) { return u.path == path; });
    s.uncertainty.push_back({path, Distribution{DistributionKind::fixed, {}}});
    return s;
  }
  throw Error(
      ErrorId::request_unknown_path,
      fmt::format("sweep: '{}' is not a number in this scenario (expected an id path such as "
                  "regime.weights.revenue or actors.<id>.capability)",
                  path));
}

}  // namespace

std::vector<SweepPoint> run_sweep(const Scenario& scenario, const SweepPlan& plan) {
  std::vector<std::size_t> series;
  for (const std::string& name : plan.series) series.push_back(series_index(scenario, name));
  const auto last = static_cast<std::size_t>(plan.comparison.engagement.months);
  std::vector<SweepPoint> points;
  std::vector<double> values;
  for (double value : plan.values) {
    const auto results = run_comparison(with_value(scenario, plan.path, value), plan.comparison);
    for (const StrategyRuns& strategy : results) {
      for (std::size_t k = 0; k < series.size(); ++k) {
        values.clear();
        for (const EngagementRun& run : strategy.runs) {
          values.push_back(series_value(run.months[last], series[k]));
        }
        points.push_back({value, strategy.strategy, plan.series[k], band(values)});
      }
    }
  }
  return points;
}

}  // namespace parley
