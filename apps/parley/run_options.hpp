// The Monte Carlo options that simulate, compare and sweep share, and the plan they make.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley::cli {

// The options bind straight to the plan, so its defaults are the commands' defaults.
struct RunOptions {
  std::string file;
  ComparisonPlan plan;  // strategies empty: every strategy of the scenario
};

// The scenario positional and --runs, --months, --seed, --threads, --engine.
inline void add_run_options(CLI::App& app, RunOptions& o) {
  app.add_option("file", o.file,
                 "Scenario file; the embedded Afghanistan 2024 scenario if omitted");
  app.add_option("--runs", o.plan.runs, "Monte Carlo runs per strategy")
      ->check(CLI::Range(1, 10000000));
  app.add_option("--months", o.plan.engagement.months, "Months to simulate")
      ->check(CLI::Range(1, 1200));
  app.add_option("--seed", o.plan.seed, "Master seed; run r draws from stream (seed, r)");
  app.add_option("--threads", o.plan.threads,
                 "Worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  app.add_option("--engine", o.plan.engagement.engine,
                 "Bargaining model for the regime's internal bargaining and the tracks");
}

inline void add_strategies_option(CLI::App& app, RunOptions& o) {
  app.add_option("--strategies", o.plan.strategies, "Comma-separated strategy ids (default: all)")
      ->delimiter(',');
}

// The comparison the options ask for.
inline ComparisonPlan comparison_plan(const RunOptions& o, const Scenario& scenario) {
  ComparisonPlan plan = o.plan;
  plan.strategies = strategies_to_compare(scenario, o.plan.strategies);
  return plan;
}

}  // namespace parley::cli
