// Morris screening: the factor an outcome hangs on comes first with the right sign, a number the
// outcome does not depend on gets no effect, and the thread count changes nothing.
#include <gtest/gtest.h>

#include <stdexcept>

#include "parley/analysis.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

Scenario screened_case() {
  Scenario s = test::leverage_case();
  s.uncertainty.push_back(
      {"instruments.aid.effects.food_security", {DistributionKind::uniform, {0.2, 0.6}}});
  s.uncertainty.push_back({"actors.east.capability", {DistributionKind::relative, {0.3}}});
  // Attacks follow the spoiler's strength; nothing feeds back from them into food security.
  s.uncertainty.push_back({"spoiler.attacks_per_month", {DistributionKind::spread, {2}}});
  return s;
}

SensitivityPlan plan_for(const std::string& strategy) {
  SensitivityPlan plan;
  plan.strategy = strategy;
  plan.trajectories = 6;
  plan.threads = 1;
  return plan;
}

const FactorEffect& factor(const std::vector<FactorEffect>& effects, const std::string& path) {
  for (const FactorEffect& e : effects) {
    if (e.path == path) return e;
  }
  throw std::logic_error("no factor " + path);
}

// The observed food insecurity is calibrated to the baseline aid, so a larger aid effect helps
// only a strategy that gives more aid than the baseline: piecemeal's full aid.
TEST(Morris, RanksTheAidEffectFirstWithItsSign) {
  const auto effects = morris_screening(screened_case(), plan_for("piecemeal"));
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(effects.front().path, "instruments.aid.effects.food_security");
  EXPECT_LT(effects.front().mu, 0.0);  // more effective aid, fewer people food-insecure
  EXPECT_DOUBLE_EQ(effects.front().low, 0.2);
  EXPECT_DOUBLE_EQ(effects.front().high, 0.6);
  EXPECT_EQ(factor(effects, "spoiler.attacks_per_month").mu_star, 0.0);
}

TEST(Morris, PairedDifferenceCancelsWhatBothStrategiesShare) {
  SensitivityPlan plan = plan_for("relief");
  plan.reference = "relief";
  for (const FactorEffect& e : morris_screening(screened_case(), plan)) {
    EXPECT_EQ(e.mu_star, 0.0) << e.path;
  }
}

TEST(Morris, ThreadCountChangesNothing) {
  SensitivityPlan one = plan_for("piecemeal"), two = one;
  two.threads = 2;
  const auto a = morris_screening(screened_case(), one);
  const auto b = morris_screening(screened_case(), two);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path);
    EXPECT_EQ(a[i].mu_star, b[i].mu_star);
    EXPECT_EQ(a[i].sigma, b[i].sigma);
  }
}

TEST(Morris, RejectsBadPlans) {
  const Scenario s = screened_case();
  SensitivityPlan plan = plan_for("relief");
  plan.levels = 3;
  test::expect_error([&] { morris_screening(s, plan); }, ErrorId::request_invalid_option,
                     "Morris screening needs an even number of levels >= 2, got 3");
  plan = plan_for("relief");
  plan.trajectories = 1;
  test::expect_error([&] { morris_screening(s, plan); }, ErrorId::request_invalid_option,
                     "Morris screening needs 2 trajectories or more, got 1");
  plan = plan_for("no-such-strategy");
  test::expect_error([&] { morris_screening(s, plan); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'no-such-strategy'; this scenario defines: isolation,");
  plan = plan_for("relief");
  plan.reference = "nope";
  test::expect_error([&] { morris_screening(s, plan); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'nope'");
  plan = plan_for("relief");
  plan.series = "policy:nothing";
  test::expect_error([&] { morris_screening(s, plan); }, ErrorId::request_unknown_series,
                     "unknown series 'policy:nothing'");
  test::expect_error([&] { morris_screening(test::leverage_case(), plan_for("relief")); },
                     ErrorId::request_no_uncertainty,
                     "the scenario's uncertainty block gives no number a range");
}

}  // namespace
}  // namespace parley
