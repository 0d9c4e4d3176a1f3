// Scoring runs against observations: Brier scores of events, CRPS, medians and band coverage of
// indicator values, and the same for the baselines (docs/observations.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "parley/analysis.hpp"

namespace parley {
namespace {

// The predicate's series, resolved to blocks once per score.
class SeriesCache {
 public:
  SeriesCache(const RunSource& runs, std::string strategy)
      : runs_(runs), strategy_(std::move(strategy)), names_(runs.series()) {}

  const SeriesBlock& get(const std::string& name) {
    const auto found = std::find(names_.begin(), names_.end(), name);
    if (found == names_.end()) {
      throw Error(ErrorId::request_unknown_series,
                  "the runs do not record the series '" + name + "'");
    }
    const auto index = static_cast<std::size_t>(found - names_.begin());
    auto it = blocks_.find(index);
    if (it == blocks_.end()) it = blocks_.emplace(index, runs_.block(strategy_, index)).first;
    return it->second;
  }

 private:
  const RunSource& runs_;
  std::string strategy_;
  std::vector<std::string> names_;
  std::map<std::size_t, SeriesBlock> blocks_;
};

using Groups = std::vector<std::vector<std::pair<const SeriesTest*, const SeriesBlock*>>>;

bool holds_in_month(const Groups& groups, int run, int month) {
  return std::any_of(groups.begin(), groups.end(), [&](const auto& group) {
    return std::all_of(group.begin(), group.end(), [&](const auto& test) {
      return passes(*test.first, test.second->at(run, month));
    });
  });
}

bool holds_in_run(const EventPredicate& p, const Groups& groups, int run) {
  switch (p.window) {
    case EventWindow::at:
      return holds_in_month(groups, run, p.month);
    case EventWindow::throughout:
      for (int m = 0; m <= p.month; ++m) {
        if (!holds_in_month(groups, run, m)) return false;
      }
      return true;
    case EventWindow::by:
      break;
  }
  for (int m = 0; m <= p.month; ++m) {
    if (holds_in_month(groups, run, m)) return true;
  }
  return false;
}

EventScore score_event(const ObservedEvent& event, SeriesCache& cache) {
  Groups groups;
  for (const auto& group : event.predicate.any_of) {
    auto& resolved = groups.emplace_back();
    for (const SeriesTest& test : group) resolved.emplace_back(&test, &cache.get(test.series));
  }
  const int runs = groups.at(0).at(0).second->runs;
  if (runs == 0) throw Error(ErrorId::request_invalid_option, "no runs to score");
  int held = 0, held_at_start = 0;
  for (int r = 0; r < runs; ++r) {
    held += holds_in_run(event.predicate, groups, r) ? 1 : 0;
    // Persistence: the run's starting state held for good satisfies the predicate in every
    // window exactly when month 0 does.
    held_at_start += holds_in_month(groups, r, 0) ? 1 : 0;
  }
  EventScore score;
  score.id = event.id;
  score.happened = event.happened;
  const double outcome = event.happened ? 1.0 : 0.0;
  score.probability = static_cast<double>(held) / runs;
  score.brier = (score.probability - outcome) * (score.probability - outcome);
  score.persistence_probability = static_cast<double>(held_at_start) / runs;
  score.persistence_brier =
      (score.persistence_probability - outcome) * (score.persistence_probability - outcome);
  return score;
}

double crps_of(const std::vector<double>& ensemble, const IndicatorObservation& o) {
  return o.interval ? crps(ensemble, o.interval->first, o.interval->second)
                    : crps(ensemble, o.value);
}

std::vector<double> month_values(const SeriesBlock& block, int month) {
  std::vector<double> values(static_cast<std::size_t>(block.runs));
  for (int r = 0; r < block.runs; ++r) values[static_cast<std::size_t>(r)] = block.at(r, month);
  return values;
}

IndicatorScore score_indicator(const Observations& observations, std::size_t index,
                               SeriesCache& cache, const ScorePlan& plan) {
  const IndicatorObservation& o = observations.indicators[index];
  const SeriesBlock& block = cache.get(o.series);
  const std::vector<double> ensemble = month_values(block, o.month);
  const std::vector<double> start = month_values(block, 0);
  IndicatorScore score;
  score.observation = index;
  score.crps = crps_of(ensemble, o);
  score.median = quantile(ensemble, 0.5);
  score.error = score.median - o.value;
  for (double level : plan.band_levels) {
    const double low = quantile(ensemble, (1.0 - level) / 2.0);
    const double high = quantile(ensemble, (1.0 + level) / 2.0);
    score.in_band.push_back(low <= o.value && o.value <= high);
  }
  score.persistence_median = quantile(start, 0.5);
  score.persistence_crps = crps_of(start, o);
  score.trend = trend_forecast(observations, index);
  if (score.trend) score.trend_crps = crps_of({*score.trend}, o);
  return score;
}

std::optional<double> skill(double score, double baseline) {
  if (!(baseline > 0)) return std::nullopt;
  return 1.0 - score / baseline;
}

ScoreSummary summarise_scores(const StrategyScore& s, std::size_t levels) {
  ScoreSummary sum;
  for (const EventScore& e : s.events) {
    sum.brier += e.brier;
    sum.persistence_brier += e.persistence_brier;
  }
  if (!s.events.empty()) {
    sum.brier /= static_cast<double>(s.events.size());
    sum.persistence_brier /= static_cast<double>(s.events.size());
    sum.brier_skill = skill(sum.brier, sum.persistence_brier);
  }
  sum.covered.assign(levels, 0);
  for (const IndicatorScore& i : s.indicators) {
    sum.crps += i.crps;
    sum.persistence_crps += i.persistence_crps;
    sum.mean_absolute_error += std::abs(i.error);
    for (std::size_t l = 0; l < levels; ++l) sum.covered[l] += i.in_band[l] ? 1 : 0;
    if (i.trend_crps) {
      ++sum.trend_count;
      sum.crps_where_trend += i.crps;
      sum.trend_crps += *i.trend_crps;
    }
  }
  if (!s.indicators.empty()) {
    const auto n = static_cast<double>(s.indicators.size());
    sum.crps /= n;
    sum.persistence_crps /= n;
    sum.mean_absolute_error /= n;
    sum.crps_skill = skill(sum.crps, sum.persistence_crps);
  }
  if (sum.trend_count > 0) {
    sum.crps_where_trend /= static_cast<double>(sum.trend_count);
    sum.trend_crps /= static_cast<double>(sum.trend_count);
    sum.trend_skill = skill(sum.crps_where_trend, sum.trend_crps);
  }
  return sum;
}

}  // namespace

MemoryRunSource::MemoryRunSource(const Scenario& scenario, const std::vector<StrategyRuns>& results)
    : results_(&results), series_(series_names(scenario)) {}

std::vector<std::string> MemoryRunSource::strategies() const {
  std::vector<std::string> out;
  for (const StrategyRuns& s : *results_) out.push_back(s.strategy);
  return out;
}

int MemoryRunSource::months() const {
  for (const StrategyRuns& s : *results_) {
    if (!s.runs.empty()) return static_cast<int>(s.runs.front().months.size()) - 1;
  }
  return 0;
}

SeriesBlock MemoryRunSource::block(const std::string& strategy, std::size_t series) const {
  const auto found = std::find_if(results_->begin(), results_->end(),
                                  [&](const StrategyRuns& s) { return s.strategy == strategy; });
  if (found == results_->end()) {
    throw Error(ErrorId::request_unknown_strategy, "strategy '" + strategy + "' was not run");
  }
  if (series >= series_.size()) {
    throw Error(ErrorId::request_unknown_series, "no series " + std::to_string(series));
  }
  SeriesBlock block;
  block.runs = static_cast<int>(found->runs.size());
  block.months = months();
  block.values.reserve(static_cast<std::size_t>(block.runs) *
                       static_cast<std::size_t>(block.months + 1));
  for (const EngagementRun& run : found->runs) {
    for (int m = 0; m <= block.months; ++m) {
      block.values.push_back(run.months[static_cast<std::size_t>(m)].values[series]);
    }
  }
  return block;
}

ObservationContext observation_context(const RunSource& runs, const Scenario& scenario) {
  return {runs.series(), scenario.meta.as_of, runs.months()};
}

double crps(std::vector<double> ensemble, double observed) {
  return crps(std::move(ensemble), observed, observed);
}

double crps(std::vector<double> ensemble, double low, double high) {
  if (ensemble.empty()) throw Error(ErrorId::request_invalid_option, "CRPS of an empty ensemble");
  std::sort(ensemble.begin(), ensemble.end());
  const auto n = static_cast<double>(ensemble.size());
  // E|X - Y|, Y uniform on [low, high] (a point when low == high).
  const double middle = 0.5 * (low + high);
  double distance = 0;
  for (double x : ensemble) {
    if (x <= low) {
      distance += middle - x;
    } else if (x >= high) {
      distance += x - middle;
    } else {
      distance += ((x - low) * (x - low) + (high - x) * (high - x)) / (2.0 * (high - low));
    }
  }
  // E|X - X'| over all n^2 ordered pairs: sorted, x_k is above k values and below n - 1 - k.
  double spread = 0;
  for (std::size_t k = 0; k < ensemble.size(); ++k) {
    spread += ensemble[k] * (2.0 * static_cast<double>(k) - n + 1.0);
  }
  spread *= 2.0 / (n * n);
  return std::max(0.0, distance / n - 0.5 * spread);
}

std::optional<double> trend_forecast(const Observations& observations, std::size_t index) {
  const IndicatorObservation& target = observations.indicators.at(index);
  std::vector<std::pair<double, double>> earlier;  // (month, value)
  for (const auto* list : {&observations.earlier_indicators, &observations.indicators}) {
    for (const IndicatorObservation& o : *list) {
      if (o.series == target.series && o.month < target.month) {
        earlier.emplace_back(o.month, o.value);
      }
    }
  }
  if (earlier.empty()) return std::nullopt;
  std::sort(earlier.begin(), earlier.end());
  if (earlier.size() == 1) return earlier.front().second;
  double mean_t = 0, mean_y = 0;
  for (auto [t, y] : earlier) mean_t += t, mean_y += y;
  mean_t /= static_cast<double>(earlier.size());
  mean_y /= static_cast<double>(earlier.size());
  double covariance = 0, variance = 0;
  for (auto [t, y] : earlier) {
    covariance += (t - mean_t) * (y - mean_y);
    variance += (t - mean_t) * (t - mean_t);
  }
  if (variance == 0) return mean_y;  // every earlier value in one month: no slope to extend
  return mean_y + covariance / variance * (target.month - mean_t);
}

StrategyScore score_strategy(const RunSource& runs, const std::string& strategy,
                             const Observations& observations, const ScorePlan& plan) {
  const auto strategies = runs.strategies();
  if (std::find(strategies.begin(), strategies.end(), strategy) == strategies.end()) {
    throw Error(ErrorId::request_unknown_strategy, "strategy '" + strategy + "' was not run");
  }
  if (last_month(observations) > runs.months()) {
    throw Error(ErrorId::request_beyond_runs,
                "the observations reach month " + std::to_string(last_month(observations)) +
                    ", the runs only " + std::to_string(runs.months()));
  }
  SeriesCache cache(runs, strategy);
  StrategyScore score;
  score.strategy = strategy;
  for (const ObservedEvent& event : observations.events) {
    score.events.push_back(score_event(event, cache));
  }
  for (std::size_t i = 0; i < observations.indicators.size(); ++i) {
    if (cache.get(observations.indicators[i].series).runs == 0) {
      throw Error(ErrorId::request_invalid_option, "no runs to score");
    }
    score.indicators.push_back(score_indicator(observations, i, cache, plan));
  }
  score.summary = summarise_scores(score, plan.band_levels.size());
  return score;
}

std::vector<double> relative_crps_scales(const Observations& observations) {
  std::map<std::string, std::pair<double, int>> magnitude;  // series -> (sum |value|, count)
  for (const IndicatorObservation& o : observations.indicators) {
    auto& [sum, count] = magnitude[o.series];
    sum += std::abs(o.value);
    ++count;
  }
  std::vector<double> scales;
  for (const IndicatorObservation& o : observations.indicators) {
    const auto [sum, count] = magnitude.at(o.series);
    scales.push_back(sum > 0 ? sum / count : 1.0);
  }
  return scales;
}

double score_distance(const StrategyScore& score, const std::vector<double>& crps_scales,
                      const DistanceWeights& weights) {
  double events = 0;
  for (const EventScore& e : score.events) events += e.brier;
  if (!score.events.empty()) events /= static_cast<double>(score.events.size());
  double indicators = 0;
  for (const IndicatorScore& i : score.indicators) {
    indicators += i.crps / crps_scales.at(i.observation);
  }
  if (!score.indicators.empty()) indicators /= static_cast<double>(score.indicators.size());
  return weights.events * events + weights.indicators * indicators;
}

}  // namespace parley
