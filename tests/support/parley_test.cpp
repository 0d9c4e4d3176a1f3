// The shared test helpers of parley_test.hpp. The scenario comparison is field by field, each
// part of a scenario in a function of its own, in the order Scenario declares them.
#include "parley_test.hpp"

#include <tbb/global_control.h>

#include <cmath>

namespace parley::test {

std::filesystem::path test_data_path(const std::string& relative) {
  return std::filesystem::path(PARLEY_TEST_DATA_DIR) / relative;
}

std::string test_data_text(const std::string& relative) {
  return read_file(test_data_path(relative));
}

Scenario shipped_scenario(const std::string& file) {
  return load_scenario_file(std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / file);
}

Scenario leverage_case() { return load_scenario_file(test_data_path("engagement/leverage.yaml")); }

Scenario uncertain_leverage_case() {
  Scenario s = leverage_case();
  s.uncertainty.push_back({"actors.*.capability", {DistributionKind::relative, {0.3}}});
  return s;
}

StorePlan store_plan_of(const ComparisonPlan& plan, const std::string& command, Record record) {
  StorePlan p = parley::store_plan_of(command, plan);
  p.record = record;
  return p;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Diagnostic only_diagnostic(const std::vector<Diagnostic>& diagnostics, const std::string& what) {
  if (diagnostics.size() != 1) {
    ADD_FAILURE() << what << ": expected one diagnostic, got " << diagnostics.size();
    for (const Diagnostic& d : diagnostics) ADD_FAILURE() << format_diagnostic(d);
  }
  return diagnostics.empty() ? Diagnostic{} : diagnostics.front();
}

void expect_sample_loads(const std::string& name, InputFormat format) {
  SCOPED_TRACE(name);
  const LoadResult result = check_scenario_text(test_data_text("import/" + name), name);
  EXPECT_EQ(result.format, format);
  EXPECT_TRUE(result.scenario.has_value());
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
}

std::vector<std::string> registered_models() {
  std::vector<std::string> names;
  for (const ModelEntry& e : model_registry()) names.push_back(e.info.name);
  return names;
}

void expect_model_error(const std::string& spec, ErrorId id, const std::string& text) {
  expect_error([&] { make_model(spec); }, id, text);
}

Forecast forecast_on_threads(const std::string& spec, const Scenario& scenario,
                             std::size_t threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  return make_model(spec)->forecast(scenario);
}

void expect_finite_positions(const Forecast& f, const std::string& what) {
  for (const IssueForecast& issue : f.issues) {
    EXPECT_TRUE(std::isfinite(issue.outcome)) << what;
    for (const auto& round : issue.positions) {
      for (double x : round) EXPECT_TRUE(std::isfinite(x)) << what;
    }
  }
}

namespace {

void expect_same_policy(const BlocPolicy& a, const BlocPolicy& b, const std::string& at) {
  SCOPED_TRACE(at);
  EXPECT_EQ(a.linkage, b.linkage);
  EXPECT_EQ(a.dialogue, b.dialogue);
  EXPECT_EQ(a.public_conditionality, b.public_conditionality);
  EXPECT_EQ(a.instruments, b.instruments);
  EXPECT_EQ(a.tracks, b.tracks);
  ASSERT_EQ(a.conditions.size(), b.conditions.size());
  for (std::size_t i = 0; i < a.conditions.size(); ++i) {
    EXPECT_EQ(a.conditions[i].subject, b.conditions[i].subject);
    EXPECT_EQ(a.conditions[i].op, b.conditions[i].op);
    EXPECT_EQ(a.conditions[i].threshold, b.conditions[i].threshold);
    EXPECT_EQ(a.conditions[i].set, b.conditions[i].set);
  }
}

void expect_same_weights(const UtilityWeights& a, const UtilityWeights& b, const std::string& at) {
  SCOPED_TRACE(at);
  EXPECT_EQ(a.cohesion, b.cohesion);
  EXPECT_EQ(a.ideology, b.ideology);
  EXPECT_EQ(a.revenue, b.revenue);
  EXPECT_EQ(a.recognition, b.recognition);
}

void expect_same_meta(const Meta& a, const Meta& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.as_of, b.as_of);
  ASSERT_EQ(a.sources.size(), b.sources.size());
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    EXPECT_EQ(a.sources[i].id, b.sources[i].id);
    EXPECT_EQ(a.sources[i].title, b.sources[i].title);
    EXPECT_EQ(a.sources[i].url, b.sources[i].url);
    EXPECT_EQ(a.sources[i].date, b.sources[i].date);
  }
}

void expect_same_issues(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.issues.size(), b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    SCOPED_TRACE("issues[" + std::to_string(i) + "]");
    const Issue& x = a.issues[i];
    const Issue& y = b.issues[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.label, y.label);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.scale_min, y.scale_min);
    EXPECT_EQ(x.scale_max, y.scale_max);
    EXPECT_EQ(x.low, y.low);
    EXPECT_EQ(x.high, y.high);
    EXPECT_EQ(x.status_quo, y.status_quo);
  }
}

void expect_same_actors(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (std::size_t i = 0; i < a.actors.size(); ++i) {
    SCOPED_TRACE("actors[" + std::to_string(i) + "]");
    const Actor& x = a.actors[i];
    const Actor& y = b.actors[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.bloc, y.bloc);
    EXPECT_EQ(x.capability, y.capability);
    EXPECT_EQ(x.risk, y.risk);
    EXPECT_EQ(x.positions, y.positions);
    EXPECT_EQ(x.salience, y.salience);
  }
}

