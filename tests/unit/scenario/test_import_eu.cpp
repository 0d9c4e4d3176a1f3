// Importing the one-issue expected-utility CSV (Actor,Capability,Position,Salience): the published
// EC emissions case, the 0-1 salience rule, the issue's scale, and located diagnostics.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "parley/scenario.hpp"
#include "parley_test.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

detail::Parsed parse(const std::string& text, const std::string& file = "data/case.csv") {
  return detail::parse_eu_csv(text, file);
}

using test::contains;

TEST(ImportEu, ReadsTheEcEmissionsCase) {
  detail::Parsed parsed =
      parse(test::test_data_text("import/ec-emissions-1994.csv"), "ec-emissions-1994.csv");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  EXPECT_EQ(s.meta.name, "ec-emissions-1994");
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].id, "issue");
  EXPECT_EQ(s.issues[0].label, "ec-emissions-1994");
  // The positions are years: 4 (Netherlands, ...) to 10 (France, Italy, UK).
  EXPECT_EQ(s.issues[0].scale_min, 4.0);
  EXPECT_EQ(s.issues[0].scale_max, 10.0);
  ASSERT_EQ(s.actors.size(), 10u);
  const Actor& belgium = s.actors[1];
  EXPECT_EQ(belgium.id, "belgium");
  EXPECT_EQ(belgium.name, "Belgium");
  EXPECT_EQ(belgium.kind, ActorKind::state);
  EXPECT_EQ(belgium.capability, 0.08);
  EXPECT_EQ(belgium.positions.at("issue"), 7.0);
  EXPECT_EQ(belgium.salience.at("issue"), 40.0);
  EXPECT_EQ(s.actors[8].id, "denmark");
  EXPECT_EQ(s.actors[8].salience.at("issue"), 100.0);
  // Saliences were already on 0-100: nothing was rescaled, and the description does not say so.
  EXPECT_FALSE(contains(s.meta.description, "multiplied"));
  EXPECT_TRUE(contains(s.meta.description, "ec-emissions-1994.csv"));
}

TEST(ImportEu, RecordsWhereEveryFieldWasWritten) {
  detail::Parsed parsed = parse(test::test_data_text("import/ec-emissions-1994.csv"));
  // Line 3: "Belgium,0.08,7,40".
  EXPECT_EQ(parsed.locations.at("actors[1]").line, 3);
  EXPECT_EQ(parsed.locations.at("actors[1].capability").column, 9);
  EXPECT_EQ(parsed.locations.at("actors[1].positions.issue").column, 14);
  EXPECT_EQ(parsed.locations.at("actors[1].salience.issue").column, 16);
}

TEST(ImportEu, SaliencesOnZeroToOneAreScaledExactlyAndTheDescriptionSaysSo) {
  detail::Parsed parsed = parse(test::test_data_text("import/china-2002.csv"), "china-2002.csv");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  ASSERT_EQ(s.actors.size(), 24u);
  EXPECT_EQ(s.actors[0].name, "Zeming");
  EXPECT_EQ(s.actors[0].salience.at("issue"), 50.0);
  EXPECT_EQ(s.actors[1].salience.at("issue"), 80.0);
  EXPECT_EQ(s.actors[4].salience.at("issue"), 75.0);
  EXPECT_EQ(s.actors[18].id, "stu_intel");
  EXPECT_EQ(s.actors[22].id, "hong_kong");
  EXPECT_EQ(s.actors[0].capability, 0.8);  // capability stays as given
  EXPECT_EQ(s.issues[0].scale_min, 10.0);
  EXPECT_EQ(s.issues[0].scale_max, 100.0);
  EXPECT_TRUE(contains(s.meta.description, "multiplied by 100"));
}

