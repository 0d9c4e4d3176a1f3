// Reading format v1: values land in the right fields, provenance is kept, problems are located.
#include <gtest/gtest.h>

#include "parley/scenario.hpp"

namespace parley {
namespace {

const char* full_scenario = R"(parley: 1
meta:
  name: Test
  as_of: "2024-05"
  sources:
    - {id: ipc, title: "IPC analysis", url: "https://example.org/ipc", date: "2024-05"}
issues:
  - id: girls_education
    label: Girls' education
    kind: political
    low: banned
    high: open
    status_quo: {value: 5, source: ipc}
  - {id: water, kind: technical, scale: [-10, 10]}
actors:
  - id: kandahar
    name: Kandahar leadership
    kind: regime_faction
    judgement: true
    capability: 50
    risk: -0.5
    positions: {girls_education: 0, water: 2}
    salience: {girls_education: 90, water: 20}
  - id: usa
    kind: state
    bloc: pragmatist
    capability: {value: 80, source: "SIPRI 2024"}
    positions: {girls_education: 90}
    salience: {girls_education: 70}
  - {id: iskp, kind: armed_group, capability: 5}
blocs:
  - id: pragmatist
    label: Pragmatists
    members: [usa]
    baseline: {linkage: piecemeal, dialogue: true, instruments: {reserves: 1}}
regime:
  factions:
    - actor: kandahar
      weights: {cohesion: 0.5, ideology: 0.3, revenue: 0.1, recognition: 0.1}
  leader: kandahar
  weights: {cohesion: 0.45, ideology: 0.3, revenue: 0.15, recognition: 0.1}
  cohesion: 0.8
spoiler: {actor: iskp, strength: 0.3, recruitment_from_defection: 0.5, attacks_per_month: 4}
population: {total_millions: 42.6, acute_food_insecure_millions: {value: 14.2, source: ipc}}
instruments:
  - {id: reserves, kind: frozen_assets, controlled_by: [usa], size: 3.5, unit: usd_bn,
     track: girls_education, effects: {revenue: 0.4}}
strategies:
  - id: isolation
    label: Isolation
    policies:
      pragmatist:
        linkage: bundled
        public_conditionality: true
        instruments: {reserves: 1.0}
        tracks: [water]
        conditions:
          - {when: "girls_education >= 50", set: {reserves: 0}}
uncertainty:
  "actors.kandahar.salience.girls_education": {uniform: [80, 100]}
  "regime.weights.revenue": {beta: [2, 8]}
parameters: {track_rate: 0.1}
)";

TEST(ParseYaml, ReadsEveryPartOfTheFormat) {
  Scenario s = load_scenario_text(full_scenario, "full.yaml");
  EXPECT_EQ(s.meta.name, "Test");
  ASSERT_EQ(s.meta.sources.size(), 1u);
  EXPECT_EQ(s.meta.sources[0].url, "https://example.org/ipc");
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.issues[0].status_quo, 5.0);
  EXPECT_EQ(s.issues[1].kind, IssueKind::technical);
  EXPECT_EQ(s.issues[1].scale_min, -10.0);
  EXPECT_EQ(s.issues[1].scale_max, 10.0);
  ASSERT_EQ(s.actors.size(), 3u);
  EXPECT_EQ(s.actors[0].kind, ActorKind::regime_faction);
  EXPECT_EQ(s.actors[0].risk, -0.5);
  EXPECT_EQ(s.actors[0].positions.at("water"), 2.0);
  EXPECT_EQ(s.actors[0].salience.at("girls_education"), 90.0);
  EXPECT_EQ(s.actors[1].bloc, "pragmatist");
  ASSERT_TRUE(s.regime.has_value());
  EXPECT_EQ(s.regime->leader, "kandahar");
  EXPECT_DOUBLE_EQ(s.regime->weights.cohesion, 0.45);
  ASSERT_TRUE(s.regime->factions[0].weights.has_value());
  EXPECT_DOUBLE_EQ(s.regime->factions[0].weights->cohesion, 0.5);
  EXPECT_DOUBLE_EQ(s.spoiler->strength, 0.3);
  EXPECT_EQ(s.spoiler->attacks_per_month, 4.0);
  EXPECT_DOUBLE_EQ(s.population->acute_food_insecure_millions, 14.2);
  EXPECT_EQ(s.instruments[0].kind, InstrumentKind::frozen_assets);
  EXPECT_EQ(s.instruments[0].effects.at("revenue"), 0.4);
  const BlocPolicy& policy = s.strategies[0].policies.at("pragmatist");
  EXPECT_EQ(policy.linkage, Linkage::bundled);
  EXPECT_TRUE(policy.public_conditionality);
  ASSERT_EQ(policy.conditions.size(), 1u);
  EXPECT_EQ(policy.conditions[0].subject, "girls_education");
  EXPECT_EQ(policy.conditions[0].op, ">=");
  EXPECT_EQ(policy.conditions[0].threshold, 50.0);
  EXPECT_EQ(policy.conditions[0].set.at("reserves"), 0.0);
  EXPECT_EQ(s.blocs[0].baseline->instruments.at("reserves"), 1.0);
  ASSERT_EQ(s.uncertainty.size(), 2u);
  EXPECT_EQ(s.uncertainty[1].distribution.kind, DistributionKind::beta);
  EXPECT_EQ(s.parameters.at("track_rate"), 0.1);
}

