// Presenting a strategy comparison: the terminal table and the run directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "parley/analysis.hpp"

namespace parley {

struct ComparisonContext {
  std::string scenario_file;  // as the user named it
  ComparisonPlan plan;
  std::string reference;  // the strategy differences are taken to
  std::vector<int> checkpoints{12, 24, 36};
  double seconds = 0;  // wall time of the runs
};

// Per indicator: each strategy's median and 10-90% band at the checkpoints and its paired
// difference to the reference at the last checkpoint; then the regime's policy per issue.
std::string comparison_table(const Scenario& scenario, const ComparisonContext& context,
                             const std::vector<SeriesSummary>& summaries);

// Writes manifest.json, summary.csv (tidy: strategy, series, month, quantiles, differences),
// summary.json and agreements.csv into `directory`, each file atomically.
void write_run_directory(const std::filesystem::path& directory, const Scenario& scenario,
                         const ComparisonContext& context, const std::vector<StrategyRuns>& results,
                         const std::vector<SeriesSummary>& summaries);

// Per series: a row per swept value, a column per strategy, each cell the median and 10-90% band
// at the last month.
std::string sweep_table(const Scenario& scenario, const SweepPlan& plan,
                        const std::vector<SweepPoint>& points);

// Tidy CSV of a sweep: parameter, value, strategy, series, month, p10, p50, p90.
std::string sweep_csv(const SweepPlan& plan, const std::vector<SweepPoint>& points);

// The screening's factors, most important first (the first `top`; all when 0), with their ranges
// and mu*, mu and sigma, under a header that says what was screened.
std::string sensitivity_table(const Scenario& scenario, const SensitivityPlan& plan,
                              const std::vector<FactorEffect>& effects, std::size_t top);

// Tidy CSV of every factor: path, low, high, mu_star, mu, sigma.
std::string sensitivity_csv(const std::vector<FactorEffect>& effects);

}  // namespace parley