TEST(ImportEu, ScalingWorksOnTheDecimalsAsWritten) {
  // 0.07 * 100 is 7.000000000000001 in floating point; the file means 7.
  detail::Parsed parsed = parse(
      "Actor,Capability,Position,Salience\n"
      "a,1,1,0.07\n"
      "b,1,2,0.57\n"
      "c,1,3,5e-1\n"
      "d,1,4,1\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.scenario.actors[0].salience.at("issue"), 7.0);
  EXPECT_EQ(parsed.scenario.actors[1].salience.at("issue"), 57.0);
  EXPECT_EQ(parsed.scenario.actors[2].salience.at("issue"), 50.0);
  EXPECT_EQ(parsed.scenario.actors[3].salience.at("issue"), 100.0);
}

TEST(ImportEu, OneSalienceAboveOneMeansTheFileIsOnZeroToHundred) {
  detail::Parsed parsed = parse(
      "Actor,Capability,Position,Salience\n"
      "a,1,1,0.5\n"
      "b,1,2,30\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.scenario.actors[0].salience.at("issue"), 0.5);
  EXPECT_EQ(parsed.scenario.actors[1].salience.at("issue"), 30.0);
}

TEST(ImportEu, HeaderIsCaseInsensitiveAndTrimmed) {
  detail::Parsed parsed = parse(
      "\xEF\xBB\xBF actor , CAPABILITY,Position ,salience,,\r\n"
      "Iran,3,2,40\r\n"
      "Iraq,2,5,60\r\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  ASSERT_EQ(parsed.scenario.actors.size(), 2u);
  EXPECT_EQ(parsed.scenario.actors[1].positions.at("issue"), 5.0);
}

TEST(ImportEu, AllPositionsEqualWidensTheScaleByOne) {
  detail::Parsed parsed = parse(
      "Actor,Capability,Position,Salience\n"
      "a,1,7,50\n"
      "b,1,7,50\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.scenario.issues[0].scale_min, 6.0);
  EXPECT_EQ(parsed.scenario.issues[0].scale_max, 8.0);
}

TEST(ImportEu, WrongHeaderIsAStructureError) {
  detail::Parsed parsed = parse("Name,Power,Position,Salience\na,1,7,50\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 1);
  EXPECT_TRUE(contains(d.message, "Actor,Capability,Position,Salience")) << d.message;
  EXPECT_FALSE(parsed.readable);
}

TEST(ImportEu, NonNumberPositionIsAWrongTypeAtItsField) {
  detail::Parsed parsed = parse(
      "Actor,Capability,Position,Salience\n"
      "a,1,7,50\n"
      "b,1,soon,50\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E012");
  EXPECT_EQ(d.file, "data/case.csv");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 5);
  EXPECT_EQ(d.path, "actors[1].positions.issue");
  EXPECT_TRUE(contains(d.message, "expected a number")) << d.message;
  EXPECT_TRUE(contains(d.message, "'soon'")) << d.message;
}

TEST(ImportEu, NonFiniteNumberIsReportedAsSuch) {
  detail::Parsed parsed = parse("Actor,Capability,Position,Salience\na,inf,7,50\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, "E014");
  EXPECT_EQ(parsed.diagnostics[0].path, "actors[0].capability");
}

TEST(ImportEu, ShortRowSaysWhatWasExpected) {
  detail::Parsed parsed = parse(
      "Actor,Capability,Position,Salience\n"
      "a,1,7,50\n"
      "b,1,7\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 6);
  EXPECT_EQ(d.path, "actors[1]");
  EXPECT_TRUE(contains(d.message, "expected 4 fields")) << d.message;
}

TEST(ImportEu, SalienceAboveHundredIsLeftToValidation) {
  std::string text =
      "Actor,Capability,Position,Salience\n"
      "a,1,7,50\n"
      "b,1,8,150\n";
  EXPECT_TRUE(parse(text).diagnostics.empty());
  LoadResult result = check_scenario_text(text, "x.csv");
  EXPECT_EQ(result.format, InputFormat::eu_csv);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E013");
  EXPECT_EQ(result.diagnostics[0].path, "actors[1].salience.issue");
  EXPECT_EQ(result.diagnostics[0].line, 3);
  EXPECT_EQ(result.diagnostics[0].column, 7);
}

TEST(ImportEu, BothSamplesLoadThroughDetection) {
  for (const char* name : {"ec-emissions-1994.csv", "china-2002.csv"}) {
    test::expect_sample_loads(name, InputFormat::eu_csv);
  }
}

}  // namespace
}  // namespace parley
