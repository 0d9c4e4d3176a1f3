// Every model on numbers that validation rejects (issue 13, F0 and F1): called directly, without
// validation, a model must neither crash nor hang nor return NaN or inf. It returns a finite
// forecast or throws a Error model.non_finite that names the model and the issue. The sanitizer
// build runs these too; the eum cases below read out of bounds before the fix.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

// One issue, the actors' (capability, position, salience) as given, scale [low, high].
Scenario one_issue(double low, double high, const std::vector<std::array<double, 3>>& actors) {
  Scenario s;
  s.meta.name = "extreme";
  Issue issue;
  issue.id = "tax";
  issue.scale_min = low;
  issue.scale_max = high;
  s.issues.push_back(issue);
  for (std::size_t k = 0; k < actors.size(); ++k) {
    Actor a;
    a.id = "a" + std::to_string(k);
    a.capability = actors[k][0];
    a.positions["tax"] = actors[k][1];
    a.salience["tax"] = actors[k][2];
    s.actors.push_back(a);
  }
  return s;
}

enum class Result { finite, model_error };

// Runs `spec` on `s`: a finite forecast or an Error model.non_finite naming the model; anything
// else fails.
Result finite_or_model_error(const std::string& spec, const Scenario& s, const std::string& what) {
  try {
    const Forecast f = make_model(spec)->forecast(s);
    test::expect_finite_positions(f, spec + ": " + what);
    return Result::finite;
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), ErrorId::model_non_finite) << e.what();
    const std::string message = e.what();
    const std::string name = spec.substr(0, spec.find('('));
    EXPECT_NE(message.find("model '" + name), std::string::npos) << message;
    return Result::model_error;
  }
}

using test::registered_models;

// The reproducers of shared/reliability: 21 (a position of 1e-320 on 0-100; ASan report in eum,
// Release hung), and the other subnormals that triggered it.
TEST(EumExtremeMagnitudes, SubnormalPositionsGiveAFiniteForecast) {
  for (double tiny : {1e-320, 1e-310, 1e-308, 5e-324, 1e-300}) {
    const Scenario s = one_issue(0, 100, {{10, 0, 50}, {30, tiny, 100}});
    for (const char* spec : {"eum", "eum(profile=paper-literal)"}) {
      const Forecast f = make_model(spec)->forecast(s);
      test::expect_finite_positions(f, spec);
      // Both ends are (almost) the same point: the outcome is one of them.
      EXPECT_GE(f.issues.at(0).outcome, 0.0) << tiny;
      EXPECT_LE(f.issues.at(0).outcome, tiny) << tiny;
    }
  }
}

// 02-yaml-huge-scale.yaml: the positions span more than the largest double.
TEST(EumExtremeMagnitudes, OverflowingScaleIsAnError) {
  const Scenario s = one_issue(-1e308, 1e308, {{10, -1e308, 50}, {30, 1e308, 100}, {30, 0, 100}});
  test::expect_error([&] { make_model("eum")->forecast(s); }, ErrorId::model_non_finite,
                     "model 'eum', issue 'tax'");
}

// 18-leverage-huge-faction-capability.yaml's eum part: weights whose sums overflow.
TEST(EumExtremeMagnitudes, OverflowingCapabilitiesAreAnError) {
  const Scenario s = one_issue(0, 100, {{1e308, 0, 50}, {1e308, 100, 100}, {30, 60, 100}});
  test::expect_error([&] { make_model("eum")->forecast(s); }, ErrorId::model_non_finite,
                     "model 'eum', issue 'tax'");
}

TEST(ModelInputs, NonFiniteInputsAreAnErrorInEveryModel) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const std::string& model : registered_models()) {
    for (const auto& [s, what] :
         {std::pair{one_issue(0, 100, {{nan, 0, 50}, {30, 100, 100}}), "NaN capability"},
          std::pair{one_issue(0, 100, {{10, inf, 50}, {30, 100, 100}}), "inf position"},
          std::pair{one_issue(0, 100, {{10, 0, -inf}, {30, 100, 100}}), "-inf salience"},
          std::pair{one_issue(0, inf, {{10, 0, 50}, {30, 100, 100}}), "inf scale"}}) {
      // clang 14 cannot capture a structured binding implicitly: name it.
      test::expect_error([&, &s = s] { make_model(model)->forecast(s); }, ErrorId::model_non_finite,
                         "not a finite number");
    }
  }
}

// Every registered model on the F0/F1 inputs, unvalidated: finite, or Error model.non_finite.
TEST(ModelInputs, ExtremeMagnitudesGiveFiniteForecastsOrAnError) {
  const std::vector<std::pair<Scenario, std::string>> cases = {
      {one_issue(0, 100, {{10, 0, 50}, {30, 1e-320, 100}}), "subnormal position"},
      {one_issue(0, 100, {{1e308, 0, 50}, {1e308, 100, 100}, {30, 60, 100}}), "capabilities 1e308"},
      {one_issue(-1e308, 1e308, {{10, -1e308, 50}, {30, 1e308, 100}, {30, 0, 100}}),
       "scale [-1e308, 1e308]"},
      {one_issue(-1e308, 100, {{1, 0, 50}, {1, 100, 50}, {1, -1e308, 50}}),
       "position -1e308 (03-eu-huge-position.csv)"},
      {one_issue(0, 100, {{10, 0, 5e-324}, {30, 100, 100}, {5e-324, 50, 100}}),
       "subnormal salience and capability"}};
  for (const std::string& model : registered_models()) {
    for (const auto& [s, what] : cases) finite_or_model_error(model, s, what);
  }
}

// A per-issue model used as the engagement simulator's engine is checked the same way.
TEST(ModelInputs, PerIssueEnginesAreChecked) {
  IssueInput issue;
  issue.issue_id = "tax";
  issue.actors = {0, 1};
  issue.capability = {1e308, 1e308};
  issue.position = {0, 100};
  issue.salience = {1, 1};
  for (const char* model : {"compromise", "median", "eum"}) {
    const auto engine = make_per_issue_model(model);
    try {
      EXPECT_TRUE(std::isfinite(engine->forecast_issue(issue, nullptr).outcome)) << model;
    } catch (const Error& e) {
      EXPECT_EQ(e.id(), ErrorId::model_non_finite) << e.what();
      EXPECT_NE(std::string(e.what()).find("issue 'tax'"), std::string::npos) << e.what();
    }
    issue.position[0] = std::numeric_limits<double>::quiet_NaN();
    test::expect_error([&] { engine->forecast_issue(issue, nullptr); }, ErrorId::model_non_finite,
                       "not a finite number");
    issue.position[0] = 0;
  }
}

}  // namespace
}  // namespace parley
