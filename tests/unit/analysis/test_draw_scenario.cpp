// Drawing a run's scenario from the uncertainty: each number stays within its distribution and
// its field's range, and empirical samples of equal length are drawn row by row.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

TEST(UncertaintyPatterns, DrawsStayWithinTheSpreadAndTheFieldRange) {
  const Scenario s =
      load_scenario_text(test::test_data_text("valid/uncertainty-patterns.yaml"), "p.yaml");
  for (std::uint64_t run = 0; run < 200; ++run) {
    const Scenario d = draw_scenario(s, 3, run);
    EXPECT_GE(d.actors[0].positions.at("tax"), 0.0);
    EXPECT_LE(d.actors[0].positions.at("tax"), 1.0);
    EXPECT_NEAR(d.actors[1].positions.at("tax"), 60.0, 10.0);
    EXPECT_GE(d.actors[0].positions.at("vat"), 0.0);   // 2 +- 10 clamped at the scale's end
    EXPECT_LE(d.actors[0].salience.at("vat"), 100.0);  // 99 +- 5 clamped
    EXPECT_NEAR(d.actors[1].capability, 20.0, 10.0);
  }
}

// Samples of equal length are rows of one joint sample (a calibrated posterior); a sample of
// another length is drawn at the same position but is not tied row by row.
TEST(UncertaintyPatterns, EmpiricalSamplesOfEqualLengthAreDrawnRowByRow) {
  const char* text = R"(parley: 1
meta: {name: Joint}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 50}, salience: {tax: 50}}
  - {id: b, kind: state, capability: 20, positions: {tax: 60}, salience: {tax: 40}}
uncertainty:
  "actors.a.capability": {empirical: [1, 2, 3, 4]}
  "actors.b.capability": {empirical: [40, 30, 20, 10]}
  "actors.a.salience.tax": {empirical: [10, 20, 30, 40, 50]}
)";
  const Scenario s = load_scenario_text(text, "joint.yaml");
  std::set<double> seen_a, seen_salience;
  for (std::uint64_t run = 0; run < 100; ++run) {
    const Scenario d = draw_scenario(s, 9, run);
    EXPECT_EQ(d.actors[1].capability, 50.0 - 10.0 * d.actors[0].capability);
    seen_a.insert(d.actors[0].capability);
    seen_salience.insert(d.actors[0].salience.at("tax"));
  }
  EXPECT_EQ(seen_a, (std::set<double>{1, 2, 3, 4}));
  EXPECT_EQ(seen_salience.size(), 5u);
}

}  // namespace
}  // namespace parley
