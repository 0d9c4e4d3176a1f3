// Importing KTAB smpc CSV: KTAB's own sample files read to the right numbers and ids, and broken
// inputs give diagnostics that point at the offending field and say what was expected.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "parley/scenario.hpp"
#include "parley_test.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

detail::Parsed parse(const std::string& text) { return detail::parse_ktab_csv(text, "in.csv"); }

// The one diagnostic of `parsed`, failing the test when there is not exactly one.
Diagnostic only_diagnostic(const detail::Parsed& parsed) {
  return test::only_diagnostic(parsed.diagnostics, "in.csv");
}

TEST(ImportKtab, ReadsTheThreeDimensionSample) {
  detail::Parsed parsed = parse(test::test_data_text("import/dummyData_3Dim.csv"));
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  // KTAB keeps the trailing blank of "DummyData_3Dim "; parley trims layout blanks.
  EXPECT_EQ(s.meta.name, "DummyData_3Dim");
  EXPECT_EQ(s.meta.description, "Dummy scenario to test reading format");
  ASSERT_EQ(s.issues.size(), 3u);
  EXPECT_EQ(s.issues[0].id, "pstn1");
  EXPECT_EQ(s.issues[2].label, "Pstn3");
  EXPECT_EQ(s.issues[1].kind, IssueKind::political);
  EXPECT_EQ(s.issues[1].scale_min, 0.0);
  EXPECT_EQ(s.issues[1].scale_max, 100.0);
  ASSERT_EQ(s.actors.size(), 7u);
  const Actor& a2 = s.actors[2];
  EXPECT_EQ(a2.id, "sactor-02");
  EXPECT_EQ(a2.name, "SActor-02");
  EXPECT_EQ(a2.kind, ActorKind::state);
  EXPECT_EQ(a2.capability, 129.643);
  EXPECT_EQ(a2.positions.at("pstn1"), 82.45);
  EXPECT_EQ(a2.positions.at("pstn3"), 0.07);
  EXPECT_EQ(a2.salience.at("pstn2"), 13.55);
  EXPECT_EQ(s.actors[6].salience.at("pstn3"), 26.03);
}

TEST(ImportKtab, RecordsWhereEveryFieldWasWritten) {
  detail::Parsed parsed = parse(test::test_data_text("import/dummyData_3Dim.csv"));
  // Line 5 is SActor-02: "SActor-02, Random Spatial Actor, 129.643, ..., 13.55,  0.07, 34.62,"
  EXPECT_EQ(parsed.locations.at("actors[2].capability").line, 5);
  EXPECT_EQ(parsed.locations.at("actors[2].capability").column, 34);
  EXPECT_EQ(parsed.locations.at("actors[2].positions.pstn3").line, 5);
  EXPECT_EQ(parsed.locations.at("actors[2].positions.pstn3").column, 72);
  EXPECT_EQ(parsed.locations.at("actors[2]").line, 5);
  EXPECT_EQ(parsed.locations.at("actors[2]").column, 1);
  // The dimension names are the position headers of line 2: Pstn1 at column 25.
  EXPECT_EQ(parsed.locations.at("issues[0]").line, 2);
  EXPECT_EQ(parsed.locations.at("issues[0]").column, 25);
}

TEST(ImportKtab, ReadsCrlfPaddedAndBlankPaddedSamples) {
  detail::Parsed six = parse(test::test_data_text("import/dummyData_6Dim.csv"));
  ASSERT_TRUE(six.diagnostics.empty()) << format_diagnostic(six.diagnostics.front());
  EXPECT_EQ(six.scenario.meta.name, "Combined");
  ASSERT_EQ(six.scenario.issues.size(), 6u);
  EXPECT_EQ(six.scenario.issues[5].id, "dim5_position");
  EXPECT_EQ(six.scenario.issues[5].label, "Dim5 Position");
  ASSERT_EQ(six.scenario.actors.size(), 27u);
  EXPECT_EQ(six.scenario.actors[0].id, "aa00");
  EXPECT_EQ(six.scenario.actors[0].capability, 99.98);
  EXPECT_EQ(six.scenario.actors[0].positions.at("dim3_position"), 100.0);
  EXPECT_EQ(six.scenario.actors[0].salience.at("dim5_position"), 18.0);

  detail::Parsed a040 = parse(test::test_data_text("import/dummyData-a040.csv"));
  ASSERT_TRUE(a040.diagnostics.empty()) << format_diagnostic(a040.diagnostics.front());
  EXPECT_EQ(a040.scenario.meta.description, "XYZ Issue");
  EXPECT_EQ(a040.scenario.issues[0].label, "XYZ Position");
  ASSERT_EQ(a040.scenario.actors.size(), 40u);
  EXPECT_EQ(a040.scenario.actors[0].name, "Act-1001");
  EXPECT_EQ(a040.scenario.actors[0].positions.at("xyz_position"), 63.03);
}

