// What every registered model must do, whatever its maths (the shared conformance suite).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

Scenario random_scenario(unsigned seed, int actors, int issues) {
  std::mt19937 draw(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Scenario s;
  s.meta.name = "random";
  for (int i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "issue" + std::to_string(i);
    issue.scale_min = -50.0 * i;
    issue.scale_max = 100.0 + 10.0 * i;
    s.issues.push_back(issue);
  }
  for (int a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = 100 * unit(draw);
    for (const Issue& issue : s.issues) {
      actor.positions[issue.id] =
          issue.scale_min + (issue.scale_max - issue.scale_min) * unit(draw);
      actor.salience[issue.id] = 100 * unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
}

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, OutcomesStayWithinTheActorsPositions) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    Scenario s = random_scenario(seed, static_cast<int>(2 + seed % 9), 3);
    Forecast f = make_model(GetParam())->forecast(s);
    ASSERT_EQ(f.issues.size(), s.issues.size());
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      double lo = 1e300, hi = -1e300;
      for (const Actor& a : s.actors) {
        lo = std::min(lo, a.positions.at(s.issues[i].id));
        hi = std::max(hi, a.positions.at(s.issues[i].id));
      }
      EXPECT_GE(f.issues[i].outcome, lo - 1e-9);
      EXPECT_LE(f.issues[i].outcome, hi + 1e-9);
    }
  }
}

TEST_P(EveryModel, SameInputGivesBitIdenticalOutput) {
  Scenario s = random_scenario(7, 12, 4);
  Forecast first = make_model(GetParam())->forecast(s);
  Forecast second = make_model(GetParam())->forecast(s);
  for (std::size_t i = 0; i < first.issues.size(); ++i) {
    EXPECT_EQ(first.issues[i].outcome, second.issues[i].outcome);
    EXPECT_EQ(first.issues[i].positions, second.issues[i].positions);
  }
}

TEST_P(EveryModel, ReorderingActorsDoesNotChangeOutcomes) {
  Scenario s = random_scenario(11, 9, 3);
  Scenario reversed = s;
  std::reverse(reversed.actors.begin(), reversed.actors.end());
  Forecast a = make_model(GetParam())->forecast(s);
  Forecast b = make_model(GetParam())->forecast(reversed);
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    EXPECT_NEAR(a.issues[i].outcome, b.issues[i].outcome, 1e-9);
  }
}

TEST_P(EveryModel, DegenerateInputsGiveFiniteOutcomes) {
  auto check = [&](const Scenario& s, const char* what) {
    test::expect_finite_positions(make_model(GetParam())->forecast(s), what);
  };
  Scenario one = random_scenario(3, 1, 2);
  check(one, "one actor");
  Scenario same = random_scenario(4, 6, 2);
  for (Actor& a : same.actors) a.positions["issue0"] = 42.0;
  check(same, "all actors at one position");
  Scenario no_salience = random_scenario(5, 6, 2);
  for (Actor& a : no_salience.actors) a.salience["issue1"] = 0.0;
  check(no_salience, "zero salience");
  Scenario no_capability = random_scenario(6, 6, 2);
  for (Actor& a : no_capability.actors) a.capability = 0.0;
  check(no_capability, "zero capability");
}

using test::registered_models;

INSTANTIATE_TEST_SUITE_P(Registry, EveryModel, ::testing::ValuesIn(registered_models()),
                         [](const auto& info) { return info.param; });

TEST(Registry, ListsTheBaselineModelsWithDescriptions) {
  auto names = registered_models();
  EXPECT_NE(std::find(names.begin(), names.end(), "compromise"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "median"), names.end());
  for (const ModelEntry& e : model_registry()) EXPECT_FALSE(e.info.summary.empty());
}

TEST(Registry, RejectsUnknownModelsAndParameters) {
  test::expect_model_error("oracle", ErrorId::model_unknown,
                           "unknown model 'oracle'; known models: compromise, median");
  test::expect_model_error("median(q=1)", ErrorId::model_unknown_parameter,
                           "model 'median' has no parameter 'q'");
  test::expect_model_error("median(q", ErrorId::model_bad_spec,
                           "model spec 'median(q': expected name(key=value,...)");
  test::expect_model_error("median(q)", ErrorId::model_bad_spec,
                           "model spec 'median(q)': expected key=value, got 'q'");
}

// Issue 13, F5/F6: a key given twice is an error, not "the last wins"; rounds are capped at
// limits::max_rounds in every model that has them.
TEST(Registry, RejectsDuplicateKeysAndTooManyRounds) {
  test::expect_model_error("eum(q=1,q=0)", ErrorId::model_bad_spec, "parameter 'q' is given twice");
  for (const ModelEntry& e : model_registry()) {
    const auto& p = e.info.parameters;
    if (std::none_of(p.begin(), p.end(), [](const ParameterSpec& s) { return s.name == "rounds"; }))
      continue;
    const std::string name = e.info.name;
    EXPECT_NO_THROW(make_model(name + "(rounds=10000)"));
    test::expect_model_error(name + "(rounds=10001)", ErrorId::model_bad_parameter_value,
                             name + " parameter 'rounds': expected a whole number in [0, 10000]");
    test::expect_model_error(name + "(rounds=2000000000)", ErrorId::model_bad_parameter_value,
                             name + " parameter 'rounds': expected a whole number in [0, 10000]");
    test::expect_model_error(name + "(rounds=-1)", ErrorId::model_bad_parameter_value,
                             name + " parameter 'rounds': expected a whole number in [0, 10000]");
  }
}

// What a model declares is what it does: a per-issue model can serve the engagement simulator,
// a model that bargains in rounds reports them, a deterministic one has no seed.
TEST_P(EveryModel, DeclaredPropertiesHold) {
  const ModelInfo& info = model_info(GetParam());
  const Scenario s = random_scenario(13, 6, 2);
  const Forecast f = make_model(GetParam())->forecast(s);
  if (info.scope == ModelScope::per_issue) {
    EXPECT_NE(make_per_issue_model(GetParam()), nullptr);
  } else {
    test::expect_error([&] { make_per_issue_model(GetParam()); }, ErrorId::model_not_per_issue,
                       "treats issues jointly; per-issue models: compromise, median, eum");
  }
  const bool reports_rounds =
      std::any_of(f.issues.begin(), f.issues.end(),
                  [](const IssueForecast& i) { return !i.round_summaries.empty(); }) ||
      !f.exchange_rounds.empty();
  EXPECT_EQ(reports_rounds, info.rounds);
  const bool has_seed = std::any_of(info.parameters.begin(), info.parameters.end(),
                                    [](const ParameterSpec& p) { return p.name == "seed"; });
  EXPECT_EQ(has_seed, info.stochastic);
}

TEST(Registry, ListsModelsInTheOrderOfTheirCMakeLines) {
  EXPECT_EQ(registered_models(),
            (std::vector<std::string>{"compromise", "median", "eum", "exchange", "smp"}));
  EXPECT_EQ(model_names(ModelScope::per_issue), "compromise, median, eum");
  EXPECT_EQ(model_names(ModelScope::joint), "exchange, smp");
}

}  // namespace
}  // namespace parley
