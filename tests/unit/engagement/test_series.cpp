// What a run records each month: one value per series of series_names(), so that every run of a
// comparison can be stored and queried by name.
#include <gtest/gtest.h>

#include <algorithm>

#include "parley/engagement.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  EXPECT_NE(found, names.end()) << name;
  return static_cast<std::size_t>(found - names.begin());
}

TEST(RecordedSeries, NamesIndicatorsPoliciesStatesAndNegotiatedTracks) {
  const Scenario s = test::leverage_case();
  const std::vector<std::string> names = series_names(s);
  EXPECT_EQ(names.front(), "food_insecure_millions");
  EXPECT_EQ(names[indicator_count], "policy:girls_education");
  // The three states, in scenario order; the armed group and factions are not states.
  EXPECT_EQ(index_of(names, "recognition:west_b"), index_of(names, "recognition:west_a") + 1);
  EXPECT_EQ(std::count_if(names.begin(), names.end(),
                          [](const std::string& n) { return n.rfind("recognition:", 0) == 0; }),
            3);
  // Tracks any strategy or baseline negotiates; a political issue is never a track.
  EXPECT_EQ(index_of(names, "agreement:water"),
            index_of(names, "agreement:humanitarian_access") + 1);
  EXPECT_EQ(std::find(names.begin(), names.end(), "agreement:girls_education"), names.end());
  // Last, whether the regime talks with each bloc, in the scenario's order.
  EXPECT_EQ(names[names.size() - 2], "talks:west");
  EXPECT_EQ(names.back(), "talks:regional");
}

TEST(RecordedSeries, EveryMonthHoldsOneValuePerSeriesMatchingTheRunsSummary) {
  const Scenario s = test::leverage_case();
  const std::vector<std::string> names = series_names(s);
  const EngagementRun run = simulate_engagement(s, "piecemeal", {}, 3, 0);
  for (const MonthRecord& month : run.months) ASSERT_EQ(month.values.size(), names.size());
  const std::size_t water_issue = 3, water = index_of(names, "agreement:water");
  const int agreed = run.agreement_month[water_issue];
  ASSERT_GT(agreed, 0) << "the water track never agreed under piecemeal";
  for (std::size_t m = 0; m < run.months.size(); ++m) {
    EXPECT_EQ(run.months[m].values[water], static_cast<int>(m) >= agreed ? 1.0 : 0.0) << m;
  }
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (s.actors[a].kind != ActorKind::state) continue;
    const std::size_t series = index_of(names, "recognition:" + s.actors[a].id);
    EXPECT_EQ(run.months.back().values[series], run.recognition_steps[a]) << s.actors[a].id;
  }
  EXPECT_EQ(run.months.back().policy(water_issue),
            run.months.back().values[index_of(names, "policy:water")]);
}

}  // namespace
}  // namespace parley
