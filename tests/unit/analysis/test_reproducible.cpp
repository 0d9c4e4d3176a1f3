// Same inputs and seed give bit-identical results whatever the thread count; strategies share
// their random draws run by run.
#include <gtest/gtest.h>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

ComparisonPlan plan(int threads) {
  ComparisonPlan p;
  p.strategies = {"isolation", "piecemeal"};
  p.runs = 40;
  p.seed = 11;
  p.threads = threads;
  p.engagement.months = 24;
  return p;
}

bool same(const std::vector<StrategyRuns>& a, const std::vector<StrategyRuns>& b) {
  for (std::size_t s = 0; s < a.size(); ++s) {
    for (std::size_t r = 0; r < a[s].runs.size(); ++r) {
      for (std::size_t m = 0; m < a[s].runs[r].months.size(); ++m) {
        if (a[s].runs[r].months[m].values != b[s].runs[r].months[m].values) return false;
      }
    }
  }
  return true;
}

TEST(Reproducible, ThreadCountDoesNotChangeAnyNumber) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  EXPECT_TRUE(same(run_comparison(s, plan(1)), run_comparison(s, plan(2))));
  EXPECT_TRUE(same(run_comparison(s, plan(2)), run_comparison(s, plan(4))));
}

TEST(Reproducible, AnotherSeedGivesOtherDraws) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  ComparisonPlan other = plan(2);
  other.seed = 12;
  EXPECT_FALSE(same(run_comparison(s, plan(2)), run_comparison(s, other)));
}

TEST(Reproducible, RunRDrawsTheSameScenarioForEveryStrategy) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  ASSERT_FALSE(s.uncertainty.empty());
  const Scenario a = draw_scenario(s, 5, 3), b = draw_scenario(s, 5, 3), c = draw_scenario(s, 5, 4);
  EXPECT_EQ(a.regime->weights.revenue, b.regime->weights.revenue);
  EXPECT_EQ(a.actors[0].salience, b.actors[0].salience);
  EXPECT_NE(a.regime->weights.revenue, c.regime->weights.revenue);
}

TEST(Reproducible, TheSameStrategyTwiceGivesIdenticalRuns) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  ComparisonPlan twice = plan(2);
  twice.strategies = {"piecemeal", "piecemeal"};
  const auto results = run_comparison(s, twice);
  for (std::size_t r = 0; r < results[0].runs.size(); ++r) {
    EXPECT_EQ(results[0].runs[r].months.back().values, results[1].runs[r].months.back().values);
  }
}

TEST(Quantile, InterpolatesLinearlyBetweenOrderStatistics) {
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4, 5}, 0.1), 1.4);
  EXPECT_DOUBLE_EQ(quantile({7}, 0.9), 7);
}

}  // namespace
}  // namespace parley
