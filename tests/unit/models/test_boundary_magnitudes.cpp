// The accepted magnitudes are safe (issue 13, part 2): every registered model, on scenarios that
// validation accepts with numbers at the ends of the documented ranges (limits in
// parley/scenario.hpp), gives a finite forecast. An Error here means a bound is too loose.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

constexpr double big = limits::max_magnitude;
constexpr double tiny = limits::min_magnitude;

struct Case {
  std::string what;
  Scenario scenario;
};

Issue issue(const std::string& id, double low, double high) {
  Issue i;
  i.id = id;
  i.scale_min = low;
  i.scale_max = high;
  return i;
}

// The accepted number next to `x` towards `to`: one ulp away, or the smallest accepted
// magnitude where one ulp would be smaller.
double next_to(double x, double to) {
  const double next = std::nextafter(x, to);
  if (next != 0 && std::abs(next) < tiny) return next > 0 ? tiny : -tiny;
  return next;
}

// `n` actors whose numbers are drawn from the extremes (and a few ordinary values) of the
// accepted ranges, on the given issues.
Scenario extremes(unsigned seed, int n, std::vector<Issue> issues) {
  std::mt19937 draw(seed);
  auto pick = [&](std::initializer_list<double> values) {
    std::vector<double> v(values);
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(draw)];
  };
  Scenario s;
  s.meta.name = "boundary";
  s.issues = std::move(issues);
  for (int a = 0; a < n; ++a) {
    Actor actor;
    actor.id = "a" + std::to_string(a);
    actor.capability = pick({0.0, tiny, 2 * tiny, 1.0, big / 2, big});
    for (const Issue& i : s.issues) {
      const double width = i.scale_max - i.scale_min;
      // The ends, the middle, one step inside each end, and the smallest magnitudes.
      std::vector<double> at = {i.scale_min, i.scale_max, i.scale_min + width / 2,
                                next_to(i.scale_min, i.scale_max),
                                next_to(i.scale_max, i.scale_min)};
      for (double x : {-tiny, tiny}) {
        if (x > i.scale_min && x < i.scale_max) at.push_back(x);
      }
      actor.positions[i.id] =
          at[std::uniform_int_distribution<std::size_t>(0, at.size() - 1)(draw)];
      actor.salience[i.id] = pick({0.0, tiny, 1.0, 50.0, 100.0});
    }
    s.actors.push_back(actor);
  }
  for (Issue& i : s.issues) i.status_quo = i.scale_min;
  return s;
}

std::vector<Case> boundary_cases() {
  std::vector<Case> cases;
  const std::vector<std::pair<std::string, std::vector<Issue>>> scales = {
      {"widest scale", {issue("wide", -big, big)}},
      {"narrowest scale at 0", {issue("narrow", 0, limits::min_scale_width)}},
      {"narrowest scale at the top", {issue("top", big - limits::min_scale_width, big)}},
      {"tiny positions",
       {issue("small", -limits::min_scale_width / 2, limits::min_scale_width / 2)}},
      {"mixed scales",
       {issue("wide", -big, big), issue("narrow", 0, limits::min_scale_width),
        issue("ordinary", 0, 100)}},
  };
  for (const auto& [name, issues] : scales) {
    for (unsigned seed = 1; seed <= 6; ++seed) {
      cases.push_back({name + ", seed " + std::to_string(seed),
                       extremes(seed, static_cast<int>(3 + seed * 3), issues)});
    }
  }
  // Two actors at either end of the widest scale, one with all the capability.
  Scenario duel = extremes(1, 2, {issue("wide", -big, big)});
  const double sides[2][3] = {{big, -big, 100},
                              {tiny, big, tiny}};  // capability, position, salience
  for (std::size_t k = 0; k < 2; ++k) {
    Actor& a = duel.actors[k];
    a.capability = sides[k][0];
    a.positions = {{"wide", sides[k][1]}};
    a.salience = {{"wide", sides[k][2]}};
  }
  cases.push_back({"duel at the ends", duel});
  return cases;
}

// Every registered model, and the options that raise numbers to the highest powers.
std::vector<std::string> specs() {
  std::vector<std::string> names;
  for (const ModelEntry& e : model_registry()) names.push_back(e.info.name);
  for (const char* variant :
       {"eum(profile=paper-literal)", "eum(q=0.5,risk_update=sequential)",
        "exchange(solution=random,p=0.5)", "smp(victory=octic,voting=cubic,risk_range=max)",
        "smp(victory=binary,pce=markov_incentive,bargaining=pw_comp)"}) {
    names.push_back(variant);
  }
  return names;
}

class EveryModelAtTheBounds : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModelAtTheBounds, ForecastsAreFinite) {
  for (const Case& c : boundary_cases()) {
    // The scenario is one validation accepts, or the test would prove nothing.
    const LoadResult checked = check_scenario_text(to_yaml(c.scenario), c.what + ".yaml");
    ASSERT_TRUE(checked.scenario.has_value())
        << c.what << ": " << format_diagnostic(checked.diagnostics.at(0));
    try {
      const Forecast f = make_model(GetParam())->forecast(*checked.scenario);
      test::expect_finite_positions(f, GetParam() + ": " + c.what);
    } catch (const Error& e) {
      ADD_FAILURE() << c.what << ": " << e.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, EveryModelAtTheBounds, ::testing::ValuesIn(specs()),
                         [](const auto& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(c) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace parley
