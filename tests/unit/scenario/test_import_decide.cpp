// Importing decide exchange-model files: the project's shipped samples in their tab-separated,
// single-quoted dialect, the semicolon and comma dialects, issue bounds from #M rows, saliences
// on 0-1 or 0-100, and located diagnostics for unknown tags and undeclared references.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "parley/scenario.hpp"
#include "parley_test.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

detail::Parsed parse(const std::string& text) { return detail::parse_decide(text, "case.txt"); }

using test::contains;

TEST(ImportDecide, ReadsTheTollRoadSample) {
  detail::Parsed parsed = parse(test::test_data_text("import/sample_data.txt"));
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  EXPECT_EQ(s.meta.name, "case");
  ASSERT_EQ(s.actors.size(), 10u);
  ASSERT_EQ(s.issues.size(), 6u);
  // Issues in #P order; ids are the decide ids, which are already valid parley ids here.
  EXPECT_EQ(s.issues[0].id, "tolheffing-binnenstad");
  EXPECT_EQ(s.issues[1].id, "tol-hoogte");
  EXPECT_EQ(s.issues[1].label, "tol-hoogte");
  // tol-hoogte's #M rows are 0.5 and 7; the others' 0 and 100.
  EXPECT_EQ(s.issues[1].scale_min, 0.5);
  EXPECT_EQ(s.issues[1].scale_max, 7.0);
  EXPECT_EQ(s.issues[4].scale_min, 0.0);
  EXPECT_EQ(s.issues[4].scale_max, 100.0);

  const Actor& willems = s.actors[0];
  EXPECT_EQ(willems.id, "willems");
  EXPECT_EQ(willems.name, "Willems");
  EXPECT_EQ(willems.capability, 1.0);
  EXPECT_EQ(willems.positions.at("tol-hoogte"), 3.0);  // on the 0.5-7 scale, as given
  EXPECT_EQ(willems.salience.at("tol-hoogte"), 70.0);  // 0.7 in the file
  EXPECT_EQ(willems.positions.at("extra-investering"), 25.0);
  EXPECT_EQ(willems.salience.at("extra-investering"), 60.0);
  EXPECT_EQ(willems.positions.size(), 6u);

  const Actor& wcentr = s.actors[9];
  EXPECT_EQ(wcentr.id, "wcentr");
  EXPECT_EQ(wcentr.capability, 0.9);
  EXPECT_EQ(wcentr.salience.at("tolheffing-binnenstad"), 95.0);  // exactly, from "0.95"
  EXPECT_EQ(wcentr.positions.at("tolheffing-binnenstad"), 0.0);
  EXPECT_TRUE(contains(s.meta.description, "multiplied by 100"));
}

TEST(ImportDecide, RecordsWhereEveryFieldWasWritten) {
  detail::Parsed parsed = parse(test::test_data_text("import/sample_data.txt"));
  // Line 83: '#D' 'Wcentr' 'tolheffing-binnenstad' 0.0 0.95 0.9 (tab-separated).
  const detail::Location salience = parsed.locations.at("actors[9].salience.tolheffing-binnenstad");
  EXPECT_EQ(salience.line, 83);
  EXPECT_EQ(salience.column, 43);
  EXPECT_EQ(parsed.locations.at("actors[9]").line, 10);        // its #A row
  EXPECT_EQ(parsed.locations.at("issues[1]").line, 14);        // '#P' 'tol-hoogte'
  EXPECT_EQ(parsed.locations.at("issues[1].scale").line, 15);  // its first #M row
}

TEST(ImportDecide, ReadsTheClimateCases) {
  detail::Parsed copenhagen = parse(test::test_data_text("import/copenhagen.csv"));
  ASSERT_TRUE(copenhagen.diagnostics.empty());
  EXPECT_EQ(copenhagen.scenario.actors.size(), 11u);
  EXPECT_EQ(copenhagen.scenario.issues.size(), 7u);
  EXPECT_EQ(copenhagen.scenario.actors[1].name, "EU (incl Norway)");
  EXPECT_EQ(copenhagen.scenario.actors[1].id, "eu_incl_norway");

  detail::Parsed cop21 = parse(test::test_data_text("import/cop21.csv"));
  ASSERT_TRUE(cop21.diagnostics.empty());
  ASSERT_EQ(cop21.scenario.actors.size(), 15u);
  ASSERT_EQ(cop21.scenario.issues.size(), 13u);
  const Actor& african = cop21.scenario.actors[0];
  EXPECT_EQ(african.id, "african_grp");
  EXPECT_EQ(african.capability, 0.25);
  EXPECT_EQ(african.positions.at("differentiation"), 70.0);
  EXPECT_EQ(african.salience.at("differentiation"), 75.0);
  EXPECT_EQ(african.positions.size(), 13u);
}

