// One engagement run: build the world for the strategy, step it month by month, record.
#include <fmt/format.h>

#include <cmath>

#include "engagement/dynamics.hpp"
#include "engagement/world.hpp"
#include "parley/engagement.hpp"
#include "parley/models.hpp"

namespace parley {
namespace {

constexpr std::uint32_t shock_stream = 1;  // stream purpose of the monthly shocks

// A double, so that a level that is not finite stays visible to check_finite (an int cast of NaN
// would be undefined).
double recognition_steps(double level) { return std::floor(3.0 * level + 1e-9); }

MonthRecord record(const detail::World& w, const detail::EngagementState& state) {
  MonthRecord r;
  r.values.reserve(indicator_count + state.policy.size() + w.states.size() +
                   w.recorded_tracks.size() + state.talks.size());
  r.values.resize(indicator_count);
  auto set = [&](Indicator i, double v) { r.values[static_cast<std::size_t>(i)] = v; };
  set(Indicator::food_insecure_millions, state.food_insecure);
  set(Indicator::spoiler_strength, state.spoiler);
  set(Indicator::attacks_per_month, state.attacks);
  set(Indicator::cohesion, state.cohesion);
  set(Indicator::defections, state.defections);
  set(Indicator::revenue_usd_bn, state.revenue);
  set(Indicator::respect, state.respect);
  double steps = 0;
  for (std::size_t a : w.states) steps += recognition_steps(state.recognition[a]);
  set(Indicator::recognition_steps, steps);
  double agreements = 0;
  for (int month : state.agreement_month) agreements += month >= 0 ? 1 : 0;
  set(Indicator::agreements, agreements);
  set(Indicator::talks, state.talks_share);
  set(Indicator::population_millions, state.population);
  r.values.insert(r.values.end(), state.policy.begin(), state.policy.end());
  for (std::size_t a : w.states) r.values.push_back(recognition_steps(state.recognition[a]));
  for (std::size_t i : w.recorded_tracks) r.values.push_back(state.agreement_month[i] >= 0);
  for (bool talks : state.talks) r.values.push_back(talks ? 1.0 : 0.0);
  return r;
}

std::string run_name(const std::string& strategy_id) {
  return strategy_id.empty() ? std::string("the blocs' baselines")
                             : "strategy '" + strategy_id + "'";
}

// Once a month, not inside the dynamics: every number the month recorded is finite, or the run
// stops and says where. Validation keeps inputs within the magnitudes the dynamics handle.
void check_finite(const Scenario& s, const MonthRecord& r, const std::string& strategy_id,
                  int month) {
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    if (std::isfinite(r.values[i])) continue;
    throw Error(ErrorId::model_non_finite,
                fmt::format("engagement simulation under {}, month {}: series {} is {}; the "
                            "scenario's magnitudes are beyond what the simulator computes with "
                            "(docs/scenario-format.md, section 2)",
                            run_name(strategy_id), month, series_names(s).at(i), r.values[i]));
  }
}

}  // namespace

const char* to_string(Indicator indicator) {
  switch (indicator) {
    case Indicator::food_insecure_millions:
      return "food_insecure_millions";
    case Indicator::spoiler_strength:
      return "spoiler_strength";
    case Indicator::attacks_per_month:
      return "attacks_per_month";
    case Indicator::cohesion:
      return "cohesion";
    case Indicator::defections:
      return "defections";
    case Indicator::revenue_usd_bn:
      return "revenue_usd_bn";
    case Indicator::respect:
      return "respect";
    case Indicator::recognition_steps:
      return "recognition_steps";
    case Indicator::agreements:
      return "agreements";
    case Indicator::talks:
      return "talks";
    case Indicator::population_millions:
      return "population_millions";
    case Indicator::count_:
      break;
  }
  return "?";
}

const char* describe(Indicator indicator) {
  switch (indicator) {
    case Indicator::food_insecure_millions:
      return "people in acute food insecurity (IPC3+), millions";
    case Indicator::spoiler_strength:
      return "spoiler strength, index 0-1";
    case Indicator::attacks_per_month:
      return "spoiler attacks per month";
    case Indicator::cohesion:
      return "regime cohesion, 0-1";
    case Indicator::defections:
      return "defections, share of members per month";
    case Indicator::revenue_usd_bn:
      return "regime revenue, USD bn per year";
    case Indicator::respect:
      return "regime's sense of respect, 0-1";
    case Indicator::recognition_steps:
      return "recognition steps taken by all states (3 each at most)";
    case Indicator::agreements:
      return "track agreements reached";
    case Indicator::talks:
      return "share of the blocs (by capability) whose talks the regime attends, 0-1";
    case Indicator::population_millions:
      return "population, millions";
    case Indicator::count_:
      break;
  }
  return "?";
}

std::vector<std::string> series_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < indicator_count; ++i) names.push_back(to_string(Indicator(i)));
  for (const Issue& issue : scenario.issues) names.push_back("policy:" + issue.id);
  for (const Actor& actor : scenario.actors) {
    if (actor.kind == ActorKind::state) names.push_back("recognition:" + actor.id);
  }
  for (std::size_t i : detail::recorded_tracks(scenario)) {
    names.push_back("agreement:" + scenario.issues[i].id);
  }
  for (const std::string& bloc : detail::bloc_plan_ids(scenario)) names.push_back("talks:" + bloc);
  return names;
}

EngagementRun simulate_engagement(const Scenario& scenario, const std::string& strategy_id,
                                  const EngagementOptions& options, std::uint64_t seed,
                                  std::uint64_t run) {
  if (options.months < 1 || options.months > limits::max_months) {
    throw Error(ErrorId::request_value_out_of_range,
                fmt::format("an engagement run needs 1 to {} months, got {}", limits::max_months,
                            options.months));
  }
  const detail::World world = detail::build_world(scenario, strategy_id, options.months);
  if (model_info(options.engine).scope != ModelScope::per_issue) {
    throw Error(ErrorId::model_not_per_issue,
                "engine '" + options.engine +
                    "' treats issues jointly; the engagement simulator needs a per-issue model (" +
                    model_names(ModelScope::per_issue) + ")");
  }
  const auto engine = make_per_issue_model(options.engine);
  detail::EngagementState state = detail::initial_state(world);
  detail::settle_outsiders(world, state);
  RandomStream shocks(seed, run, shock_stream);
  EngagementRun result;
  result.months.reserve(static_cast<std::size_t>(options.months) + 1);
  result.months.push_back(record(world, state));
  check_finite(scenario, result.months.back(), strategy_id, 0);
  for (int m = 0; m < options.months; ++m) {
    try {
      detail::step_month(world, state, *engine, shocks);
    } catch (const Error& e) {
      // An engine's error (a model's non-finite result) says which issue; add the run and month.
      throw Error(e.id(), fmt::format("engagement simulation under {}, month {}: {}",
                                      run_name(strategy_id), m + 1, e.message()));
    }
    result.months.push_back(record(world, state));
    check_finite(scenario, result.months.back(), strategy_id, m + 1);
  }
  result.agreement_month = state.agreement_month;
  result.recognition_steps.assign(scenario.actors.size(), 0);
  for (std::size_t a : world.states) {
    result.recognition_steps[a] = static_cast<int>(recognition_steps(state.recognition[a]));
  }
  return result;
}

}  // namespace parley
