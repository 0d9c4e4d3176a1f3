// Uncertainty by pattern: `*` matches one path part; exact paths win; a pattern must match a
// number and carry valid parameters.
#include <gtest/gtest.h>

#include <random>

#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

// Two actors on two issues, uncertain by exact path and by pattern (tests/data/valid/): shared
// with the draws' tests (tests/unit/analysis/test_draw_scenario.cpp).
std::string with_patterns() { return test::test_data_text("valid/uncertainty-patterns.yaml"); }

TEST(UncertaintyPatterns, StarMatchesExactlyOnePart) {
  EXPECT_TRUE(path_matches("actors.*.positions.*", "actors.a.positions.tax"));
  EXPECT_FALSE(path_matches("actors.*.positions.*", "actors.a.salience.tax"));
  EXPECT_FALSE(path_matches("actors.*", "actors.a.capability"));
  EXPECT_FALSE(path_matches("actors.*.capability.x", "actors.a.capability"));
  EXPECT_TRUE(path_matches("regime.weights.revenue", "regime.weights.revenue"));
}

TEST(UncertaintyPatterns, ExactPathWinsThenTheFirstPattern) {
  Scenario s = load_scenario_text(with_patterns(), "p.yaml");
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
  Scenario s = load_scenario_text(with_patterns(), "p.yaml");
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

TEST(UncertaintyPatterns, APatternThatMatchesNothingIsAnError) {
  std::string text = with_patterns() + "  \"actors.*.risk\": {spread: 0.1}\n";
  LoadResult r = check_scenario_text(text, "p.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E030");
  EXPECT_EQ(r.diagnostics[0].line, 12);
}

TEST(UncertaintyPatterns, SpreadAndRelativeNeedOnePositiveNumber) {
  std::string text = with_patterns() + "  \"actors.*.salience.tax\": {relative: 2}\n";
  LoadResult r = check_scenario_text(text, "p.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "p.yaml:12:3: error E031: uncertainty[\"actors.*.salience.tax\"]: relative needs one "
            "number f in (0, 1]");
}

}  // namespace
}  // namespace parley
