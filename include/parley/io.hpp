// parley::io: presenting results. Terminal tables, JSON and CSV, and run directories.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "parley/analysis.hpp"

namespace parley {

// ---------------------------------------------------------------------------------------------
// Forecasts: terminal tables and JSON.

// The heading of a forecast table: the scenario's name and date (cut with an ellipsis past 100
// characters), its issues and actors.
std::string forecast_heading(const Scenario& scenario);

// One row per issue; a column per forecast (all made on `scenario`, same issue order); the pulls
// of the first forecast's outcome.
std::string forecast_table(const Scenario& scenario, const std::vector<Forecast>& forecasts);

// Per issue of a bargaining model's forecast: median and mean after every round, offers made by
// kind (accepted in brackets), actors that moved, and the forecast. Issues without round
// summaries are left out.
std::string forecast_rounds_text(const Forecast& forecast);

// Per issue of a bargaining model's forecast: every actor's position after every round, and the
// per-actor series of the last round (e.g. smp's final win probability). Issues without round
// summaries are left out.
std::string forecast_positions_text(const Scenario& scenario, const Forecast& forecast);

// A multi-issue (exchange) forecast round by round: the realised exchanges in order (actors,
// supply issues, votes from -> to, gains), every issue's outcome before and after the round's
// exchanges, and the final outcomes.
std::string forecast_exchanges_text(const Scenario& scenario, const Forecast& forecast);

// Per issue: the piecemeal outcome (each issue settled alone, e.g. `compromise`), the bundled
// one (after exchange across issues) and bundled - piecemeal. Same scenario, same issue order.
std::string unbundled_comparison_text(const Scenario& scenario, const Forecast& piecemeal,
                                      const Forecast& bundled);

// Every forecast in full: outcomes, per-round positions and summaries, pulls.
std::string forecast_json(const Scenario& scenario, const std::vector<Forecast>& forecasts);

// ---------------------------------------------------------------------------------------------
// Strategy comparisons, sweeps and screenings: the terminal tables and the run directory.

struct ComparisonContext {
  std::string scenario_file;  // as the user named it
  ComparisonPlan plan;
  std::string reference;                     // the strategy differences are taken to
  std::vector<int> checkpoints{12, 24, 36};  // those before the horizon, then the horizon
  double seconds = 0;                        // wall time of the runs
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

// ---------------------------------------------------------------------------------------------
// Scores against observations, and calibrations (docs/observations.md, docs/validation.md).

struct ScoreContext {
  std::string scenario_file;
  std::string observations_file;
  ComparisonPlan plan;  // the runs scored: runs, seed, months, engine
  ScorePlan scoring;
};

// Per strategy: every event (horizon, outcome, probability, Brier, persistence) and every
// indicator value (median, error, CRPS, bands, persistence, trend) with their means; then one
// summary row per strategy with the skill scores and coverage.
std::string score_table(const Observations& observations, const ScoreContext& context,
                        const std::vector<StrategyScore>& scores);

// Tidy CSV, one row per strategy and observation: strategy, kind (event|indicator), item (event
// id or series), month (YYYY-MM), observed, forecast, score, persistence_forecast,
// persistence_score, trend_forecast, trend_score, and in_band_<level> per band.
std::string score_csv(const Observations& observations, const ScorePlan& plan,
                      const std::vector<StrategyScore>& scores);

// Everything in the table, with the summaries, as JSON.
std::string score_json(const Observations& observations, const ScoreContext& context,
                       const std::vector<StrategyScore>& scores);

struct CalibrationContext {
  std::string scenario_file;
  std::string observations_file;
  CalibrationPlan plan;
  double seconds = 0;
};

// Per generation: tolerance, proposals, acceptance, and each parameter's weighted mean and
// 5-95% range; then prior against posterior per parameter.
std::string calibration_table(const CalibrationContext& context, const CalibrationResult& result);

// Every particle of every generation: generation, particle, weight, distance, one column per
// path.
std::string posterior_csv(const CalibrationResult& result);

}  // namespace parley