TEST(ParseYaml, KeepsProvenanceByIdPathWithContainerDefaults) {
  Scenario s = load_scenario_text(full_scenario, "full.yaml");
  EXPECT_EQ(s.provenance.at("issues.girls_education.status_quo").source, "ipc");
  EXPECT_EQ(s.provenance.at("actors.usa.capability").source, "SIPRI 2024");
  // The actor-level `judgement: true` covers every number of kandahar.
  EXPECT_TRUE(s.provenance.at("actors.kandahar.capability").judgement);
  EXPECT_TRUE(s.provenance.at("actors.kandahar.salience.water").judgement);
  EXPECT_EQ(s.provenance.count("actors.iskp.capability"), 0u);
}

TEST(ParseYaml, RequireProvenanceListsUncitedNumbers) {
  LoadOptions options;
  options.require_provenance = true;
  LoadResult r = check_scenario_text(full_scenario, "full.yaml", options);
  ASSERT_FALSE(r.scenario.has_value());
  std::vector<std::string> paths;
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_EQ(d.code, "E060");
    paths.push_back(d.path);
  }
  EXPECT_NE(std::find(paths.begin(), paths.end(), "actors[2].capability"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "actors[1].positions.girls_education"),
            paths.end());
  EXPECT_EQ(std::find(paths.begin(), paths.end(), "actors[0].capability"), paths.end());
  EXPECT_EQ(std::find(paths.begin(), paths.end(), "actors[1].capability"), paths.end());
}

TEST(ParseYaml, JsonWithTheSameStructureGivesTheSameScenario) {
  const char* json = R"({"parley": 1, "meta": {"name": "J"},
    "issues": [{"id": "tax", "kind": "political", "status_quo": 20}],
    "actors": [{"id": "a", "kind": "state", "capability": 10,
                "positions": {"tax": 0}, "salience": {"tax": 50}}]})";
  LoadResult r = check_scenario_text(json, "j.json");
  ASSERT_TRUE(r.scenario.has_value()) << format_diagnostic(r.diagnostics.at(0));
  EXPECT_EQ(r.format, InputFormat::json);
  EXPECT_EQ(r.scenario->actors[0].salience.at("tax"), 50.0);
}

TEST(ParseYaml, FindNumberAddressesFieldsByIdPath) {
  Scenario s = load_scenario_text(full_scenario, "full.yaml");
  double* salience = find_number(s, "actors.kandahar.salience.girls_education");
  ASSERT_NE(salience, nullptr);
  *salience = 85;
  EXPECT_EQ(s.actors[0].salience.at("girls_education"), 85.0);
  EXPECT_NE(find_number(s, "regime.factions.kandahar.weights.revenue"), nullptr);
  EXPECT_NE(find_number(s, "parameters.track_rate"), nullptr);
  EXPECT_EQ(find_number(s, "actors.nobody.capability"), nullptr);
}

TEST(ParseYaml, ReportsEveryProblemWithLineColumnAndPath) {
  const char* text = R"(parley: 1
meta: {name: Bad}
issues:
  - {id: tax, kind: politcal}
actors:
  - id: a
    kind: state
    capability: -3
    positions: {tax: 140, vat: 3}
    salience: {tax: 50}
)";
  LoadResult r = check_scenario_text(text, "bad.yaml");
  ASSERT_EQ(r.diagnostics.size(), 4u);
  std::vector<std::string> lines;
  for (const auto& d : r.diagnostics) lines.push_back(format_diagnostic(d));
  EXPECT_EQ(lines[0],
            "bad.yaml:4:21: error E015: issues[0].kind: expected one of political, technical, "
            "humanitarian, security, got 'politcal'; did you mean 'political'?");
  EXPECT_EQ(
      lines[1],
      "bad.yaml:8:17: error E013: actors[0].capability: expected a number in [0, 1e6], got -3");
  EXPECT_EQ(lines[2],
            "bad.yaml:9:22: error E013: actors[0].positions.tax: expected a number in [0, 100], "
            "got 140");
  EXPECT_EQ(lines[3], "bad.yaml:9:27: error E021: actors[0].positions.vat: unknown issue 'vat'");
}

TEST(ParseYaml, EmpiricalSamplesMustBeNonEmptyAndInsideTheFieldsRange) {
  const char* text = R"(parley: 1
meta: {name: Samples}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 40}, salience: {tax: 50}}
uncertainty:
  "actors.a.salience.tax": {empirical: [20, 60, 101]}
  "actors.a.capability": {empirical: []}
  "actors.a.positions.tax": {empirical: [35, 40, 45]}
)";
  LoadResult r = check_scenario_text(text, "samples.yaml");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "samples.yaml:7:3: error E031: uncertainty[\"actors.a.salience.tax\"]: empirical "
            "values [20 ... 101] reach outside the field's range, a number in [0, 100]");
  EXPECT_EQ(format_diagnostic(r.diagnostics[1]),
            "samples.yaml:8:3: error E031: uncertainty[\"actors.a.capability\"]: empirical needs "
            "at least one value");
}

}  // namespace
}  // namespace parley