TEST(ImportKtab, ReadsTheSoeStudyWithBlanksAroundTheCounts) {
  detail::Parsed parsed = parse(test::test_data_text("import/SOE-Policy.csv"));
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  EXPECT_EQ(s.meta.name, "China Policy; scen 0");
  ASSERT_EQ(s.actors.size(), 26u);
  EXPECT_EQ(s.actors[0].id, "xj");
  EXPECT_EQ(s.actors[0].name, "XJ");
  EXPECT_EQ(s.actors[0].capability, 100.0);
  EXPECT_EQ(s.actors[1].positions.at("policy_position"), 45.0);
  EXPECT_EQ(s.actors[1].salience.at("policy_position"), 65.0);
}

TEST(ImportKtab, EverySampleLoadsAndValidates) {
  for (const char* name : {"dummyData_3Dim.csv", "dummyData_6Dim.csv", "dummyData-a040.csv",
                           "SOE-Policy.csv", "SOE-Competitive.csv"}) {
    test::expect_sample_loads(name, InputFormat::ktab_csv);
  }
}

TEST(ImportKtab, QuotedFieldsAndDollarEscapesBecomeCommas) {
  detail::Parsed parsed = parse(
      "\"Gulf, 2020\",Says $$ hello,3,1,\n"
      "Actor,Description,Power,\"Oil, gas\",Salience\n"
      "\"Iran, IR\",x,1,10,20\n"
      "Iraq$$ Rep,x,1,30,40\n"
      "Oman,\"said &quot;no&quot;\",1,50,60\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  EXPECT_EQ(parsed.scenario.meta.name, "Gulf, 2020");
  EXPECT_EQ(parsed.scenario.meta.description, "Says , hello");
  EXPECT_EQ(parsed.scenario.issues[0].label, "Oil, gas");
  EXPECT_EQ(parsed.scenario.issues[0].id, "oil_gas");
  EXPECT_EQ(parsed.scenario.actors[0].name, "Iran, IR");
  EXPECT_EQ(parsed.scenario.actors[0].id, "iran_ir");
  EXPECT_EQ(parsed.scenario.actors[1].name, "Iraq, Rep");
  EXPECT_EQ(parsed.scenario.actors[2].positions.at("oil_gas"), 50.0);
}

TEST(ImportKtab, NamesThatSlugAlikeGetDistinctIds) {
  detail::Parsed parsed = parse(
      "T,d,4,2\n"
      "Actor,Description,Power,Tax,s,tax,s\n"
      "U.S.,x,1,1,1,1,1\n"
      "U S,x,1,1,1,1,1\n"
      "u_s,x,1,1,1,1,1\n"
      "???,x,1,1,1,1,1\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  EXPECT_EQ(parsed.scenario.issues[0].id, "tax");
  EXPECT_EQ(parsed.scenario.issues[1].id, "tax_2");
  EXPECT_EQ(parsed.scenario.actors[0].id, "u_s");
  EXPECT_EQ(parsed.scenario.actors[1].id, "u_s_2");
  EXPECT_EQ(parsed.scenario.actors[2].id, "u_s_3");
  EXPECT_EQ(parsed.scenario.actors[3].id, "actor_4");  // nothing usable in "???"
  EXPECT_EQ(parsed.scenario.actors[3].name, "???");
}

TEST(ImportKtab, ExtraTrailingFieldsAreIgnored) {
  detail::Parsed parsed = parse(
      "T,d,3,1,extra,,\n"
      "Actor,Description,Power,P,S,ignored\n"
      "A,x,1,10,20,comment,,\n"
      "B,x,1,10,20\n"
      "C,x,1,10,20,\n"
      ",,,,\n");  // a spreadsheet's empty row
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  EXPECT_EQ(parsed.scenario.actors.size(), 3u);
}

TEST(ImportKtab, RowWithTooFewFieldsSaysHowManyWereExpected) {
  detail::Parsed parsed = parse(
      "T,d,3,2\n"
      "Actor,Description,Power,Tax,s,Aid,s\n"
      "A,x,1,10,20,30,40\n"
      "B,x,1,10,20\n"
      "C,x,1,10,20,30,40\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.file, "in.csv");
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 12);  // just past "B,x,1,10,20"
  EXPECT_EQ(d.path, "actors[1]");
  EXPECT_NE(d.message.find("expected 7 fields"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("found 5"), std::string::npos) << d.message;
}

TEST(ImportKtab, NonNumberIsAWrongTypeAtItsField) {
  detail::Parsed parsed = parse(
      "T,d,3,1\n"
      "Actor,Description,Power,Tax,s\n"
      "A,x,1,10,20\n"
      "B,x,lots,10,20\n"
      "C,x,1,10,20\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E012");
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 5);
  EXPECT_EQ(d.path, "actors[1].capability");
  EXPECT_NE(d.message.find("expected a number"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("'lots'"), std::string::npos) << d.message;
}

TEST(ImportKtab, EmptyPositionIsReportedAsEmpty) {
  detail::Parsed parsed = parse(
      "T,d,3,1\n"
      "Actor,Description,Power,Tax,s\n"
      "A,x,1,,20\n"
      "B,x,1,10,20\n"
      "C,x,1,10,20\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E012");
  EXPECT_EQ(d.path, "actors[0].positions.tax");
  EXPECT_NE(d.message.find("an empty field"), std::string::npos) << d.message;
}

TEST(ImportKtab, ActorCountMustMatchTheRows) {
  detail::Parsed parsed = parse(
      "T,d,4,1\n"
      "Actor,Description,Power,Tax,s\n"
      "A,x,1,10,20\n"
      "B,x,1,10,20\n"
      "C,x,1,10,20\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 5);  // the declared count
  EXPECT_NE(d.message.find("declares 4 actors"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("3 actor rows (lines 3-5)"), std::string::npos) << d.message;
}

TEST(ImportKtab, CountsMustBeWholeNumbers) {
  detail::Parsed parsed = parse("T,d,three,1\nActor,Description,Power,Tax,s\nA,x,1,10,20\n");
  ASSERT_FALSE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.diagnostics[0].code, "E012");
  EXPECT_EQ(parsed.diagnostics[0].column, 5);
  EXPECT_NE(parsed.diagnostics[0].message.find("number of actors"), std::string::npos);

  detail::Parsed dims = parse("T,d,3,1.5\nActor,Description,Power,Tax,s\n");
  ASSERT_FALSE(dims.diagnostics.empty());
  EXPECT_EQ(dims.diagnostics[0].code, "E012");
  EXPECT_NE(dims.diagnostics[0].message.find("number of dimensions"), std::string::npos);
  EXPECT_FALSE(dims.readable);
}

TEST(ImportKtab, KtabsActorLimitsAreChecked) {
  detail::Parsed parsed = parse(
      "T,d,2,1\n"
      "Actor,Description,Power,Tax,s\n"
      "A,x,1,10,20\n"
      "B,x,1,10,20\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E013");
  EXPECT_NE(d.message.find("KTAB requires 3 to 250 actors"), std::string::npos) << d.message;
}

TEST(ImportKtab, SaliencesAboveOneHundredBreakKtabsRule) {
  detail::Parsed parsed = parse(
      "T,d,3,2\n"
      "Actor,Description,Power,Tax,s,Aid,s\n"
      "A,x,1,10,20,30,40\n"
      "B,x,1,10,60,30,50.5\n"
      "C,x,1,10,50,30,50\n");  // exactly 100 is allowed
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E013");
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 10);  // the first salience of the row
  EXPECT_EQ(d.path, "actors[1].salience");
  EXPECT_NE(d.message.find("110.5"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("KTAB requires each actor's saliences to sum to at most 100"),
            std::string::npos)
      << d.message;
}

TEST(ImportKtab, MissingHeaderLineIsNamed) {
  detail::Parsed parsed = parse("T,d,3,1\nA,x,1,10,20\nB,x,1,10,20\nC,x,1,10,20\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 2);
  EXPECT_NE(d.message.find("column header"), std::string::npos);
  EXPECT_FALSE(parsed.readable);
}

TEST(ImportKtab, HeaderMustNameEveryDimension) {
  detail::Parsed parsed = parse("T,d,3,2\nActor,Description,Power,Tax,s\nA,x,1,10,20,30,40\n");
  Diagnostic d = only_diagnostic(parsed);
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 2);
  EXPECT_NE(d.message.find("expected 7 header fields"), std::string::npos) << d.message;
  EXPECT_FALSE(parsed.readable);
}

TEST(ImportKtab, ShortScenarioLineAndEmptyFileAreUnreadable) {
  detail::Parsed short_line = parse("T,d,3\nActor,Description,Power,Tax,s\n");
  Diagnostic d = only_diagnostic(short_line);
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 1);
  EXPECT_NE(d.message.find("expected 4 fields on the scenario line"), std::string::npos);
  EXPECT_FALSE(short_line.readable);

  detail::Parsed empty = parse("\n  \n");
  ASSERT_EQ(empty.diagnostics.size(), 1u);
  EXPECT_EQ(empty.diagnostics[0].code, "E002");
  EXPECT_FALSE(empty.readable);
}

TEST(ImportKtab, RangesAreLeftToValidationWhichUsesTheRecordedLocations) {
  std::string text =
      "T,d,3,1\n"
      "Actor,Description,Power,Tax,s\n"
      "A,x,1,10,20\n"
      "B,x,-5,10,20\n"
      "C,x,1,120,20\n";
  detail::Parsed parsed = parse(text);
  EXPECT_TRUE(parsed.diagnostics.empty());
  LoadResult result = check_scenario_text(text, "in.csv");
  ASSERT_EQ(result.diagnostics.size(), 2u);
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_EQ(d.code, "E013") << format_diagnostic(d);
    if (d.path == "actors[1].capability") {
      EXPECT_EQ(d.line, 4);
      EXPECT_EQ(d.column, 5);
    } else {
      EXPECT_EQ(d.path, "actors[2].positions.tax");
      EXPECT_EQ(d.line, 5);
      EXPECT_EQ(d.column, 7);
    }
  }
}

}  // namespace
}  // namespace parley
