// The Monte Carlo options that simulate, compare and sweep share (sensitivity shares the
// engagement ones), and the plan they make.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <stdexcept>
#include <string>

#include "numeric_flags.hpp"
#include "parley/analysis.hpp"
#include "parley/scenario.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

// The options bind straight to the plan, so its defaults are the commands' defaults.
struct RunOptions {
  std::string file;
  ComparisonPlan plan;  // strategies empty: every strategy of the scenario
};

// Each command says in its own words what its seed, threads and engine drive.
struct EngagementHelp {
  const char* seed;
  const char* threads;
  const char* engine;
};

// --months, --seed, --threads, --engine, into a plan with seed, threads and engagement
// (ComparisonPlan, SensitivityPlan).
template <class Plan>
void add_engagement_options(CLI::App& app, Plan& plan, const EngagementHelp& help) {
  app.add_option("--months", plan.engagement.months, "Months to simulate")
      ->check(CLI::Range(1, limits::max_months));
  app.add_option("--seed", plan.seed, help.seed)->check(seed_value);
  app.add_option("--threads", plan.threads, help.threads)->check(CLI::Range(0, 1024));
  app.add_option("--engine", plan.engagement.engine, help.engine);
}

// The scenario positional and --runs, --months, --seed, --threads, --engine.
inline void add_run_options(CLI::App& app, RunOptions& o) {
  add_scenario_file(app, o.file);
  app.add_option("--runs", o.plan.runs, "Monte Carlo runs per strategy")
      ->check(CLI::Range(1, limits::max_runs));
  add_engagement_options(
      app, o.plan,
      {.seed = "Master seed; run r draws from stream (seed, r)",
       .threads = "Worker threads (0: all cores); results do not depend on it",
       .engine = "Bargaining model for the regime's internal bargaining and the tracks"});
}

inline void add_strategies_option(CLI::App& app, RunOptions& o) {
  app.add_option("--strategies", o.plan.strategies, "Comma-separated strategy ids (default: all)")
      ->delimiter(',');
}

// The months a scoring simulates when --months is not given: up to the observations' last month,
// within the range --months accepts.
inline int months_for(const Observations& observations) {
  const int last = last_month(observations);
  if (last > 1200) {
    throw Error(ErrorId::request_beyond_runs,
                "the observations reach month " + std::to_string(last) +
                    ", beyond the 1200 months a run can simulate; check their months and start");
  }
  return std::max(1, last);
}

// The comparison the options ask for.
inline ComparisonPlan comparison_plan(const RunOptions& o, const Scenario& scenario) {
  ComparisonPlan plan = o.plan;
  plan.strategies = strategies_to_compare(scenario, o.plan.strategies);
  return plan;
}

// --from and --until: score or fit only the observations of a window of months, so that one file
// splits into a fitting part and a later testing part (docs/validation.md, out of sample).
struct ObservationWindow {
  std::string from;
  std::string until;
};

inline void add_window_options(CLI::App& app, ObservationWindow& w) {
  app.add_option("--from", w.from,
                 "Use only observations from this month on (YYYY-MM or 'month N'; an event by "
                 "its horizon)");
  app.add_option("--until", w.until,
                 "Use only observations up to this month (YYYY-MM or 'month N'; an event by its "
                 "horizon)");
}

// The observations within the window; its name says which months they are.
inline Observations within_window(const Observations& observations, const ObservationWindow& w) {
  if (w.from.empty() && w.until.empty()) return observations;
  const int first = w.from.empty() ? 0 : observation_month(observations, w.from);
  const int last =
      w.until.empty() ? last_month(observations) : observation_month(observations, w.until);
  Observations kept = observations_between(observations, first, last);
  kept.name += " (observations " + month_label(observations.start, first) + " to " +
               month_label(observations.start, last) + ")";
  return kept;
}

}  // namespace parley::cli
