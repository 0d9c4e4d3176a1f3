// parley::analysis: Monte Carlo over a scenario's uncertainty, strategy comparisons with common
// random numbers, their summaries, sweeps, screening, and reading forecasts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "parley/engagement.hpp"

namespace parley {

// The scenario of run `run`: every uncertain value drawn from stream (seed, run), clamped to the
// field's valid range. The same (seed, run) always gives the same scenario.
Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t run);

// Which uncertainty entry governs each of a scenario's numbers, resolved once so that many runs
// can draw without matching paths again. Keeps a reference to `base`, which must outlive it.
class UncertaintyDraws {
 public:
  explicit UncertaintyDraws(const Scenario& base);
  Scenario draw(std::uint64_t seed, std::uint64_t run) const;

 private:
  const Scenario* base_;
  std::vector<int> governing_;  // per number field of base_: index into uncertainty, or -1
};

struct ComparisonPlan {
  std::vector<std::string> strategies;  // strategy ids; "" is every bloc's baseline
  int runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all cores
  EngagementOptions engagement;
};

// The strategies a comparison runs: `named` when it names any, else every strategy of the
// scenario, else (a scenario that defines none) every bloc's baseline, "".
std::vector<std::string> strategies_to_compare(const Scenario& scenario,
                                               std::vector<std::string> named = {});

struct StrategyRuns {
  std::string strategy;
  std::vector<EngagementRun> runs;  // runs[r] used the draws of stream (seed, r)
};

// Every strategy of the plan on the same draws: run r of each strategy uses the scenario drawn
// for (seed, r) and the same monthly shocks. Bit-identical for any thread count. `progress`
// (optional) is called with the number of runs done, from one thread at a time.
std::vector<StrategyRuns> run_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                                         const std::function<void(int)>& progress = {});

struct Band {
  double p10 = 0, p50 = 0, p90 = 0;
};

// Linear-interpolation quantile (type 7 of Hyndman & Fan 1996) of `values`, q in [0, 1].
double quantile(std::vector<double> values, double q);
Band band(const std::vector<double>& values);

struct SeriesSummary {
  std::string strategy;
  std::string series;  // an indicator name, or "policy:<issue id>"
  int month = 0;
  Band value;
  Band difference;  // paired differences to the reference strategy's runs
};

// A month's series by index, in the order of series_names() (parley/engagement.hpp): indicators,
// "policy:<issue>", "recognition:<state>", "agreement:<track>". series_index throws
// Error request.unknown_series for an unknown name.
std::size_t series_index(const Scenario& scenario, const std::string& name);
std::string series_name(const Scenario& scenario, std::size_t series);
double series_value(const MonthRecord& month, std::size_t series);

// Every indicator and every issue's policy at every month, per strategy, with paired differences
// to `reference` (a strategy id in `results`; else Error request.reference_not_run).
std::vector<SeriesSummary> summarise(const Scenario& scenario,
                                     const std::vector<StrategyRuns>& results,
                                     const std::string& reference);

// A one-parameter sweep: the same comparison at each value of one number of the scenario, to see
// where an answer turns (e.g. the revenue weight at which leverage starts to buy a concession).
struct SweepPlan {
  std::string path;  // id path of the number swept, e.g. "regime.weights.revenue"
  std::vector<double> values;
  std::vector<std::string> series;  // indicator names or "policy:<issue id>"
  ComparisonPlan comparison;        // strategies, runs, seed, threads, engine, months
};

struct SweepPoint {
  double value = 0;
  std::string strategy;
  std::string series;
  Band band;  // over runs, at the last month
};

// At each value the scenario has `path` fixed to it (no uncertainty draw for that number; every
// other number drawn as in a comparison, from the same streams at every value), then every
// strategy runs. Points in the order value, strategy, series. Throws Error
// request.unknown_path when `path` names no number, request.value_out_of_range when a value lies
// outside the number's range, request.unknown_series, and what a comparison throws.
std::vector<SweepPoint> run_sweep(const Scenario& scenario, const SweepPlan& plan);

// Morris screening (elementary effects) over the uncertainty block: which uncertain numbers an
// outcome hangs on. Every number the uncertainty block governs is a factor, moved over its range
// (the distribution's support, or mean +- 2 sd for normal and beta) on a grid of `levels` levels.
struct SensitivityPlan {
  std::string strategy;   // the strategy whose outcome is screened
  std::string reference;  // when set, the outcome is strategy - reference in the same run
  std::string series = "food_insecure_millions";
  int trajectories = 10;  // Morris's r: each costs (factors + 1) runs per strategy
  int levels = 4;         // Morris's p, even
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all cores; results do not depend on it
  EngagementOptions engagement;
};

struct FactorEffect {
  std::string path;
  double low = 0, high = 0;  // the range the factor was moved over
  // Over trajectories, of the elementary effect: the outcome's change when the factor moves by
  // one grid step, per unit of its whole range (so factors with other units compare).
  double mu_star = 0;  // mean of |effect|: the factor's importance
  double mu = 0;       // mean effect: its sign, when it has one
  double sigma = 0;    // standard deviation: interactions and non-linearity
};

// Factors most important first (mu_star, then path). Trajectory t draws from stream (seed, t) and
// runs its points with the monthly shocks of run t. Throws Error request.invalid_option for
// levels that are not even and >= 2 or fewer than 2 trajectories, request.unknown_strategy,
// request.unknown_series, request.no_uncertainty for a scenario whose uncertainty block gives no
// number a range, and what a simulation throws.
std::vector<FactorEffect> morris_screening(const Scenario& scenario, const SensitivityPlan& plan);

// ---------------------------------------------------------------------------------------------
// Reading a forecast.

// An actor's pull on an outcome: its share of sum_k c_k s_k |x_k - outcome| over the issue's
// actors, signed by the side it stands on (+ above the outcome, - below).
struct Pull {
  std::size_t actor = 0;  // index into Scenario::actors
  double share = 0.0;     // in [-1, 1]
};

// Pulls on `outcome` from the actors' positions in `round` (default: the last), largest first;
// actors exactly at the outcome are left out.
std::vector<Pull> actor_pulls(const Scenario& scenario, const IssueForecast& forecast);

}  // namespace parley
