// Scoring runs against observations: exact CRPS, event probabilities in every window, bands,
// the persistence and trend baselines, skill, and the run source over a comparison in memory.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "parley/analysis.hpp"
#include "parley/models.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

// Runs written by hand: per series, per run, the values at months 0, 1, 2, ...
class HandRuns : public RunSource {
 public:
  HandRuns(std::vector<std::string> names, std::vector<std::vector<std::vector<double>>> values)
      : names_(std::move(names)), values_(std::move(values)) {}
  std::vector<std::string> strategies() const override { return {"s"}; }
  std::vector<std::string> series() const override { return names_; }
  int months() const override { return static_cast<int>(values_[0][0].size()) - 1; }
  SeriesBlock block(const std::string& strategy, std::size_t series) const override {
    if (strategy != "s") throw Error(ErrorId::request_unknown_strategy, "no such strategy");
    SeriesBlock b;
    b.runs = static_cast<int>(values_[series].size());
    b.months = months();
    for (const auto& run : values_[series]) b.values.insert(b.values.end(), run.begin(), run.end());
    return b;
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<std::vector<double>>> values_;
};

double naive_crps(const std::vector<double>& x, double y) {
  double a = 0, b = 0;
  for (double xi : x) {
    a += std::abs(xi - y);
    for (double xj : x) b += std::abs(xi - xj);
  }
  const double n = static_cast<double>(x.size());
  return a / n - 0.5 * b / (n * n);
}

TEST(Scoring, CrpsIsTheExactCrpsOfTheEnsemble) {
  EXPECT_DOUBLE_EQ(crps({3.0}, 1.0), 2.0);        // one member: the absolute error
  EXPECT_DOUBLE_EQ(crps({0.0, 1.0}, 0.0), 0.25);  // 0.5 - 0.5 * 0.5
  RandomStream random(4, 0, 0);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> x(1 + trial * 7);
    for (double& v : x) v = 10 * random.normal();
    const double y = 5 * random.normal();
    EXPECT_NEAR(crps(x, y), naive_crps(x, y), 1e-9);
  }
  test::expect_error([] { crps({}, 1.0); }, ErrorId::request_invalid_option, "empty ensemble");
}

TEST(Scoring, CrpsAgainstAnIntervalIsItsMeanOverTheInterval) {
  const std::vector<double> x = {0.5, 1.0, 1.5, 4.0, 7.0};
  double mean = 0;
  const int steps = 20000;
  for (int i = 0; i < steps; ++i) mean += naive_crps(x, 1.0 + 2.0 * (i + 0.5) / steps);
  EXPECT_NEAR(crps(x, 1.0, 3.0), mean / steps, 1e-6);
  EXPECT_DOUBLE_EQ(crps(x, 2.0, 2.0), crps(x, 2.0));
}

Observations with_events(std::vector<std::pair<std::string, bool>> predicates) {
  Observations o;
  o.start = "2021-11";
  for (std::size_t i = 0; i < predicates.size(); ++i) {
    ObservedEvent e;
    e.id = "e" + std::to_string(i);
    e.happened = predicates[i].second;
    o.events.push_back(e);
  }
  return o;
}

