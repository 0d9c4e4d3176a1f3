// Each actor's pull on an issue's outcome: its share of the weighted distance to the outcome,
// signed by the side it pulls from.
#include <gtest/gtest.h>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

TEST(Pulls, SharesOfWeightedDistanceSignedBySide) {
  const char* text = R"(parley: 1
meta: {name: Pulls}
issues: [{id: tax, kind: political}]
actors:
  - {id: low, kind: state, capability: 10, positions: {tax: 0}, salience: {tax: 100}}
  - {id: mid, kind: state, capability: 10, positions: {tax: 50}, salience: {tax: 100}}
  - {id: high, kind: state, capability: 30, positions: {tax: 100}, salience: {tax: 50}}
)";
  Scenario s = load_scenario_text(text, "p.yaml");
  Forecast f = make_model("compromise")->forecast(s);
  // Weights 10, 10, 15; mean (0 + 500 + 1500) / 35 = 57.142857...
  const double outcome = 2000.0 / 35.0;
  ASSERT_NEAR(f.issues[0].outcome, outcome, 1e-12);
  auto pulls = actor_pulls(s, f.issues[0]);
  ASSERT_EQ(pulls.size(), 3u);
  const double total = 10 * outcome + 10 * (outcome - 50) + 15 * (100 - outcome);
  EXPECT_EQ(s.actors[pulls[0].actor].id, "high");
  EXPECT_NEAR(pulls[0].share, 15 * (100 - outcome) / total, 1e-12);
  EXPECT_EQ(s.actors[pulls[1].actor].id, "low");
  EXPECT_NEAR(pulls[1].share, -10 * outcome / total, 1e-12);
  // Around a weighted mean the two sides balance: the shares above sum to one half.
  EXPECT_NEAR(pulls[0].share, 0.5, 1e-12);
}

}  // namespace
}  // namespace parley
