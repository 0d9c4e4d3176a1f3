#include <fmt/format.h>

#include "io/bands.hpp"
#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {

std::string sweep_table(const Scenario& scenario, const SweepPlan& plan,
                        const std::vector<SweepPoint>& points) {
  const ComparisonPlan& c = plan.comparison;
  std::string out = fmt::format(
      "{}: sweep of {} over {} values — {} strategies x {} runs x {} months, seed {}, engine {}\n"
      "Each cell: median [10%, 90%] over runs at month {}; every value sees the same draws.\n",
      detail::fit(scenario.meta.name, detail::max_title), plan.path, plan.values.size(),
      c.strategies.size(), c.runs, c.engagement.months, c.seed, c.engagement.engine,
      c.engagement.months);
  const std::size_t per_value = c.strategies.size() * plan.series.size();
  for (std::size_t k = 0; k < plan.series.size(); ++k) {
    const std::string& series = plan.series[k];
    const int precision = detail::precision_for(series);
    out += fmt::format("\n{}\n{:>12}", series, plan.path.substr(plan.path.rfind('.') + 1));
    for (const std::string& s : c.strategies) {
      out += fmt::format("  {:>24}", detail::strategy_label(s));
    }
    out += "\n";
    for (std::size_t v = 0; v < plan.values.size(); ++v) {
      out += fmt::format("{:>12.4g}", plan.values[v]);
      for (std::size_t s = 0; s < c.strategies.size(); ++s) {
        const SweepPoint& p = points[v * per_value + s * plan.series.size() + k];
        out += fmt::format("  {:>24}", detail::format_band(p.band, precision));
      }
      out += "\n";
    }
  }
  return out;
}

std::string sweep_csv(const SweepPlan& plan, const std::vector<SweepPoint>& points) {
  std::string csv = "parameter,value,strategy,series,month,p10,p50,p90\n";
  for (const SweepPoint& p : points) {
    // {} prints a double's shortest text that reads back as the same double.
    csv += fmt::format("{},{},{},{},{},{},{},{}\n", plan.path, p.value, p.strategy, p.series,
                       plan.comparison.engagement.months, p.band.p10, p.band.p50, p.band.p90);
  }
  return csv;
}

}  // namespace parley
