// The source texts' claims as results of the engagement model. Each test states the mechanism
// and would fail if the mechanism were removed from the model.
#include <gtest/gtest.h>

#include "parley/analysis.hpp"
#include "parley/engagement.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

using test::leverage_case;

constexpr std::size_t girls = 0, access = 2;  // issue indices in leverage.yaml

double at(const EngagementRun& run, Indicator indicator, int month = 36) {
  return run.months[month][indicator];
}

// Every claim must hold whichever bargaining engine the regime and the tracks use.
class SeedClaims : public ::testing::TestWithParam<std::string> {
 protected:
  EngagementRun simulate(const Scenario& s, const std::string& strategy) const {
    EngagementOptions options;
    options.engine = GetParam();
    return simulate_engagement(s, strategy, options, 7, 0);
  }
  double leverage_threshold(Scenario s, const std::string& strategy) const;
};

void set_weights(Scenario& s, double revenue) {
  s.regime->weights = {0.8 - revenue, 0.1, revenue, 0.1};
}

// Seed 001: leverage fails because the leadership values cohesion (and ideology) above money.
// Mechanism: the revenue that bundled conditions would release enters each faction's utility
// weighted by its revenue weight; the concession's cost in internal dissent, by its cohesion
// weight.
TEST_P(SeedClaims, LeverageBuysNoConcessionWhileCohesionOutweighsRevenue) {
  Scenario s = leverage_case();
  set_weights(s, 0.1);  // cohesion 0.7 > revenue 0.1
  const EngagementRun run = simulate(s, "isolation");
  EXPECT_LT(run.months[36].policy(girls), 20.0);
  EXPECT_LT(at(run, Indicator::revenue_usd_bn), 1.0);  // the sanctions stay on
}

// The lowest revenue weight (cohesion = 0.8 - revenue) at which the regime meets the 50
// benchmark within 36 months under `strategy`; -1 if it never does.
double SeedClaims::leverage_threshold(Scenario s, const std::string& strategy) const {
  double threshold = -1;
  bool conceded_before = false;
  for (int step = 0; step <= 32; ++step) {
    const double revenue = 0.025 * step;
    set_weights(s, revenue);
    const bool conceded = simulate(s, strategy).months[36].policy(girls) >= 50.0 - 1e-9;
    EXPECT_FALSE(conceded_before && !conceded)
        << "concession must not vanish as revenue counts more";
    if (conceded && threshold < 0) threshold = revenue;
    conceded_before = conceded_before || conceded;
  }
  return threshold;
}

TEST_P(SeedClaims, ASweepOverTheWeightsFindsWhereLeverageStartsToWork) {
  const double threshold = leverage_threshold(leverage_case(), "isolation");
  ASSERT_GT(threshold, 0) << "leverage never worked, whatever the weights";
  // Below the threshold no concession (the claim above); a threshold exists inside the sweep.
  EXPECT_GE(threshold, 0.05);
  EXPECT_LE(threshold, 0.6);
  RecordProperty("revenue_weight_threshold", std::to_string(threshold));
}

// Seed 001: piecemeal, technical engagement helps the population without recognising the regime.
TEST_P(SeedClaims, PiecemealImprovesHumanitarianIndicatorsWithoutRecognition) {
  const Scenario s = leverage_case();
  const EngagementRun isolation = simulate(s, "isolation");
  const EngagementRun piecemeal = simulate(s, "piecemeal");
  EXPECT_GT(piecemeal.months[36].policy(access), isolation.months[36].policy(access) + 10);
  EXPECT_LT(at(piecemeal, Indicator::food_insecure_millions),
            at(isolation, Indicator::food_insecure_millions) - 0.5);
  EXPECT_EQ(at(piecemeal, Indicator::recognition_steps),
            at(isolation, Indicator::recognition_steps));
  EXPECT_EQ(piecemeal.months[36].policy(1), isolation.months[36].policy(1));
}

// Seed 000: starving the state while it is weak feeds the spoiler through defections.
TEST_P(SeedClaims, StarvingALowCohesionRegimeRaisesSpoilerStrengthThroughDefections) {
  Scenario s = leverage_case();
  s.regime->cohesion = 0.5;
  const double starved = at(simulate(s, "piecemeal"), Indicator::spoiler_strength);
  const double fed = at(simulate(s, "relief"), Indicator::spoiler_strength);
  EXPECT_GT(at(simulate(s, "piecemeal"), Indicator::defections), 0.0);
  EXPECT_GT(starved, fed + 0.02);
  // Remove the channel (defectors do not join the spoiler): the gap closes.
  s.spoiler->recruitment_from_defection = 0.0;
  const double starved_no_channel = at(simulate(s, "piecemeal"), Indicator::spoiler_strength);
  const double fed_no_channel = at(simulate(s, "relief"), Indicator::spoiler_strength);
  EXPECT_LT(std::abs(starved_no_channel - fed_no_channel), 0.3 * (starved - fed));
}

// Seed 001: public conditionality and isolation cost respect, and lost respect hardens positions:
// the same offer needs a regime that cares more about money before it works.
TEST_P(SeedClaims, RespectLostToPublicConditionalityHardensPositions) {
  const Scenario s = leverage_case();
  Scenario probe = s;
  set_weights(probe, 0.3);
  EXPECT_LT(at(simulate(probe, "isolation"), Indicator::respect, 12),
            at(simulate(probe, "quiet-benchmarks"), Indicator::respect, 12));
  const double loud = leverage_threshold(s, "isolation");
  const double quiet = leverage_threshold(s, "quiet-benchmarks");
  ASSERT_GT(quiet, 0);
  EXPECT_GT(loud, quiet + 0.02) << "loud " << loud << ", quiet " << quiet;
  // Without the respect and yielding channels the manner of engagement stops mattering.
  Scenario flat = s;
  flat.parameters["defiance_sensitivity"] = 0;
  flat.parameters["yielding_cost"] = 0;
  EXPECT_EQ(leverage_threshold(flat, "isolation"), leverage_threshold(flat, "quiet-benchmarks"));
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedClaims, ::testing::Values("compromise", "eum"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parley