TEST(ImportDecide, EverySampleLoadsAndValidates) {
  for (const char* name : {"sample_data.txt", "copenhagen.csv", "cop21.csv"}) {
    test::expect_sample_loads(name, InputFormat::decide);
  }
}

TEST(ImportDecide, SemicolonDialectWithLabelledPointsAndSaliencesOnHundred) {
  detail::Parsed parsed = parse(
      "#A;EU;European Union;\n"
      "#A;US;United States\n"
      "#P;tariffs;Tariff level;how high\n"
      "#M;tariffs;0;none\n"
      "#M;tariffs;50;prohibitive; for now\n"
      "#M;tariffs;20;middling\n"
      "#D;EU;tariffs;10;60;2\n"
      "#D;US;tariffs;40;90;3;a comment\n"
      "#/;a comment line\n"
      "#O;Trade talks;round one\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].label, "Tariff level");
  EXPECT_EQ(s.issues[0].scale_min, 0.0);
  EXPECT_EQ(s.issues[0].scale_max, 50.0);
  EXPECT_EQ(s.issues[0].low, "none");
  // The meaning text ran over a delimiter; the pieces are joined back into one field.
  EXPECT_EQ(s.issues[0].high, "prohibitive; for now");
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.actors[1].id, "us");
  EXPECT_EQ(s.actors[1].name, "United States");
  EXPECT_EQ(s.actors[1].capability, 3.0);
  EXPECT_EQ(s.actors[1].salience.at("tariffs"), 90.0);  // already on 0-100: unchanged
  EXPECT_FALSE(contains(s.meta.description, "multiplied"));
  EXPECT_TRUE(contains(s.meta.description, "Trade talks; round one"));
}

