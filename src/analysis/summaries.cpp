#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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

Band band_in_place(std::vector<double>& values) {
  if (values.empty()) return {NAN, NAN, NAN};
  std::sort(values.begin(), values.end());
  // quantile() on the sorted values: its sort of a sorted copy keeps the order.
  auto at = [&](double q) {
    const double position = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + fraction * (values[above] - values[below]);
  };
  return {at(0.1), at(0.5), at(0.9)};
}

double series_value(const MonthRecord& month, std::size_t series) { return month.values[series]; }

std::string series_name(const Scenario& scenario, std::size_t series) {
  return series_names(scenario).at(series);
}

std::size_t series_index(const Scenario& scenario, const std::string& name) {
  const std::vector<std::string> names = series_names(scenario);
  const auto found = std::find(names.begin(), names.end(), name);
  if (found != names.end()) return static_cast<std::size_t>(found - names.begin());
  throw Error(ErrorId::request_unknown_series,
              "unknown series '" + name +
                  "' (expected an indicator such as food_insecure_millions, policy:<issue id>, "
                  "recognition:<state id> or agreement:<track issue id>)");
}

std::string describe_series(const Scenario& scenario, const std::string& name) {
  for (std::size_t i = 0; i < indicator_count; ++i) {
    if (name == to_string(Indicator(i))) return describe(Indicator(i));
  }
  const auto colon = name.find(':');
  if (colon == std::string::npos) return "";
  const std::string kind = name.substr(0, colon), id = name.substr(colon + 1);
  for (const Issue& issue : scenario.issues) {
    if (issue.id != id) continue;
    if (kind == "policy") {
      return fmt::format("the regime's policy on {}, {}-{} on the issue's scale",
                         issue.label.empty() ? issue.id : issue.label, issue.scale_min,
                         issue.scale_max);
    }
    if (kind == "agreement") {
      return fmt::format("whether the {} track has agreed: 1 yes, 0 no",
                         issue.label.empty() ? issue.id : issue.label);
    }
  }
  const std::string talks =
      "whether the regime takes part in the talks of {} that month: 1 yes, 0 no";
  for (const Bloc& bloc : scenario.blocs) {
    if (kind == "talks" && bloc.id == id) {
      return fmt::format(fmt::runtime(talks), bloc.label.empty() ? bloc.id : bloc.label);
    }
  }
  for (const Actor& actor : scenario.actors) {
    if (actor.id != id) continue;
    const std::string& name = actor.name.empty() ? actor.id : actor.name;
    if (kind == "recognition") return fmt::format("recognition steps {} has taken, 0-3", name);
    if (kind == "talks") return fmt::format(fmt::runtime(talks), name);
  }
  return "";
}

std::vector<SeriesSummary> summarise(const Scenario& scenario,
                                     const std::vector<StrategyRuns>& results,
                                     const std::string& reference) {
  auto ref = std::find_if(results.begin(), results.end(),
                          [&](const StrategyRuns& r) { return r.strategy == reference; });
  if (ref == results.end()) {
    throw Error(ErrorId::request_reference_not_run,
                "reference strategy '" + reference + "' was not run");
  }
  std::vector<SeriesSummary> out;
  if (results.empty() || results.front().runs.empty()) return out;
  const std::size_t months = results.front().runs.front().months.size();
  const std::vector<std::string> names = series_names(scenario);
  std::vector<double> values, differences;
  for (const StrategyRuns& strategy : results) {
    for (std::size_t series = 0; series < names.size(); ++series) {
      for (std::size_t m = 0; m < months; ++m) {
        values.clear();
        differences.clear();
        for (std::size_t r = 0; r < strategy.runs.size(); ++r) {
          const double v = series_value(strategy.runs[r].months[m], series);
          values.push_back(v);
          differences.push_back(v - series_value(ref->runs[r].months[m], series));
        }
        out.push_back({strategy.strategy, names[series], static_cast<int>(m), band(values),
                       band(differences)});
      }
    }
  }
  return out;
}

}  // namespace parley
