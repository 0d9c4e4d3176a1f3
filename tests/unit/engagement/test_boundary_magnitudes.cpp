// The accepted magnitudes are safe for the engagement simulator (issue 13, part 2): the leverage
// case with its numbers moved to the ends of the ranges validation accepts (limits in
// parley/scenario.hpp, the parameter table) runs every strategy with every per-issue engine to
// finite numbers in every month.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "leverage_case.hpp"
#include "parley/engagement.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

constexpr double big = limits::max_magnitude;
constexpr double tiny = limits::min_magnitude;

using Change = std::function<void(Scenario&)>;

void set_parameters(Scenario& s, bool at_max) {
  for (const EngagementParameterSpec& spec : engagement_parameter_specs()) {
    s.parameters[spec.name] = at_max ? spec.max : spec.min;
  }
}

std::vector<std::pair<std::string, Change>> boundary_changes() {
  return {
      {"capabilities at both ends",
       [](Scenario& s) {
         for (Actor& a : s.actors) a.capability = a.kind == ActorKind::regime_faction ? big : tiny;
       }},
      {"weakest spoiler, most attacks",
       [](Scenario& s) {
         s.spoiler->strength = tiny;
         s.spoiler->attacks_per_month = big;
       }},
      {"largest revenue and effects",
       [](Scenario& s) {
         s.regime->revenue_usd_bn = big;
         for (Instrument& in : s.instruments) {
           in.size = big;
           for (auto& [channel, value] : in.effects) value = value < 0 ? -big : big;
         }
       }},
      {"smallest revenue, negative effects",
       [](Scenario& s) {
         s.regime->revenue_usd_bn = tiny;
         for (Instrument& in : s.instruments) {
           for (auto& [channel, value] : in.effects) value = -big;
         }
       }},
      {"largest population, all of it hungry",
       [](Scenario& s) { s.population = Population{big, big, big, big}; }},
      {"smallest population",
       [](Scenario& s) { s.population = Population{tiny, tiny, tiny, tiny}; }},
      {"tiny weights and cohesion",
       [](Scenario& s) {
         s.regime->weights = UtilityWeights{tiny, tiny, tiny, tiny};
         s.regime->cohesion = tiny;
       }},
      {"every parameter at its minimum", [](Scenario& s) { set_parameters(s, false); }},
      {"every parameter at its maximum", [](Scenario& s) { set_parameters(s, true); }},
      {"everything at once",
       [](Scenario& s) {
         for (Actor& a : s.actors) a.capability = a.kind == ActorKind::state ? big : tiny;
         s.spoiler->strength = tiny;
         s.spoiler->attacks_per_month = big;
         s.regime->revenue_usd_bn = tiny;
         s.population = Population{big, big, big, big};
         set_parameters(s, true);
       }},
  };
}

TEST(EngagementAtTheBounds, EveryMonthIsFinite) {
  for (const auto& [what, change] : boundary_changes()) {
    Scenario changed = test::leverage_case();
    change(changed);
    // The scenario is one validation accepts, or the test would prove nothing.
    const LoadResult checked = check_scenario_text(to_yaml(changed), what + ".yaml");
    ASSERT_TRUE(checked.scenario.has_value())
        << what << ": " << format_diagnostic(checked.diagnostics.at(0));
    for (const char* engine : {"eum", "compromise", "median"}) {
      EngagementOptions options;
      options.engine = engine;
      options.months = 60;
      for (const Strategy& strategy : checked.scenario->strategies) {
        for (std::uint64_t run = 0; run < 3; ++run) {
          try {
            const EngagementRun r =
                simulate_engagement(*checked.scenario, strategy.id, options, 7, run);
            for (const MonthRecord& month : r.months) {
              for (double x : month.indicators) ASSERT_TRUE(std::isfinite(x)) << what;
              for (double x : month.issue_positions) ASSERT_TRUE(std::isfinite(x)) << what;
            }
          } catch (const ModelError& e) {
            ADD_FAILURE() << what << ", " << engine << ", " << strategy.id << ": " << e.what();
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace parley