TEST(ImportDecide, CommaDialectWithDoubleQuotes) {
  detail::Parsed parsed = parse(
      "\"#A\",\"a\",\"Alpha, the first\"\n"
      "\"#A\",\"b\",\"\"\n"
      "\"#P\",\"x\"\n"
      "\"#D\",\"a\",\"x\",\"30\",\"0.5\",\"1\"\n"
      "\"#D\",\"b\",\"x\",\"70\",\"0.25\",\"2\"\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  const Scenario& s = parsed.scenario;
  EXPECT_EQ(s.actors[0].name, "Alpha, the first");
  EXPECT_EQ(s.actors[1].name, "b");  // no name given: the id as written
  EXPECT_EQ(s.issues[0].label, "x");
  EXPECT_EQ(s.issues[0].scale_min, 0.0);  // no #M rows: decide's default [0, 100]
  EXPECT_EQ(s.issues[0].scale_max, 100.0);
  EXPECT_EQ(s.actors[1].salience.at("x"), 25.0);
  EXPECT_EQ(s.actors[1].capability, 2.0);
}

TEST(ImportDecide, UnknownTagIsNamed) {
  detail::Parsed parsed = parse(
      "#A\ta\n"
      "#P\tx\n"
      "#X\tsomething\n"
      "#D\ta\tx\t1\t0.5\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.file, "case.txt");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 1);
  EXPECT_TRUE(contains(d.message, "unknown tag '#X'")) << d.message;
  EXPECT_TRUE(contains(d.message, "#A, #P, #M, #D, #/ or #O")) << d.message;
}

TEST(ImportDecide, DigitZeroTagGetsAHint) {
  detail::Parsed parsed = parse("#A\ta\n#P\tx\n#0\tdescription\n#D\ta\tx\t1\t0.5\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_TRUE(contains(parsed.diagnostics[0].message, "the letter O"))
      << parsed.diagnostics[0].message;
}

TEST(ImportDecide, UndeclaredActorAndIssueAreUnknownReferences) {
  detail::Parsed parsed = parse(
      "#A\ta\n"
      "#P\tx\n"
      "#D\tghost\tx\t1\t0.5\t1\n"
      "#D\ta\tnowhere\t1\t0.5\t1\n"
      "#M\tnowhere\t3\n");
  ASSERT_EQ(parsed.diagnostics.size(), 3u);
  const Diagnostic& actor = parsed.diagnostics[0];
  EXPECT_EQ(actor.code, "E021");
  EXPECT_EQ(actor.line, 3);
  EXPECT_EQ(actor.column, 4);
  EXPECT_TRUE(contains(actor.message, "unknown actor 'ghost'")) << actor.message;
  EXPECT_TRUE(contains(actor.message, "#A")) << actor.message;
  const Diagnostic& issue = parsed.diagnostics[1];
  EXPECT_EQ(issue.code, "E021");
  EXPECT_EQ(issue.line, 4);
  EXPECT_EQ(issue.column, 6);
  EXPECT_TRUE(contains(issue.message, "unknown issue 'nowhere'")) << issue.message;
  const Diagnostic& marker = parsed.diagnostics[2];  // the #M row naming the same issue
  EXPECT_EQ(marker.code, "E021");
  EXPECT_EQ(marker.line, 5);
}

TEST(ImportDecide, DeclarationsMayComeAfterTheRowsThatUseThem) {
  detail::Parsed parsed = parse("#D\ta\tx\t1\t0.5\t1\n#A\ta\n#P\tx\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << format_diagnostic(parsed.diagnostics.front());
  EXPECT_EQ(parsed.scenario.actors[0].positions.at("x"), 1.0);
}

TEST(ImportDecide, NonNumberIsAWrongTypeAtItsField) {
  detail::Parsed parsed = parse("#A\ta\n#P\tx\n#D\ta\tx\t1\thigh\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E012");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 10);
  EXPECT_EQ(d.path, "actors[0].salience.x");
  EXPECT_TRUE(contains(d.message, "'high'")) << d.message;
}

TEST(ImportDecide, ShortDataRowSaysWhatWasExpected) {
  detail::Parsed parsed = parse("#A\ta\n#P\tx\n#D\ta\tx\t1\t0.5\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E002");
  EXPECT_EQ(d.line, 3);
  EXPECT_TRUE(contains(d.message, "#D, actor id, issue id, position, salience, power"))
      << d.message;
  EXPECT_TRUE(contains(d.message, "found 5")) << d.message;
}

TEST(ImportDecide, EmptyIdIsAStructureError) {
  detail::Parsed parsed = parse("#A\t\tNameless\n#A\ta\n#P\tx\n#D\ta\tx\t1\t0.5\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, "E002");
  EXPECT_EQ(parsed.diagnostics[0].line, 1);
  EXPECT_EQ(parsed.diagnostics[0].column, 4);
  EXPECT_TRUE(contains(parsed.diagnostics[0].message, "the id in the 2nd field is empty"));
}

TEST(ImportDecide, PowerMustBeTheSameOnEveryIssue) {
  detail::Parsed parsed = parse(
      "#A\ta\n#P\tx\n#P\ty\n"
      "#D\ta\tx\t1\t0.5\t1\n"
      "#D\ta\ty\t1\t0.5\t0.4\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.code, "E050");
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.path, "actors[0].capability");
  EXPECT_TRUE(contains(d.message, "power 0.4 on issue 'y' differs from power 1 on issue 'x'"))
      << d.message;
}

TEST(ImportDecide, DuplicatesAreReported) {
  detail::Parsed parsed = parse(
      "#A\ta\n#A\ta\n#P\tx\n"
      "#D\ta\tx\t1\t0.5\t1\n"
      "#D\ta\tx\t2\t0.5\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 2u);
  EXPECT_EQ(parsed.diagnostics[0].code, "E020");
  EXPECT_EQ(parsed.diagnostics[0].line, 2);
  EXPECT_TRUE(contains(parsed.diagnostics[0].message, "declared twice (first on line 1)"));
  EXPECT_EQ(parsed.diagnostics[1].code, "E020");
  EXPECT_EQ(parsed.diagnostics[1].line, 5);
  EXPECT_TRUE(contains(parsed.diagnostics[1].message, "line 4"));
}

TEST(ImportDecide, IssueMarkedAtOnePointHasNoScale) {
  detail::Parsed parsed = parse("#A\ta\n#P\tx\n#M\tx\t5\n#M\tx\t5\n#D\ta\tx\t5\t0.5\t1\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, "E050");
  EXPECT_EQ(parsed.diagnostics[0].path, "issues[0].scale");
  EXPECT_EQ(parsed.diagnostics[0].line, 3);
}

TEST(ImportDecide, PositionOutsideTheMarkedBoundsIsLeftToValidation) {
  std::string text = "#A\ta\n#P\tx\n#M\tx\t0\n#M\tx\t10\n#D\ta\tx\t12\t0.5\t1\n";
  EXPECT_TRUE(parse(text).diagnostics.empty());
  LoadResult result = check_scenario_text(text, "case.txt");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E013");
  EXPECT_EQ(result.diagnostics[0].path, "actors[0].positions.x");
  EXPECT_EQ(result.diagnostics[0].line, 5);
  EXPECT_EQ(result.diagnostics[0].column, 8);
}

}  // namespace
}  // namespace parley
