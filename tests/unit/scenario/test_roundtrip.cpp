// Writers: YAML and JSON load back to an equal scenario (every field, numbers exactly, provenance
// included); KTAB CSV keeps KTAB's numbers, rescales other scales to 0-100, and respects KTAB's
// rules on saliences and actor counts.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "parley/scenario.hpp"
#include "parley_test.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

using test::expect_same_scenario;

using test::contains;

// Imports `name` with the reader its content calls for, failing on any diagnostic.
Scenario import_sample(const std::string& name) {
  const std::string text = test::test_data_text("import/" + name);
  detail::Parsed parsed;
  switch (detect_format(text)) {
    case InputFormat::ktab_csv:
      parsed = detail::parse_ktab_csv(text, name);
      break;
    case InputFormat::eu_csv:
      parsed = detail::parse_eu_csv(text, name);
      break;
    case InputFormat::decide:
      parsed = detail::parse_decide(text, name);
      break;
    default:
      ADD_FAILURE() << name << " is not an import sample";
  }
  for (const Diagnostic& d : parsed.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  return parsed.scenario;
}

Scenario reload(const std::string& text, const std::string& file) {
  LoadResult result = check_scenario_text(text, file);
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  if (!result.scenario) ADD_FAILURE() << "did not load:\n" << text;
  return result.scenario.value_or(Scenario{});
}

// Summed in dimension order, as KTAB sums them when it checks the limit of 100.
double salience_sum(const Scenario& scenario, const Actor& actor) {
  double sum = 0.0;
  for (const Issue& issue : scenario.issues) sum += actor.salience.at(issue.id);
  return sum;
}

Issue issue(const std::string& id, const std::string& label, IssueKind kind, double min, double max,
            std::optional<double> status_quo) {
  Issue out;
  out.id = id;
  out.label = label;
  out.kind = kind;
  out.scale_min = min;
  out.scale_max = max;
  out.status_quo = status_quo;
  return out;
}

Scenario small_scenario(std::size_t actors) {
  Scenario s;
  s.meta.name = "Small";
  s.issues.push_back(issue("tax", "Tax", IssueKind::political, 0, 100, std::nullopt));
  for (std::size_t i = 0; i < actors; ++i) {
    Actor actor;
    actor.id = "a" + std::to_string(i);
    actor.capability = 1;
    actor.positions["tax"] = 50;
    actor.salience["tax"] = 50;
    s.actors.push_back(actor);
  }
  return s;
}

// --- KTAB CSV -----------------------------------------------------------------------------------

TEST(RoundTrip, KtabCsvThroughParleyAndBackKeepsEveryNumber) {
  for (const char* name : {"dummyData_3Dim.csv", "dummyData_6Dim.csv", "dummyData-a040.csv",
                           "SOE-Policy.csv", "SOE-Competitive.csv"}) {
    SCOPED_TRACE(name);
    Scenario first = import_sample(name);
    const std::string csv = to_ktab_csv(first);
    EXPECT_EQ(detect_format(csv), InputFormat::ktab_csv);
    detail::Parsed again = detail::parse_ktab_csv(csv, name);
    for (const Diagnostic& d : again.diagnostics) ADD_FAILURE() << format_diagnostic(d);
    expect_same_scenario(first, again.scenario);
  }
}

TEST(RoundTrip, KtabCsvRescalesPositionsToZeroToHundred) {
  Scenario s = import_sample("sample_data.txt");
  const std::string csv = to_ktab_csv(s);
  detail::Parsed ktab = detail::parse_ktab_csv(csv, "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  ASSERT_EQ(ktab.scenario.actors.size(), 10u);
  ASSERT_EQ(ktab.scenario.issues.size(), 6u);
  EXPECT_EQ(ktab.scenario.issues[1].label, "tol-hoogte");
  // Willems is at 3 on tol-hoogte's 0.5-7 scale: (3 - 0.5) / 6.5 of the way, 38.46 on 0-100.
  const Actor& willems = ktab.scenario.actors[0];
  EXPECT_DOUBLE_EQ(willems.positions.at("tol-hoogte"), 250.0 / 6.5);
  // Issues already on 0-100 keep their positions exactly.
  EXPECT_EQ(willems.positions.at("extra-investering"), 25.0);
  EXPECT_EQ(willems.capability, 1.0);
}

TEST(RoundTrip, KtabCsvScalesSaliencesDownWhereTheySumAboveHundred) {
  Scenario s = import_sample("sample_data.txt");
  // Willems' saliences are 95, 70, 90, 80, 60, 95: 490 in all.
  ASSERT_DOUBLE_EQ(salience_sum(s, s.actors[0]), 490.0);
  detail::Parsed ktab = detail::parse_ktab_csv(to_ktab_csv(s), "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  for (const Actor& actor : ktab.scenario.actors) {
    SCOPED_TRACE(actor.name);
    EXPECT_LE(salience_sum(ktab.scenario, actor), 100.0);  // exactly, as KTAB checks it
    EXPECT_NEAR(salience_sum(ktab.scenario, actor), 100.0, 1e-9);
  }
  // The ratios between an actor's saliences are what the model uses; they are kept.
  const Actor& willems = ktab.scenario.actors[0];
  EXPECT_DOUBLE_EQ(willems.salience.at("tol-hoogte") / willems.salience.at("extra-investering"),
                   70.0 / 60.0);
  EXPECT_NEAR(willems.salience.at("tol-hoogte"), 70.0 * 100.0 / 490.0, 1e-12);
}

TEST(RoundTrip, KtabCsvPlacesUninvolvedActorsAtTheStatusQuoWithNoSalience) {
  Scenario s = small_scenario(3);
  s.issues.push_back(issue("aid", "Aid", IssueKind::humanitarian, 0, 200, 30.0));
  s.issues.push_back(issue("ct", "", IssueKind::security, -10, 10, std::nullopt));
  s.actors[0].positions["aid"] = 100;
  s.actors[0].salience["aid"] = 20;
  detail::Parsed ktab = detail::parse_ktab_csv(to_ktab_csv(s), "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  ASSERT_EQ(ktab.scenario.issues.size(), 3u);
  EXPECT_EQ(ktab.scenario.issues[2].label, "ct");  // no label: the id names the dimension
  const Actor& involved = ktab.scenario.actors[0];
  EXPECT_EQ(involved.positions.at("aid"), 50.0);
  EXPECT_EQ(involved.salience.at("aid"), 20.0);
  const Actor& bystander = ktab.scenario.actors[1];
  EXPECT_EQ(bystander.positions.at("aid"), 15.0);  // status quo 30 on 0-200
  EXPECT_EQ(bystander.salience.at("aid"), 0.0);
  EXPECT_EQ(bystander.positions.at("ct"), 50.0);  // no status quo: the middle of -10..10
  EXPECT_EQ(bystander.salience.at("ct"), 0.0);
}

// Found by fuzzing (tests/fuzz, fuzz_eu_csv): rescaling to 0-100 wrote a position at the top of a
// 0-0.3 scale as 100.00000000000001, and one 1e-12 above the bottom of a 0.1-1 scale as 1.1e-10,
// both of which the KTAB reader rejects (E013, E016).
TEST(RoundTrip, KtabCsvRescaledPositionsStayReadable) {
  Scenario s = small_scenario(3);
  s.issues.push_back(issue("narrow", "Narrow", IssueKind::technical, 0, 0.3, std::nullopt));
  s.issues.push_back(issue("offset", "Offset", IssueKind::technical, 0.1, 1, std::nullopt));
  s.actors[0].positions["narrow"] = 0.3;
  s.actors[0].salience["narrow"] = 10;
  s.actors[1].positions["offset"] = 0.100000000001;
  s.actors[1].salience["offset"] = 10;
  detail::Parsed ktab = detail::parse_ktab_csv(to_ktab_csv(s), "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  EXPECT_EQ(ktab.scenario.actors[0].positions.at("narrow"), 100.0);
  EXPECT_EQ(ktab.scenario.actors[1].positions.at("offset"), 0.0);
}

TEST(RoundTrip, KtabCsvKeepsCommasInNamesAndShortensLongNames) {
  Scenario s = small_scenario(3);
  s.meta.name = "Gulf, 2020";
  s.meta.description = "Two lines,\nwith \"quotes\"";
  s.actors[0].name = "Iran, Islamic Republic";
  s.actors[1].name = "Alliance of Small Island States";  // 31 characters; KTAB allows 25
  const std::string csv = to_ktab_csv(s);
  detail::Parsed ktab = detail::parse_ktab_csv(csv, "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  EXPECT_EQ(ktab.scenario.meta.name, "Gulf, 2020");
  EXPECT_EQ(ktab.scenario.meta.description, "Two lines, with 'quotes'");
  EXPECT_EQ(ktab.scenario.actors[0].name, "Iran, Islamic Republic");
  EXPECT_EQ(ktab.scenario.actors[1].name, "a1");
  EXPECT_TRUE(contains(csv, "a1,Alliance of Small Island States,1,")) << csv;
}

TEST(RoundTrip, KtabCsvKeepsCapabilitiesWithinKtabsLimitAndTheirRatios) {
  Scenario s = small_scenario(3);
  s.actors[0].capability = 4e8;
  s.actors[1].capability = 1e8;
  s.actors[2].capability = 3;
  const std::string csv = to_ktab_csv(s);
  EXPECT_TRUE(contains(csv, "a0,a0,100000000,")) << csv;  // KTAB's limit, 1e8
  // Read back, they are scaled again, to parley's limit of 1e6, keeping their ratios.
  detail::Parsed ktab = detail::parse_ktab_csv(csv, "out.csv");
  ASSERT_TRUE(ktab.diagnostics.empty()) << format_diagnostic(ktab.diagnostics.front());
  EXPECT_EQ(ktab.scenario.actors[0].capability, 1e6);
  EXPECT_EQ(ktab.scenario.actors[1].capability, 2.5e5);
  EXPECT_DOUBLE_EQ(ktab.scenario.actors[2].capability, 0.0075);
  EXPECT_TRUE(contains(ktab.scenario.meta.description, "Capabilities were scaled by 0.01"))
      << ktab.scenario.meta.description;
}

TEST(RoundTrip, KtabCsvRefusesActorCountsKtabCannotRun) {
  for (std::size_t count : {std::size_t{2}, std::size_t{251}}) {
    test::expect_error(
        [&] { (void)to_ktab_csv(small_scenario(count)); }, ErrorId::request_export_limits,
        "KTAB's smpc needs 3 to 250 actors; this scenario has " + std::to_string(count));
  }
  Scenario no_issues = small_scenario(3);
  no_issues.issues.clear();
  for (Actor& actor : no_issues.actors) {
    actor.positions.clear();
    actor.salience.clear();
  }
  test::expect_error([&] { (void)to_ktab_csv(no_issues); }, ErrorId::request_export_limits,
                     "KTAB's smpc needs at least one dimension; this scenario has no issues");
  EXPECT_NO_THROW((void)to_ktab_csv(small_scenario(3)));
  EXPECT_NO_THROW((void)to_ktab_csv(small_scenario(250)));
}

// --- YAML and JSON from the importers -----------------------------------------------------------

TEST(RoundTrip, DecideThroughYamlLoadsToTheSameScenario) {
  for (const char* name : {"sample_data.txt", "copenhagen.csv", "cop21.csv"}) {
    SCOPED_TRACE(name);
    Scenario imported = import_sample(name);
    const std::string yaml = to_yaml(imported);
    EXPECT_EQ(detect_format(yaml), InputFormat::yaml);
    expect_same_scenario(imported, reload(yaml, "out.yaml"));
  }
}

TEST(RoundTrip, ExpectedUtilityCsvThroughYamlLoadsToTheSameScenario) {
  for (const char* name : {"ec-emissions-1994.csv", "china-2002.csv"}) {
    SCOPED_TRACE(name);
    Scenario imported = import_sample(name);
    expect_same_scenario(imported, reload(to_yaml(imported), "out.yaml"));
    expect_same_scenario(imported, reload(to_json(imported), "out.json"));
  }
}

TEST(RoundTrip, KtabThroughYamlAndJsonLoadsToTheSameScenario) {
  Scenario imported = import_sample("dummyData_6Dim.csv");
  expect_same_scenario(imported, reload(to_yaml(imported), "out.yaml"));
  expect_same_scenario(imported, reload(to_json(imported), "out.json"));
}

// --- YAML and JSON of every part of the format ---------------------------------------------------

// Every section, provenance on numbers and containers, and texts YAML would misread if unquoted.
const char* every_part = R"(parley: 1
meta:
  name: "yes"
  description: "First line\nsecond line: with a colon, # and a hash"
  as_of: "2024-05"
  sources:
    - {id: wfp, title: "WFP Afghanistan: situation report", url: "https://example.org/wfp?x=1&y=2",
       date: "2024-05-01"}
    - {id: own}
issues:
  - id: girls_education
    label: "Girls' education"
    kind: political
    low: "null"
    high: "100"
    status_quo: {value: 5, source: wfp, note: "grade 6 ban"}
  - {id: water, label: " padded ", kind: technical, scale: [-10.5, 10.25]}
  - {id: food, kind: humanitarian, status_quo: 0.30000000000000004}
actors:
  - id: kandahar
    name: "- Kandahar"
    kind: regime_faction
    judgement: true
    capability: 50
    risk: -0.5
    positions: {girls_education: 0, water: -3.75, food: 12.5}
    salience: {girls_education: 90, water: 20, food: 33.333333333333336}
  - id: haqqani
    kind: regime_faction
    capability: {value: 30, source: own, judgement: true, note: "network reach"}
    positions: {girls_education: 10}
    salience: {girls_education: 40}
  - {id: iskp, name: ISIS-K, kind: armed_group, capability: 5}
  - {id: usa, name: "true", kind: state, bloc: pragmatist, capability: 1.0000000000000001e-09}
  - {id: un, kind: organisation, bloc: pragmatist, capability: 999999.12345678906}
blocs:
  - id: pragmatist
    label: Pragmatists
    members: [usa, un]
    baseline:
      linkage: piecemeal
      dialogue: false
      instruments: {reserves: 0.25}
      conditions:
        - {when: "food < 1.5", set: {reserves: {value: 1, source: wfp}}}
  - {id: empty_bloc, members: []}
regime:
  factions:
    - actor: kandahar
      weights: {cohesion: 0.5, ideology: 0.3, revenue: 0.1, recognition: 0.1}
    - {actor: haqqani}
  leader: kandahar
  weights:
    {cohesion: 0.45, ideology: {value: 0.3, judgement: true}, revenue: 0.15, recognition: 0.1}
  cohesion: 0.8
  revenue_usd_bn: 2.7
spoiler: {actor: iskp, strength: 0.3, recruitment_from_defection: 0.5, attacks_per_month: 4}
population:
  source: wfp
  total_millions: 42.6
  acute_food_insecure_millions: 14.2
  humanitarian_need_millions: 23.7
  gdp_usd_bn: {value: 17.2, source: "World Bank", note: "2023 estimate"}
instruments:
  - id: reserves
    label: Frozen reserves
    kind: frozen_assets
    controlled_by: [usa, pragmatist]
    size: 3.5
    unit: usd_bn
    track: food
    effects: {revenue: 0.4, cohesion: -0.1}
  - {id: talks, kind: dialogue}
strategies:
  - id: engage
    label: Engage piece by piece
    description: "Technical tracks first"
    policies:
      pragmatist:
        linkage: bundled
        dialogue: true
        public_conditionality: true
        instruments: {reserves: 0.5, talks: 1}
        tracks: [water, food]
        conditions:
          - {when: "girls_education >= 50", set: {reserves: 1}}
          - {when: "cohesion <= 0.125", set: {talks: 0}}
  - {id: wait, policies: {}}
uncertainty:
  "actors.kandahar.salience.girls_education": {uniform: [80, 100]}
  "regime.weights.revenue": {beta: [2, 8]}
  "issues.girls_education.status_quo": {triangular: [0, 5, 20]}
  "population.total_millions": {normal: [42.6, 1.5]}
  "regime.cohesion": {empirical: [0.7, 0.75, 0.75, 0.9]}
parameters: {track_rate: 0.1, food_shock_sd: 1.2345678901234567e-09, revenue_value: 99.999999999999986}
)";

TEST(RoundTrip, EveryPartOfTheFormatSurvivesYaml) {
  Scenario original = reload(every_part, "every_part.yaml");
  ASSERT_EQ(original.actors.size(), 5u);
  const std::string yaml = to_yaml(original);
  expect_same_scenario(original, reload(yaml, "written.yaml"));
  // Writing what was read gives the same text again.
  EXPECT_EQ(yaml, to_yaml(reload(yaml, "written.yaml")));
}

TEST(RoundTrip, EveryPartOfTheFormatSurvivesJson) {
  Scenario original = reload(every_part, "every_part.yaml");
  const std::string json = to_json(original);
  EXPECT_EQ(detect_format(json), InputFormat::json);
  expect_same_scenario(original, reload(json, "written.json"));
}

// Found by fuzzing (tests/fuzz, the importers): names an importer keeps as they are, with a
// carriage return or a run of brackets in them, were written so that reading lost the return
// (plain text "L\r") or refused the file as nested too deep (E004 on "Z{{{...").
TEST(RoundTrip, NamesWithControlCharactersAndBracketsSurviveYaml) {
  Scenario s = small_scenario(3);
  s.actors[0].name = "L\r";
  s.actors[1].name = "Z" + std::string(70, '{') + "eming";
  s.actors[2].name = "tab\there [" + std::string(70, '[');
  const std::string yaml = to_yaml(s);
  const Scenario again = reload(yaml, "written.yaml");
  expect_same_scenario(s, again);
  EXPECT_EQ(yaml, to_yaml(again));
}

TEST(RoundTrip, YamlWritesProvenanceBesideTheNumber) {
  Scenario original = reload(every_part, "every_part.yaml");
  ASSERT_TRUE(original.provenance.count("actors.haqqani.capability"));
  ASSERT_TRUE(original.provenance.count("population.total_millions"));  // container default
  const std::string yaml = to_yaml(original);
  EXPECT_TRUE(contains(yaml,
                       "capability: {value: 30, source: own, judgement: true, note: network "
                       "reach}"))
      << yaml;
  EXPECT_TRUE(contains(yaml, "total_millions: {value: 42.6, source: wfp}")) << yaml;
  // Numbers without provenance stay plain.
  EXPECT_TRUE(contains(yaml, "capability: 5\n")) << yaml;
  // Texts that would read as a boolean or a number are quoted.
  EXPECT_TRUE(contains(yaml, "name: \"yes\"")) << yaml;
  EXPECT_TRUE(contains(yaml, "high: \"100\"")) << yaml;
  EXPECT_TRUE(contains(yaml, "low: \"null\"")) << yaml;
  // ... and so are dates, which YAML 1.1 readers (PyYAML) would turn into date objects.
  EXPECT_TRUE(contains(yaml, "date: \"2024-05-01\"")) << yaml;
}

TEST(RoundTrip, NumbersAreWrittenShortestAndExact) {
  Scenario s = small_scenario(3);
  s.actors[0].capability = 0.1 + 0.2;
  s.actors[1].capability = 1.0 / 3.0;
  s.actors[2].capability = 100.0;
  s.parameters["track_rate"] = std::exp(1.0) / 10;
  const std::string yaml = to_yaml(s);
  EXPECT_TRUE(contains(yaml, "capability: 0.30000000000000004")) << yaml;
  EXPECT_TRUE(contains(yaml, "capability: 100\n")) << yaml;
  Scenario back = reload(yaml, "n.yaml");
  ASSERT_EQ(back.actors.size(), 3u);
  EXPECT_EQ(back.actors[0].capability, 0.1 + 0.2);
  EXPECT_EQ(back.actors[1].capability, 1.0 / 3.0);
  EXPECT_EQ(back.parameters.at("track_rate"), std::exp(1.0) / 10);
}

TEST(RoundTrip, YamlStartsWithTheFormatVersion) {
  const std::string yaml = to_yaml(small_scenario(3));
  std::size_t version = yaml.find("parley: 1\n");
  ASSERT_NE(version, std::string::npos) << yaml;
  EXPECT_LT(version, yaml.find("meta:"));
}

}  // namespace
}  // namespace parley
