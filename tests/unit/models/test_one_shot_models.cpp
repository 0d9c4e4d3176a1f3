// compromise and median on cases computed by hand.
#include <gtest/gtest.h>

#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

// Three actors on one issue. Weights c*s/100: a 10*0.5=5, b 30*1.0=30, c 20*0.25=5.
const char* three_actors = R"(parley: 1
meta: {name: Hand}
issues: [{id: tax, kind: political, status_quo: 20}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 0}, salience: {tax: 50}}
  - {id: b, kind: state, capability: 30, positions: {tax: 60}, salience: {tax: 100}}
  - {id: c, kind: state, capability: 20, positions: {tax: 100}, salience: {tax: 25}}
)";

double outcome(const char* spec, const char* text) {
  return make_model(spec)->forecast(load_scenario_text(text, "t.yaml")).issues.at(0).outcome;
}

TEST(Compromise, IsTheCapabilityTimesSalienceWeightedMean) {
  // (5*0 + 30*60 + 5*100) / 40 = 2300 / 40 = 57.5
  EXPECT_DOUBLE_EQ(outcome("compromise", three_actors), 57.5);
}

TEST(Median, IsTheCapabilityTimesSalienceWeightedMedian) {
  // Sorted 0 (5), 60 (30), 100 (5): half of 40 is reached at 60.
  EXPECT_DOUBLE_EQ(outcome("median", three_actors), 60.0);
}

TEST(Median, AnExactHalfSplitGoesToTheLowerPosition) {
  const char* split = R"(parley: 1
meta: {name: Split}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 1, positions: {tax: 10}, salience: {tax: 10}}
  - {id: b, kind: state, capability: 2, positions: {tax: 20}, salience: {tax: 10}}
  - {id: c, kind: state, capability: 3, positions: {tax: 90}, salience: {tax: 10}}
)";
  // Weights 0.1, 0.2, 0.3: 0.1 + 0.2 is exactly half of 0.6 (up to rounding) -> 20, not 90.
  EXPECT_DOUBLE_EQ(outcome("median", split), 20.0);
}

TEST(Compromise, SalienceMovesTheOutcomeTowardTheActorsWhoCare) {
  const char* caring_a = R"(parley: 1
meta: {name: Care}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 0}, salience: {tax: 100}}
  - {id: b, kind: state, capability: 10, positions: {tax: 100}, salience: {tax: 10}}
)";
  // (10*1*0 + 10*0.1*100) / (10 + 1) = 100 / 11
  EXPECT_NEAR(outcome("compromise", caring_a), 100.0 / 11.0, 1e-12);
}

TEST(OneShotModels, IssueWithoutActorsKeepsTheStatusQuo) {
  const char* empty_issue = R"(parley: 1
meta: {name: Empty}
issues: [{id: tax, kind: political, status_quo: 33}, {id: vat, kind: political}]
actors:
  - {id: a, kind: state, capability: 10, positions: {vat: 5}, salience: {vat: 50}}
)";
  Forecast f = make_model("median")->forecast(load_scenario_text(empty_issue, "e.yaml"));
  EXPECT_EQ(f.issues[0].outcome, 33.0);
  EXPECT_FALSE(f.issues[0].note.empty());
  EXPECT_EQ(f.issues[1].outcome, 5.0);
}

TEST(OneShotModels, AllZeroWeightsCountActorsEqually) {
  const char* zero = R"(parley: 1
meta: {name: Zero}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 0, positions: {tax: 10}, salience: {tax: 50}}
  - {id: b, kind: state, capability: 0, positions: {tax: 40}, salience: {tax: 50}}
)";
  EXPECT_DOUBLE_EQ(outcome("compromise", zero), 25.0);
  EXPECT_DOUBLE_EQ(outcome("median", zero), 10.0);
}

}  // namespace
}  // namespace parley
