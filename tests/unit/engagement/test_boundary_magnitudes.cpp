// The accepted magnitudes are safe for the engagement simulator (issue 13, part 2): the leverage
// case with its numbers moved to the ends of the ranges validation accepts (limits in
// parley/scenario.hpp, the parameter table) runs every strategy with every per-issue engine to
// finite numbers in every month.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "parley/engagement.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

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

// Every timeline kind at the extremes: shocks, flows every month and trends of `change` on every
// variable, seasonal profiles swinging between the largest and the smallest factor.
void add_timeline(Scenario& s, double change) {
  s.meta.as_of = "2024-01";
  for (const std::string& variable : timeline_variables()) {
    TimelineEntry shock, flow, trend;
    shock.kind = TimelineKind::shock;
    shock.from = 1;
    flow.kind = TimelineKind::flow;
    trend.kind = TimelineKind::trend;
    trend.variable = variable;
    for (TimelineEntry* e : {&shock, &flow, &trend}) {
      e->values[variable] = change;
      s.timeline.push_back(*e);
    }
  }
  for (const std::string& variable : seasonal_variables()) {
    TimelineEntry seasonal;
    seasonal.kind = TimelineKind::seasonal;
    seasonal.variable = variable;
    for (int m = 0; m < 12; ++m) seasonal.profile.push_back(m % 2 ? big : tiny);
    s.timeline.push_back(seasonal);
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
       [](Scenario& s) {
         s.population = Population{big, big, big, big};
       }},
      {"smallest population",
       [](Scenario& s) {
         s.population = Population{tiny, tiny, tiny, tiny};
       }},
      {"tiny weights and cohesion",
       [](Scenario& s) {
         s.regime->weights = UtilityWeights{tiny, tiny, tiny, tiny};
         s.regime->cohesion = tiny;
       }},
      {"issue effects at both ends, every state fully recognising",
       [](Scenario& s) {
         for (std::size_t i = 0; i < s.issues.size(); ++i) {
           for (const std::string& channel : issue_effect_channels()) {
             s.issues[i].effects[channel] = i % 2 ? big : -big;
           }
         }
         for (Actor& a : s.actors) {
           if (a.kind == ActorKind::state) a.recognition = 3;
         }
       }},
      {"timeline at its largest", [](Scenario& s) { add_timeline(s, big); }},
      {"timeline at its largest, negative", [](Scenario& s) { add_timeline(s, -big); }},
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
              for (double x : month.values) ASSERT_TRUE(std::isfinite(x)) << what;
            }
          } catch (const Error& e) {
            ADD_FAILURE() << what << ", " << engine << ", " << strategy.id << ": " << e.what();
          }
        }
      }
    }
  }
}

// The longest run, 1,200 months, with every flow and trend at its largest: linear growth of 1e6 a
// month stays far inside double's range.
TEST(EngagementAtTheBounds, TheLongestRunIsFinite) {
  for (double change : {big, -big}) {
    Scenario changed = test::leverage_case();
    add_timeline(changed, change);
    for (Actor& a : changed.actors) a.capability = a.kind == ActorKind::state ? big : tiny;
    set_parameters(changed, true);
    const LoadResult checked = check_scenario_text(to_yaml(changed), "longest.yaml");
    ASSERT_TRUE(checked.scenario.has_value()) << format_diagnostic(checked.diagnostics.at(0));
    for (const char* engine : {"eum", "compromise"}) {
      EngagementOptions options;
      options.engine = engine;
      options.months = limits::max_months;
      const EngagementRun r = simulate_engagement(*checked.scenario, "isolation", options, 7, 0);
      ASSERT_EQ(r.months.size(), static_cast<std::size_t>(limits::max_months) + 1);
      for (const MonthRecord& month : r.months) {
        for (double x : month.values) ASSERT_TRUE(std::isfinite(x)) << engine;
      }
    }
  }
}

}  // namespace
}  // namespace parley