TEST(Scoring, EventsAreScoredInEveryWindowAgainstPersistence) {
  // Four runs of x over months 0..3; y is 1 in runs 0 and 1 only.
  const HandRuns runs({"x", "y"}, {{{0, 1, 2, 3}, {0, 0, 0, 0}, {5, 5, 0, 5}, {0, 0, 0, 2}},
                                   {{1, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}}});
  Observations o = with_events({{"", true}, {"", false}, {"", true}, {"", true}, {"", false}});
  auto set = [&](std::size_t i, std::vector<std::vector<SeriesTest>> any_of, EventWindow w,
                 int month) {
    o.events[i].predicate = {std::move(any_of), w, month, ""};
  };
  set(0, {{{"x", ">=", 2}}}, EventWindow::by, 2);          // runs 0, 2 (5 at month 0)
  set(1, {{{"x", ">=", 2}}}, EventWindow::at, 2);          // run 0 only (run 2 is 0 then)
  set(2, {{{"x", ">=", 2}}}, EventWindow::throughout, 3);  // nobody: run 2 drops at month 2
  set(3, {{{"x", ">", 0}, {"y", "!=", 0}}, {{"x", "==", 2}}}, EventWindow::by, 3);  // 0 and 3
  set(4, {{{"y", "!=", 0}}}, EventWindow::by, 1);  // a bare series: runs 0 and 1
  const StrategyScore s = score_strategy(runs, "s", o);
  ASSERT_EQ(s.events.size(), 5u);
  EXPECT_DOUBLE_EQ(s.events[0].probability, 0.5);
  EXPECT_DOUBLE_EQ(s.events[0].brier, 0.25);
  EXPECT_DOUBLE_EQ(s.events[0].persistence_probability, 0.25);  // run 2 starts at 5
  EXPECT_DOUBLE_EQ(s.events[0].persistence_brier, 0.5625);
  EXPECT_DOUBLE_EQ(s.events[1].probability, 0.25);
  EXPECT_DOUBLE_EQ(s.events[1].brier, 0.0625);
  EXPECT_DOUBLE_EQ(s.events[2].probability, 0.0);
  EXPECT_DOUBLE_EQ(s.events[2].brier, 1.0);
  EXPECT_DOUBLE_EQ(s.events[3].probability, 0.5);
  EXPECT_DOUBLE_EQ(s.events[3].persistence_probability, 0.0);
  EXPECT_DOUBLE_EQ(s.events[4].probability, 0.5);
  EXPECT_DOUBLE_EQ(s.events[4].persistence_probability, 0.5);
  const double brier = (0.25 + 0.0625 + 1.0 + 0.25 + 0.25) / 5;
  const double persistence = (0.5625 + 0.0625 + 0.5625 + 1.0 + 0.25) / 5;
  EXPECT_DOUBLE_EQ(s.summary.brier, brier);
  EXPECT_DOUBLE_EQ(s.summary.persistence_brier, persistence);
  ASSERT_TRUE(s.summary.brier_skill);
  EXPECT_DOUBLE_EQ(*s.summary.brier_skill, 1.0 - brier / persistence);
  test::expect_error([&] { score_strategy(runs, "other", o); }, ErrorId::request_unknown_strategy,
                     "strategy 'other' was not run");
  o.indicators.push_back({"x", 4, 1.0, std::nullopt, "", ""});  // the runs stop at month 3
  test::expect_error([&] { score_strategy(runs, "s", o); }, ErrorId::request_beyond_runs,
                     "the observations reach month 4, the runs only 3");
  o.indicators.back() = {"nope", 1, 1.0, std::nullopt, "", ""};
  test::expect_error([&] { score_strategy(runs, "s", o); }, ErrorId::request_unknown_series,
                     "the runs do not record the series 'nope'");
}

TEST(Scoring, IndicatorsGetCrpsMedianBandsAndBothBaselines) {
  // Ten runs: value r at month 0 and 10 + r at month 2.
  std::vector<std::vector<double>> x;
  x.reserve(10);
  for (int r = 0; r < 10; ++r) x.push_back({double(r), 5.0 + r, 10.0 + r});
  const HandRuns runs({"x"}, {x});
  Observations o;
  o.start = "2021-11";
  o.indicators = {{"x", 0, 4.0, std::nullopt, "", ""},
                  {"x", 1, 6.0, std::nullopt, "", ""},
                  {"x", 2, 19.5, std::nullopt, "", ""}};
  const StrategyScore s = score_strategy(runs, "s", o);
  ASSERT_EQ(s.indicators.size(), 3u);
  const IndicatorScore& last = s.indicators[2];
  std::vector<double> at_two;
  at_two.reserve(10);
  for (int r = 0; r < 10; ++r) at_two.push_back(10.0 + r);
  EXPECT_DOUBLE_EQ(last.crps, naive_crps(at_two, 19.5));
  EXPECT_DOUBLE_EQ(last.median, 14.5);
  EXPECT_DOUBLE_EQ(last.error, -5.0);
  // 50%: [12.25, 16.75]; 80%: [10.9, 18.1]; 90%: [10.45, 18.55]: none holds 19.5.
  EXPECT_EQ(last.in_band, (std::vector<bool>{false, false, false}));
  EXPECT_EQ(s.indicators[1].in_band, (std::vector<bool>{false, true, true}));  // 6 in [5.9, 13.1]
  EXPECT_DOUBLE_EQ(last.persistence_median, 4.5);
  std::vector<double> at_zero;
  at_zero.reserve(10);
  for (int r = 0; r < 10; ++r) at_zero.push_back(r);
  EXPECT_DOUBLE_EQ(last.persistence_crps, naive_crps(at_zero, 19.5));
  // The trend: none for the first value, the first value for the second, then a line.
  EXPECT_FALSE(s.indicators[0].trend);
  EXPECT_DOUBLE_EQ(*s.indicators[1].trend, 4.0);
  EXPECT_DOUBLE_EQ(*last.trend, 8.0);  // through (0, 4) and (1, 6)
  EXPECT_DOUBLE_EQ(*last.trend_crps, 11.5);
  EXPECT_EQ(s.summary.covered, (std::vector<std::size_t>{1, 2, 2}));  // 4 is in every band
  EXPECT_EQ(s.summary.trend_count, 2u);
  EXPECT_DOUBLE_EQ(s.summary.trend_crps, (2.0 + 11.5) / 2);
  EXPECT_DOUBLE_EQ(s.summary.mean_absolute_error, (0.5 + 3.5 + 5.0) / 3);
}

