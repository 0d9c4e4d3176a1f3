#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "analysis/stream.hpp"
#include "analysis/thread_limit.hpp"
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

// Keeps the swept series at the last month of every run of one value, and passes every run on.
class LastMonth final : public RunSink {
 public:
  LastMonth(std::size_t strategies, const std::vector<std::size_t>& series, std::size_t last,
            RunSink* next)
      : series_(series), last_(last), next_(next), values_(strategies * series.size()) {}

  void begin(const std::vector<std::string>& paths) override {
    if (next_) next_->begin(paths);
  }
  void accept(const RunResult& result) override {
    for (std::size_t s = 0; s < result.strategies.size(); ++s) {
      for (std::size_t k = 0; k < series_.size(); ++k) {
        values_[s * series_.size() + k].push_back(
            series_value(result.strategies[s].months[last_], series_[k]));
      }
    }
    if (next_) next_->accept(result);
  }
  std::vector<double>& values(std::size_t strategy, std::size_t k) {
    return values_[strategy * series_.size() + k];
  }

 private:
  const std::vector<std::size_t>& series_;
  std::size_t last_;
  RunSink* next_;
  std::vector<std::vector<double>> values_;  // per strategy and series, over runs
};

}  // namespace

std::vector<SweepPoint> run_sweep(const Scenario& scenario, const SweepPlan& plan, RunSink* sink) {
  std::vector<std::size_t> series;
  for (const std::string& name : plan.series) series.push_back(series_index(scenario, name));
  const ComparisonPlan& comparison = plan.comparison;
  const auto last = static_cast<std::size_t>(comparison.engagement.months);
  const std::vector<std::uint64_t> runs = all_runs(comparison);
  std::vector<SweepPoint> points;
  detail::with_threads(comparison.threads, [&] {
    for (std::size_t k = 0; k < plan.values.size(); ++k) {
      const double value = plan.values[k];
      const Scenario fixed = with_value(scenario, plan.path, value);
      LastMonth collect(comparison.strategies.size(), series, last, sink);
      detail::stream_runs(fixed, comparison, runs, collect, 0,
                          {.first_run = k * runs.size(), .variant = k});
      for (std::size_t s = 0; s < comparison.strategies.size(); ++s) {
        for (std::size_t i = 0; i < series.size(); ++i) {
          points.push_back({value, comparison.strategies[s], plan.series[i],
                            band_in_place(collect.values(s, i))});
        }
      }
    }
  });
  return points;
}

}  // namespace parley
