#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "parley/analysis.hpp"

namespace parley {

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

Band band(const std::vector<double>& values) {
  return {quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9)};
}

double series_value(const MonthRecord& month, std::size_t series) {
  if (series < indicator_count) return month.indicators[series];
  return month.issue_positions[series - indicator_count];
}

std::string series_name(const Scenario& scenario, std::size_t series) {
  if (series < indicator_count) return to_string(static_cast<Indicator>(series));
  return "policy:" + scenario.issues[series - indicator_count].id;
}

std::size_t series_index(const Scenario& scenario, const std::string& name) {
  for (std::size_t s = 0; s < indicator_count + scenario.issues.size(); ++s) {
    if (series_name(scenario, s) == name) return s;
  }
  throw std::invalid_argument("unknown series '" + name +
                              "' (expected an indicator such as food_insecure_millions, or "
                              "policy:<issue id>)");
}

std::vector<SeriesSummary> summarise(const Scenario& scenario,
                                     const std::vector<StrategyRuns>& results,
                                     const std::string& reference) {
  auto ref = std::find_if(results.begin(), results.end(),
                          [&](const StrategyRuns& r) { return r.strategy == reference; });
  if (ref == results.end())
    throw std::invalid_argument("reference strategy '" + reference + "' was not run");
  std::vector<SeriesSummary> out;
  if (results.empty() || results.front().runs.empty()) return out;
  const std::size_t months = results.front().runs.front().months.size();
  const std::size_t series_count = indicator_count + scenario.issues.size();
  std::vector<double> values, differences;
  for (const StrategyRuns& strategy : results) {
    for (std::size_t series = 0; series < series_count; ++series) {
      for (std::size_t m = 0; m < months; ++m) {
        values.clear();
        differences.clear();
        for (std::size_t r = 0; r < strategy.runs.size(); ++r) {
          const double v = series_value(strategy.runs[r].months[m], series);
          values.push_back(v);
          differences.push_back(v - series_value(ref->runs[r].months[m], series));
        }
        out.push_back({strategy.strategy, series_name(scenario, series), static_cast<int>(m),
                       band(values), band(differences)});
      }
    }
  }
  return out;
}

}  // namespace parley
