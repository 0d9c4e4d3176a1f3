// A sweep over one number: where leverage starts to work, with the swept number exempt from the
// uncertainty draws and every other draw the same at every value.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "parley/analysis.hpp"
#include "parley/io.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

using test::leverage_case;

SweepPlan revenue_sweep() {
  SweepPlan plan;
  plan.path = "regime.weights.revenue";
  plan.values = {0.0, 0.8};
  plan.series = {"policy:girls_education", "food_insecure_millions"};
  plan.comparison.strategies = {"isolation", "piecemeal"};
  plan.comparison.runs = 8;
  plan.comparison.threads = 1;
  return plan;
}

const SweepPoint& point(const std::vector<SweepPoint>& points, double value,
                        const std::string& strategy, const std::string& series) {
  for (const SweepPoint& p : points) {
    if (p.value == value && p.strategy == strategy && p.series == series) return p;
  }
  throw std::logic_error("no such point");
}

TEST(Sweep, FindsWhereLeverageStartsToBuyTheConcession) {
  Scenario s = leverage_case();
  // A range on the swept number must not override the swept value.
  s.uncertainty.push_back({"regime.weights.revenue", {DistributionKind::uniform, {0.0, 0.05}}});
  s.uncertainty.push_back({"actors.*.capability", {DistributionKind::relative, {0.1}}});
  const auto points = run_sweep(s, revenue_sweep());
  ASSERT_EQ(points.size(), 2u * 2u * 2u);
  EXPECT_LT(point(points, 0.0, "isolation", "policy:girls_education").band.p50, 20.0);
  EXPECT_GE(point(points, 0.8, "isolation", "policy:girls_education").band.p50, 50.0 - 1e-9);
}

TEST(Sweep, EveryValueSeesTheSameDraws) {
  Scenario s = leverage_case();
  s.uncertainty.push_back({"actors.*.capability", {DistributionKind::relative, {0.3}}});
  SweepPlan plan = revenue_sweep();
  plan.path = "actors.east.capability";
  plan.values = {40.0, 40.0};  // the same value twice: the same draws give the same bands
  const auto points = run_sweep(s, plan);
  EXPECT_EQ(points[0].band.p10, points[4].band.p10);
  EXPECT_EQ(points[1].band.p90, points[5].band.p90);
}

TEST(Sweep, RejectsAnUnknownPathAValueOutOfRangeAndAnUnknownSeries) {
  const Scenario s = leverage_case();
  SweepPlan plan = revenue_sweep();
  plan.path = "regime.weights.revenu";
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_unknown_path,
                     "sweep: 'regime.weights.revenu' is not a number in this scenario");
  plan = revenue_sweep();
  plan.values = {1.5};  // a weight is a share in [0, 1]
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_value_out_of_range,
                     "sweep value 1.5 of regime.weights.revenue is outside its range [0, 1]");
  // Issue 13, F5: NaN passed the range test (every comparison with it is false).
  plan = revenue_sweep();
  plan.values = {std::numeric_limits<double>::quiet_NaN()};
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_value_out_of_range,
                     "sweep value nan of regime.weights.revenue is outside its range [0, 1]");
  plan = revenue_sweep();
  plan.values = {1e-320};
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_value_out_of_range,
                     "is not 0 and of magnitude below 1e-9");
  plan = revenue_sweep();
  plan.series = {"policy:no_such_issue"};
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_unknown_series,
                     "unknown series 'policy:no_such_issue' (expected an indicator");
  plan = revenue_sweep();
  plan.comparison.strategies = {"isolation", "nope"};
  test::expect_error([&] { run_sweep(s, plan); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'nope'; this scenario defines: isolation, "
                     "quiet-benchmarks, piecemeal, relief");
}

TEST(Sweep, CsvHasOneRowPerValueStrategyAndSeries) {
  const SweepPlan plan = revenue_sweep();
  const auto points = run_sweep(leverage_case(), plan);
  const std::string csv = sweep_csv(plan, points);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 8);
  EXPECT_NE(csv.find("regime.weights.revenue,0.8,isolation,policy:girls_education,36,"),
            std::string::npos);
}

}  // namespace
}  // namespace parley
