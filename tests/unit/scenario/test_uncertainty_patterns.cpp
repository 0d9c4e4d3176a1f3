// Uncertainty by pattern: `*` matches one path part; exact paths win; draws stay in range.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

const char* with_patterns = R"(parley: 1
meta: {name: Patterns}
issues: [{id: tax, kind: political}, {id: vat, kind: political}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 50, vat: 2}, salience: {tax: 50, vat: 99}}
  - {id: b, kind: state, capability: 20, positions: {tax: 60, vat: 40}, salience: {tax: 40, vat: 30}}
uncertainty:
  "actors.a.positions.tax": {uniform: [0, 1]}
  "actors.*.positions.*": {spread: 10}
  "actors.*.salience.*": {spread: 5}
  "actors.*.capability": {relative: 0.5}
)";

TEST(UncertaintyPatterns, StarMatchesExactlyOnePart) {
  EXPECT_TRUE(path_matches("actors.*.positions.*", "actors.a.positions.tax"));
  EXPECT_FALSE(path_matches("actors.*.positions.*", "actors.a.salience.tax"));
  EXPECT_FALSE(path_matches("actors.*", "actors.a.capability"));
  EXPECT_FALSE(path_matches("actors.*.capability.x", "actors.a.capability"));
  EXPECT_TRUE(path_matches("regime.weights.revenue", "regime.weights.revenue"));
}

TEST(UncertaintyPatterns, ExactPathWinsThenTheFirstPattern) {
  Scenario s = load_scenario_text(with_patterns, "p.yaml");
  auto fields = number_fields(s);
  auto governing = governing_uncertainty(s, fields);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (fields[f].id_path == "actors.a.positions.tax") {
      EXPECT_EQ(governing[f], 0);
    }
    if (fields[f].id_path == "actors.b.positions.tax") {
      EXPECT_EQ(governing[f], 1);
    }
    if (fields[f].id_path == "actors.b.salience.vat") {
      EXPECT_EQ(governing[f], 2);
    }
    if (fields[f].id_path == "actors.a.capability") {
      EXPECT_EQ(governing[f], 3);
    }
  }
}

// governing_uncertainty looks a number's path up under each of its spellings with '*' parts
// (issue 13, F9: it compared every entry with every number). It must pick what the definition
// picks: the exact path, else the first listed pattern that path_matches.
TEST(UncertaintyPatterns, IndexedLookupAgreesWithMatchingEveryEntry) {
  Scenario s = load_scenario_text(with_patterns, "p.yaml");
  s.regime = Regime{{Faction{"a", UtilityWeights{}}}, "a", UtilityWeights{}, 0.5, std::nullopt};
  const std::vector<std::string> paths = {
      "actors.*.*.*",        "actors.b.*.vat",         "*.*.positions.tax",
      "actors.a.capability", "actors.*.capability",    "*.*",
      "regime.*.*",          "regime.weights.revenue", "regime.factions.*.weights.*",
      "*.*.*.*.*",           "actors.b.salience.*",    "actors.a.*.*"};
  std::mt19937 draw(3);
  for (int trial = 0; trial < 200; ++trial) {
    s.uncertainty.clear();
    for (int e = 0; e < 6; ++e) {
      s.uncertainty.push_back({paths[draw() % paths.size()], {DistributionKind::spread, {1}}});
    }
    const std::vector<NumberField> fields = number_fields(s);
    const std::vector<int> governing = governing_uncertainty(s, fields);
    for (std::size_t f = 0; f < fields.size(); ++f) {
      int expected = -1;
      for (std::size_t e = 0; e < s.uncertainty.size() && expected < 0; ++e) {
        if (s.uncertainty[e].path == fields[f].id_path) expected = static_cast<int>(e);
      }
      for (std::size_t e = 0; e < s.uncertainty.size() && expected < 0; ++e) {
        if (path_matches(s.uncertainty[e].path, fields[f].id_path)) expected = static_cast<int>(e);
      }
      EXPECT_EQ(governing[f], expected) << fields[f].id_path << " trial " << trial;
    }
  }
}

TEST(UncertaintyPatterns, DrawsStayWithinTheSpreadAndTheFieldRange) {
  const Scenario s = load_scenario_text(with_patterns, "p.yaml");
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

TEST(UncertaintyPatterns, APatternThatMatchesNothingIsAnError) {
  std::string text = std::string(with_patterns) + "  \"actors.*.risk\": {spread: 0.1}\n";
  LoadResult r = check_scenario_text(text, "p.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E030");
  EXPECT_EQ(r.diagnostics[0].line, 12);
}

TEST(UncertaintyPatterns, SpreadAndRelativeNeedOnePositiveNumber) {
  std::string text = std::string(with_patterns) + "  \"actors.*.salience.tax\": {relative: 2}\n";
  LoadResult r = check_scenario_text(text, "p.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "p.yaml:12:3: error E031: uncertainty[\"actors.*.salience.tax\"]: relative needs one "
            "number f in (0, 1]");
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
