// A simulation the scenario cannot serve is refused with the error's id, before any month runs.
#include <gtest/gtest.h>

#include "parley/engagement.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

EngagementRun simulate(const Scenario& s, const std::string& strategy,
                       const std::string& engine = "compromise") {
  EngagementOptions options;
  options.engine = engine;
  options.months = 2;
  return simulate_engagement(s, strategy, options, 1, 0);
}

TEST(SimulateEngagement, RefusesAnUnknownStrategyNamingTheScenariosOwn) {
  const Scenario s = test::leverage_case();
  test::expect_error([&] { simulate(s, "nope"); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'nope'; this scenario defines: isolation, "
                     "quiet-benchmarks, piecemeal, relief");
  Scenario none = s;
  none.strategies.clear();
  test::expect_error([&] { simulate(none, "nope"); }, ErrorId::request_unknown_strategy,
                     "this scenario defines: none");
  EXPECT_EQ(simulate(s, "relief").months.size(), 3u);
}

TEST(SimulateEngagement, RefusesAScenarioWithoutARegime) {
  Scenario s = test::leverage_case();
  s.regime.reset();
  test::expect_error([&] { simulate(s, ""); }, ErrorId::request_no_regime,
                     "the engagement simulation needs a regime: block");
}

TEST(SimulateEngagement, RefusesAnEngineThatIsUnknownOrNotPerIssue) {
  const Scenario s = test::leverage_case();
  test::expect_error([&] { simulate(s, "", "smp"); }, ErrorId::model_not_per_issue,
                     "engine 'smp' treats issues jointly; the engagement simulator needs a "
                     "per-issue model (compromise, median, eum)");
  test::expect_error([&] { simulate(s, "", "oracle"); }, ErrorId::model_unknown,
                     "unknown model 'oracle'");
  test::expect_error([&] { simulate(s, "", "eum(q=2)"); }, ErrorId::model_bad_parameter_value,
                     "eum parameter 'q': expected a number in [0, 1], got 2");
}

}  // namespace
}  // namespace parley
