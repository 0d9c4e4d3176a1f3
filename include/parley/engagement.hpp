// parley::engagement: a scenario stepped month by month under one strategy profile.
//
// The equations are in docs/engagement.md. Every coefficient is a row of
// engagement_parameter_specs() (parley/scenario.hpp) with a default and a rationale; a scenario
// overrides any of them in its `parameters:` block.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/models.hpp"

namespace parley {

// Indicators recorded every month, in output order.
enum class Indicator {
  food_insecure_millions,
  spoiler_strength,
  attacks_per_month,
  cohesion,
  defections,
  revenue_usd_bn,
  respect,
  recognition_steps,
  agreements,
  talks,
  population_millions,
  count_
};
inline constexpr std::size_t indicator_count = static_cast<std::size_t>(Indicator::count_);
const char* to_string(Indicator indicator);
// What the indicator means and its unit, for tables and docs.
const char* describe(Indicator indicator);

// What a run records each month: one value per series, in the order of series_names(). The
// series are the indicators (in enum order), the regime's policy on every issue
// ("policy:<issue>", on the issue's scale), each state's recognition steps, 0 to 3
// ("recognition:<actor>"), for every track a strategy or baseline negotiates whether it has agreed,
// 0 or 1 ("agreement:<issue>"), and for every bloc (and every state with a policy of its own)
// whether the regime takes part in its talks that month, 0 or 1 ("talks:<bloc>").
struct MonthRecord {
  std::vector<double> values;
  double operator[](Indicator indicator) const {
    return values[static_cast<std::size_t>(indicator)];
  }
  // The regime's policy on issue `issue` (an index into Scenario::issues).
  double policy(std::size_t issue) const { return values[indicator_count + issue]; }
};

// Every series a run of `scenario` records, in MonthRecord order.
std::vector<std::string> series_names(const Scenario& scenario);

struct EngagementRun {
  std::vector<MonthRecord> months;     // months[0] is the initial state
  std::vector<int> agreement_month;    // per issue: month the track agreed, -1 if never
  std::vector<int> recognition_steps;  // per actor at the end (states only; 0 otherwise)
};

namespace limits {
// The longest simulation, in months (100 years): every month of every run is kept.
inline constexpr int max_months = 1200;
}  // namespace limits

struct EngagementOptions {
  int months = 36;  // at least 1
  // Bargaining model for the internal and the track bargaining: the expected utility model, the
  // best per-issue model parley has; compromise and median are the cheap baselines.
  std::string engine = "eum";
};

// One run of `scenario` (uncertainty already drawn) under `strategy_id` (empty: every bloc keeps
// its baseline). Shocks come from the stream (seed, run); the same (seed, run) gives the same
// shocks under every strategy. Throws Error: request.unknown_strategy, request.no_regime,
// request.value_out_of_range for months outside [1, limits::max_months], a model.* id for an
// engine spec that is wrong or not a per-issue model, and model.non_finite, naming the month, when
// a number the run computes is not finite.
EngagementRun simulate_engagement(const Scenario& scenario, const std::string& strategy_id,
                                  const EngagementOptions& options, std::uint64_t seed,
                                  std::uint64_t run);

}  // namespace parley
