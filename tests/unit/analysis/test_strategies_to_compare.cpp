// Which strategies a comparison runs when the caller names none: the CLI and the benchmarks
// both rely on this one rule.
#include <gtest/gtest.h>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

TEST(StrategiesToCompare, NamedStrategiesWin) {
  const Scenario s =
      load_scenario_text(embedded_default_scenario(), embedded_default_scenario_name);
  EXPECT_EQ(strategies_to_compare(s, {"piecemeal", "isolation"}),
            (std::vector<std::string>{"piecemeal", "isolation"}));
}

TEST(StrategiesToCompare, NoneNamedMeansEveryStrategyOfTheScenario) {
  const Scenario s =
      load_scenario_text(embedded_default_scenario(), embedded_default_scenario_name);
  ASSERT_FALSE(s.strategies.empty());
  std::vector<std::string> ids;
  for (const Strategy& strategy : s.strategies) ids.push_back(strategy.id);
  EXPECT_EQ(strategies_to_compare(s), ids);
}

TEST(StrategiesToCompare, AScenarioWithoutStrategiesRunsTheBaseline) {
  Scenario s = load_scenario_text(embedded_default_scenario(), embedded_default_scenario_name);
  s.strategies.clear();
  EXPECT_EQ(strategies_to_compare(s), std::vector<std::string>{""});
}

}  // namespace
}  // namespace parley
