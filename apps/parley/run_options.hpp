// The Monte Carlo options that simulate, compare and sweep share, and the plan they make.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace parley::cli {

struct RunOptions {
  std::string file;
  std::vector<std::string> strategies;  // empty: every strategy of the scenario
  int runs = 1000;
  int months = 36;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string engine = "eum";
};

// The scenario positional and --runs, --months, --seed, --threads, --engine.
inline void add_run_options(CLI::App& app, RunOptions& o) {
  app.add_option("file", o.file,
                 "Scenario file; the embedded Afghanistan 2024 scenario if omitted");
  app.add_option("--runs", o.runs, "Monte Carlo runs per strategy")->check(CLI::Range(1, 10000000));
  app.add_option("--months", o.months, "Months to simulate")->check(CLI::Range(1, 1200));
  app.add_option("--seed", o.seed, "Master seed; run r draws from stream (seed, r)");
  app.add_option("--threads", o.threads,
                 "Worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  app.add_option("--engine", o.engine,
                 "Bargaining model for the regime's internal bargaining and the tracks");
}

// The comparison the options ask for.
inline ComparisonPlan comparison_plan(const RunOptions& o, const Scenario& scenario) {
  ComparisonPlan plan;
  plan.strategies = strategies_to_compare(scenario, o.strategies);
  plan.runs = o.runs;
  plan.seed = o.seed;
  plan.threads = o.threads;
  plan.engagement.months = o.months;
  plan.engagement.engine = o.engine;
  return plan;
}

}  // namespace parley::cli