TEST(Scoring, TheTrendIsTheLeastSquaresLineThroughEarlierValuesOfTheSameSeries) {
  Observations o;
  o.indicators = {{"x", 0, 1.0, {}, "", ""}, {"y", 3, 100.0, {}, "", ""},
                  {"x", 2, 2.0, {}, "", ""}, {"x", 4, 4.0, {}, "", ""},
                  {"x", 6, 0.0, {}, "", ""}, {"x", 6, 7.0, {}, "", ""}};
  EXPECT_FALSE(trend_forecast(o, 0));
  EXPECT_FALSE(trend_forecast(o, 1));  // no earlier y
  EXPECT_DOUBLE_EQ(*trend_forecast(o, 2), 1.0);
  EXPECT_DOUBLE_EQ(*trend_forecast(o, 3), 3.0);
  // Through (0, 1), (2, 2), (4, 4): slope 0.75, mean (2, 7/3); at month 6: 7/3 + 3.
  EXPECT_NEAR(*trend_forecast(o, 4), 7.0 / 3.0 + 3.0, 1e-12);
  EXPECT_NEAR(*trend_forecast(o, 5), 7.0 / 3.0 + 3.0, 1e-12);  // the same month is not earlier
  // Scored on a later window only, the line still runs through the values published before it.
  const Observations late = observations_between(o, 5, 6);
  ASSERT_EQ(late.indicators.size(), 2u);
  EXPECT_NEAR(*trend_forecast(late, 0), 7.0 / 3.0 + 3.0, 1e-12);
}

TEST(Scoring, TheDistanceWeighsMeanBrierAndRelativeCrps) {
  Observations o;
  o.indicators = {
      {"x", 0, 10.0, {}, "", ""}, {"x", 0, 30.0, {}, "", ""}, {"z", 0, 0.0, {}, "", ""}};
  o.events.resize(2);
  StrategyScore s;
  s.events = {{"a", true, 0.5, 0.25, 0, 0}, {"b", false, 0.0, 0.0, 0, 0}};
  s.indicators.resize(3);
  s.indicators[0].observation = 0, s.indicators[0].crps = 4.0;
  s.indicators[1].observation = 1, s.indicators[1].crps = 2.0;
  s.indicators[2].observation = 2, s.indicators[2].crps = 0.3;
  const std::vector<double> scales = relative_crps_scales(o);
  EXPECT_EQ(scales, (std::vector<double>{20.0, 20.0, 1.0}));  // z's values are 0: scale 1
  EXPECT_DOUBLE_EQ(score_distance(s, scales), 0.125 + (0.2 + 0.1 + 0.3) / 3);
  EXPECT_DOUBLE_EQ(score_distance(s, scales, {2.0, 0.0}), 0.25);
  EXPECT_DOUBLE_EQ(score_distance(s, {4.0, 1.0, 0.3}), 0.125 + (1.0 + 2.0 + 1.0) / 3);
}

TEST(Scoring, TheMemorySourceHandsOutEveryRunOfASeries) {
  const Scenario s = test::leverage_case();
  ComparisonPlan plan;
  plan.strategies = {"isolation", "piecemeal"};
  plan.runs = 3;
  plan.threads = 1;
  plan.engagement.months = 4;
  plan.engagement.engine = "compromise";
  const auto results = run_comparison(s, plan);
  const MemoryRunSource source(s, results);
  EXPECT_EQ(source.strategies(), plan.strategies);
  EXPECT_EQ(source.series(), series_names(s));
  EXPECT_EQ(source.months(), 4);
  const std::size_t food = series_index(s, "food_insecure_millions");
  const SeriesBlock block = source.block("piecemeal", food);
  ASSERT_EQ(block.runs, 3);
  for (int r = 0; r < 3; ++r) {
    for (int m = 0; m <= 4; ++m) {
      EXPECT_EQ(block.at(r, m), results[1]
                                    .runs[static_cast<std::size_t>(r)]
                                    .months[static_cast<std::size_t>(m)]
                                    .values[food]);
    }
  }
  const ObservationContext context = observation_context(source, s);
  EXPECT_EQ(context.months, 4);
  EXPECT_EQ(context.series.size(), series_names(s).size());
  test::expect_error([&] { source.block("nope", food); }, ErrorId::request_unknown_strategy,
                     "strategy 'nope' was not run");
  test::expect_error([&] { source.block("piecemeal", 1000); }, ErrorId::request_unknown_series,
                     "no series 1000");
}

}  // namespace
}  // namespace parley