void expect_same_context(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.blocs.size(), b.blocs.size());
  for (std::size_t i = 0; i < a.blocs.size(); ++i) {
    EXPECT_EQ(a.blocs[i].id, b.blocs[i].id);
    EXPECT_EQ(a.blocs[i].label, b.blocs[i].label);
    EXPECT_EQ(a.blocs[i].members, b.blocs[i].members);
    ASSERT_EQ(a.blocs[i].baseline.has_value(), b.blocs[i].baseline.has_value());
    if (a.blocs[i].baseline) {
      expect_same_policy(*a.blocs[i].baseline, *b.blocs[i].baseline, "blocs." + a.blocs[i].id);
    }
  }
  ASSERT_EQ(a.regime.has_value(), b.regime.has_value());
  if (a.regime) {
    EXPECT_EQ(a.regime->leader, b.regime->leader);
    EXPECT_EQ(a.regime->cohesion, b.regime->cohesion);
    EXPECT_EQ(a.regime->revenue_usd_bn, b.regime->revenue_usd_bn);
    expect_same_weights(a.regime->weights, b.regime->weights, "regime.weights");
    ASSERT_EQ(a.regime->factions.size(), b.regime->factions.size());
    for (std::size_t i = 0; i < a.regime->factions.size(); ++i) {
      const Faction& x = a.regime->factions[i];
      const Faction& y = b.regime->factions[i];
      EXPECT_EQ(x.actor, y.actor);
      ASSERT_EQ(x.weights.has_value(), y.weights.has_value());
      if (x.weights) expect_same_weights(*x.weights, *y.weights, "faction " + x.actor);
    }
  }
  ASSERT_EQ(a.spoiler.has_value(), b.spoiler.has_value());
  if (a.spoiler) {
    EXPECT_EQ(a.spoiler->actor, b.spoiler->actor);
    EXPECT_EQ(a.spoiler->strength, b.spoiler->strength);
    EXPECT_EQ(a.spoiler->recruitment_from_defection, b.spoiler->recruitment_from_defection);
    EXPECT_EQ(a.spoiler->attacks_per_month, b.spoiler->attacks_per_month);
  }
  ASSERT_EQ(a.population.has_value(), b.population.has_value());
  if (a.population) {
    EXPECT_EQ(a.population->total_millions, b.population->total_millions);
    EXPECT_EQ(a.population->acute_food_insecure_millions,
              b.population->acute_food_insecure_millions);
    EXPECT_EQ(a.population->humanitarian_need_millions, b.population->humanitarian_need_millions);
    EXPECT_EQ(a.population->gdp_usd_bn, b.population->gdp_usd_bn);
  }
}

void expect_same_plans(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.instruments.size(), b.instruments.size());
  for (std::size_t i = 0; i < a.instruments.size(); ++i) {
    const Instrument& x = a.instruments[i];
    const Instrument& y = b.instruments[i];
    SCOPED_TRACE("instruments." + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.label, y.label);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.controlled_by, y.controlled_by);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.unit, y.unit);
    EXPECT_EQ(x.track, y.track);
    EXPECT_EQ(x.effects, y.effects);
  }
  ASSERT_EQ(a.strategies.size(), b.strategies.size());
  for (std::size_t i = 0; i < a.strategies.size(); ++i) {
    const Strategy& x = a.strategies[i];
    const Strategy& y = b.strategies[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.label, y.label);
    EXPECT_EQ(x.description, y.description);
    ASSERT_EQ(x.policies.size(), y.policies.size());
    for (const auto& [bloc, policy] : x.policies) {
      ASSERT_TRUE(y.policies.count(bloc)) << bloc;
      expect_same_policy(policy, y.policies.at(bloc), "strategies." + x.id + "." + bloc);
    }
  }
  ASSERT_EQ(a.uncertainty.size(), b.uncertainty.size());
  for (std::size_t i = 0; i < a.uncertainty.size(); ++i) {
    EXPECT_EQ(a.uncertainty[i].path, b.uncertainty[i].path);
    EXPECT_EQ(a.uncertainty[i].distribution.kind, b.uncertainty[i].distribution.kind);
    EXPECT_EQ(a.uncertainty[i].distribution.params, b.uncertainty[i].distribution.params);
  }
  EXPECT_EQ(a.parameters, b.parameters);
}

void expect_same_provenance(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.provenance.size(), b.provenance.size());
  for (const auto& [path, provenance] : a.provenance) {
    SCOPED_TRACE(path);
    auto it = b.provenance.find(path);
    ASSERT_NE(it, b.provenance.end());
    EXPECT_EQ(provenance.source, it->second.source);
    EXPECT_EQ(provenance.judgement, it->second.judgement);
    EXPECT_EQ(provenance.note, it->second.note);
  }
}

}  // namespace

void expect_same_scenario(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.format_version, b.format_version);
  expect_same_meta(a.meta, b.meta);
  expect_same_issues(a, b);
  expect_same_actors(a, b);
  expect_same_context(a, b);
  expect_same_plans(a, b);
  expect_same_provenance(a, b);
}

}  // namespace parley::test
