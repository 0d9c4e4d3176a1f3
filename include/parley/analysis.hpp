// parley::analysis: Monte Carlo over a scenario's uncertainty, strategy comparisons with common
// random numbers, their summaries, sweeps, screening, and reading forecasts.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
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
  // As above, and the drawn value of every number in paths() (after clamping), in that order.
  Scenario draw(std::uint64_t seed, std::uint64_t run, std::vector<double>& drawn) const;
  // The id paths of the numbers draw() draws: those an uncertainty entry other than `fixed`
  // governs, in the scenario's field order.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  const Scenario* base_;
  std::vector<int> governing_;  // per number field of base_: index into uncertainty, or -1
  std::vector<std::string> paths_;
  std::vector<std::size_t> drawn_fields_;  // per path: its index among the number fields
};

namespace limits {
// The most Monte Carlo runs a comparison makes per strategy, 100 times the default: the 10-90%
// bands of 100,000 runs move by well under 1% of their width from more.
inline constexpr int max_runs = 100000;
// run_comparison keeps every month of every run of every strategy in memory (stream_comparison
// does not); it refuses a plan whose runs would take more than this (about 420 bytes a month for
// the Afghanistan 2024 scenario, measured: 1,000 runs x 5 strategies x 37 months, 79 MB).
inline constexpr double max_results_bytes = 4.0 * (1ull << 30);
}  // namespace limits

struct ComparisonPlan {
  std::vector<std::string> strategies;  // strategy ids; "" is every bloc's baseline
  int runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all cores
  EngagementOptions engagement;
};

// The strategies a comparison runs: `named` when it names any, else every strategy of the
// scenario, else (a scenario that defines none) every bloc's baseline, "". Throws
// Error request.invalid_option when `named` names a strategy twice.
std::vector<std::string> strategies_to_compare(const Scenario& scenario,
                                               std::vector<std::string> named = {});

struct StrategyRuns {
  std::string strategy;
  std::vector<EngagementRun> runs;  // runs[r] used the draws of stream (seed, r)
};

// Every strategy of the plan on the same draws: run r of each strategy uses the scenario drawn
// for (seed, r) and the same monthly shocks. Bit-identical for any thread count. `progress`
// (optional) is called with the number of runs done, from one thread at a time. Keeps every run
// in memory (about 16 KB per strategy and run on the default scenario): for small comparisons and
// tests; stream_comparison() is the same computation in bounded memory. Throws Error, before
// running: request.invalid_option for runs outside [1, limits::max_runs], request.too_large for
// results that would take more than limits::max_results_bytes.
std::vector<StrategyRuns> run_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                                         const std::function<void(int)>& progress = {});

// ---------------------------------------------------------------------------------------------
// Streaming runs: a Monte Carlo analysis hands its runs, in run order, to a sink (a results
// database, a summary, a progress bar), so that memory does not grow with the number of runs.

// One run of an analysis, every strategy on the same scenario and shocks.
struct RunResult {
  std::uint64_t run = 0;     // the run's number, unique within the analysis
  std::uint64_t stream = 0;  // its random stream: draws and monthly shocks from (seed, stream)
  // What the run varied besides the draws: the index of the swept value (sweep), the step
  // along the trajectory (sensitivity); 0 in a comparison.
  std::uint64_t variant = 0;
  // The value of every uncertain number in this run, in the order of the paths the sink was
  // given (RunSink::begin).
  std::vector<double> numbers;
  std::vector<EngagementRun> strategies;  // per strategy of the plan, in plan order
};

// Receives an analysis's runs. Every call comes from the thread that called the analysis, one
// at a time, while the next block of runs is computed on the others: a sink needs no locks.
class RunSink {
 public:
  virtual ~RunSink() = default;
  // Before a sequence of runs (a sweep starts one per value): the id paths of the numbers each
  // RunResult::numbers lists, in that order.
  virtual void begin(const std::vector<std::string>& number_paths) = 0;
  // One run; runs arrive in ascending order of RunResult::run.
  virtual void accept(const RunResult& result) = 0;
};

// All runs of the plan, 0 .. plan.runs - 1.
std::vector<std::uint64_t> all_runs(const ComparisonPlan& plan);

// The runs `runs` (ascending stream indices, e.g. those a resumed run lacks) of the comparison
// `plan`, handed to `sink` in that order: run r is computed exactly as in run_comparison, so the
// results are bit-identical for any thread count, block size and selection of runs. Runs are
// computed `block` at a time (0: 256) on plan.threads threads; at most two blocks are held.
void stream_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                       const std::vector<std::uint64_t>& runs, RunSink& sink, int block = 0);

struct Band {
  double p10 = 0, p50 = 0, p90 = 0;
};

// Linear-interpolation quantile (type 7 of Hyndman & Fan 1996) of `values`, q in [0, 1].
double quantile(std::vector<double> values, double q);
Band band(const std::vector<double>& values);
// The same band, sorting `values` in place once instead of copying it for every quantile.
Band band_in_place(std::vector<double>& values);

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
// What a series means and its unit, for tables and the results database: the indicator's
// description, or one made from the issue, actor or track a prefixed series names; empty for a
// series this version does not know.
std::string describe_series(const Scenario& scenario, const std::string& name);

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
// `sink` (optional) receives every run: run k * runs + r is run r at value k (variant k, stream
// r). Memory holds the chosen series at the last month, not the runs.
std::vector<SweepPoint> run_sweep(const Scenario& scenario, const SweepPlan& plan,
                                  RunSink* sink = nullptr);

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
// `sink` (optional) receives every point: run t * (factors + 1) + j is step j of trajectory t
// (stream t, variant j; j = 0 is the start), its numbers the factors' values there, its
// strategies the screened one then the reference (if any).
std::vector<FactorEffect> morris_screening(const Scenario& scenario, const SensitivityPlan& plan,
                                           RunSink* sink = nullptr);
// The factors morris_screening moves, in its order: their id paths.
std::vector<std::string> morris_factor_paths(const Scenario& scenario);

// ---------------------------------------------------------------------------------------------
// Scoring runs against observations (docs/observations.md) and calibrating to them.

// One series of every run of one strategy: values[run * (months + 1) + month].
struct SeriesBlock {
  int runs = 0;
  int months = 0;  // the last month; a run has months + 1 values, month 0 the starting state
  std::vector<double> values;
  double at(int run, int month) const {
    return values[static_cast<std::size_t>(run) * static_cast<std::size_t>(months + 1) +
                  static_cast<std::size_t>(month)];
  }
};

// Where scored runs come from: a comparison held in memory (MemoryRunSource) or a results store
// on disk. Scoring reads one series of one strategy at a time.
class RunSource {
 public:
  virtual ~RunSource() = default;
  virtual std::vector<std::string> strategies() const = 0;
  // Every series a run records, in record order (series_names() of the scenario).
  virtual std::vector<std::string> series() const = 0;
  virtual int months() const = 0;  // the last month recorded
  // Throws Error request.unknown_strategy for a strategy that was not run, request.unknown_series
  // for a series index out of range.
  virtual SeriesBlock block(const std::string& strategy, std::size_t series) const = 0;
};

// The runs of run_comparison(), in memory. Keeps references to both arguments.
class MemoryRunSource : public RunSource {
 public:
  MemoryRunSource(const Scenario& scenario, const std::vector<StrategyRuns>& results);
  std::vector<std::string> strategies() const override;
  std::vector<std::string> series() const override { return series_; }
  int months() const override;
  SeriesBlock block(const std::string& strategy, std::size_t series) const override;

 private:
  const std::vector<StrategyRuns>* results_;
  std::vector<std::string> series_;
};

// What the runs are checked against in check_observations_*: their series, months and the
// scenario's as_of.
ObservationContext observation_context(const RunSource& runs, const Scenario& scenario);

// Exact CRPS of the ensemble's empirical distribution against `observed`: mean |X - y| -
// 1/2 mean |X - X'| over all pairs, in O(n log n). With an interval [low, high] the observation
// is taken as uniform on it and the CRPS is its mean over the interval. Throws Error
// request.invalid_option for an empty ensemble.
double crps(std::vector<double> ensemble, double observed);
double crps(std::vector<double> ensemble, double low, double high);

struct EventScore {
  std::string id;
  bool happened = false;
  double probability = 0;              // share of runs in which the predicate holds
  double brier = 0;                    // (probability - outcome)^2
  double persistence_probability = 0;  // share of runs whose month 0, held, satisfies it
  double persistence_brier = 0;
};

struct IndicatorScore {
  std::size_t observation = 0;  // index into Observations::indicators
  double crps = 0;
  double median = 0;
  double error = 0;           // median - observed
  std::vector<bool> in_band;  // per ScorePlan::band_levels: the central band holds the value
  double persistence_median = 0;
  double persistence_crps = 0;  // of the runs' month-0 values
  std::optional<double> trend;  // linear extrapolation of the earlier observations, if any
  std::optional<double> trend_crps;
};

// Mean scores and skill (1 - score / baseline score; empty when the baseline scores 0).
struct ScoreSummary {
  double brier = 0, persistence_brier = 0;
  std::optional<double> brier_skill;
  double crps = 0, persistence_crps = 0;
  std::optional<double> crps_skill;
  // Over the observations that have a trend forecast only: the model's and the trend's CRPS.
  std::size_t trend_count = 0;
  double crps_where_trend = 0, trend_crps = 0;
  std::optional<double> trend_skill;
  std::vector<std::size_t> covered;  // per band level: observations its band holds
  double mean_absolute_error = 0;    // of the medians
};

struct StrategyScore {
  std::string strategy;
  std::vector<EventScore> events;          // in the order of Observations::events
  std::vector<IndicatorScore> indicators;  // in the order of Observations::indicators
  ScoreSummary summary;
};

struct ScorePlan {
  std::vector<double> band_levels{0.5, 0.8, 0.9};  // central bands: quantiles (1 -+ level) / 2
};

// Scores one strategy's runs against the observations, whose series and months the runs must
// cover (check_observations_* with observation_context() has made sure). Throws Error
// request.unknown_strategy, request.unknown_series or request.beyond_runs when they do not.
StrategyScore score_strategy(const RunSource& runs, const std::string& strategy,
                             const Observations& observations, const ScorePlan& plan = {});

// The linear trend of `observations`' earlier values of the series of indicator `index`,
// evaluated at its month: none without an earlier value, the last value with one, the
// least-squares line through them with two or more (docs/observations.md).
std::optional<double> trend_forecast(const Observations& observations, std::size_t index);

// The ABC distance of a score: weight_events * mean Brier + weight_indicators * mean scaled
// CRPS, each indicator value's CRPS divided by its scale (crps_scales[i] for
// Observations::indicators[i]). A part with no observations counts 0.
struct DistanceWeights {
  double events = 1.0;
  double indicators = 1.0;
};
double score_distance(const StrategyScore& score, const std::vector<double>& crps_scales,
                      const DistanceWeights& weights = {});

// Scales that put series of different units on one footing: per indicator value, the mean
// |value| of its series' observations (1 where that is 0). Calibration uses the prior
// predictive's CRPS instead where it can (CalibrationResult::crps_scales).
std::vector<double> relative_crps_scales(const Observations& observations);

// Approximate Bayesian computation by population Monte Carlo (Beaumont, Cornuet, Marin & Robert
// 2009): the posterior of a few numbers of the scenario given observations.
struct CalibrationPlan {
  std::vector<std::string> paths;  // id paths of the numbers fitted; each needs an uncertainty
                                   // entry, its prior
  std::string strategy;            // whose runs are scored
  int particles = 100;
  int generations = 4;
  int runs_per_particle = 20;  // the ensemble one particle's distance is scored on
  double quantile = 0.5;       // tolerance: this quantile of the last generation's distances
  int max_attempts = 0;        // per generation; 0: 50 x particles
  std::uint64_t seed = 1;
  int threads = 0;               // 0: all cores; results do not depend on it
  EngagementOptions engagement;  // months: at least the observations' last month
  DistanceWeights weights;
  ScorePlan scoring;
};

struct Particle {
  std::vector<double> values;  // per plan path
  double weight = 0;           // normalised within its generation
  double distance = 0;
};

struct CalibrationGeneration {
  double tolerance = 0;  // infinite for generation 0 (the prior)
  int attempts = 0;      // proposals up to the last one accepted (all simulated, if stopped early)
  int simulated = 0;     // proposals simulated (whole batches)
  std::vector<Particle> particles;
};

struct ParameterPrior {
  std::string path;
  Distribution distribution;  // the uncertainty entry that governs the path
  double value = 0;           // the number as written (spread and relative are around it)
  double low = 0, high = 0;   // the field's range, where the prior is truncated
};

struct CalibrationResult {
  std::vector<ParameterPrior> priors;
  std::vector<CalibrationGeneration> generations;  // the last holds the posterior
  // Per indicator value, the CRPS that counts as 1 in the distance: its median over generation 0
  // (the prior predictive), or its relative scale where that median is 0.
  std::vector<double> crps_scales;
  std::string stopped;  // why fewer generations than planned ran, or empty
};

// Generation 0 draws from the priors; generation t perturbs particles of t-1 (Gaussian, twice
// their weighted variance per parameter) and keeps those within the tolerance, weighted prior /
// mixture. Each proposal's draws and runs come from its own streams, so the result is
// bit-identical for a seed at any thread count. Throws Error request.unknown_path for a path that
// is no number, request.no_prior for one without an uncertainty entry (or with an empirical one),
// request.unknown_strategy, request.beyond_runs for observations the runs cannot reach and
// request.invalid_option for a plan that cannot run.
CalibrationResult calibrate(const Scenario& scenario, const Observations& observations,
                            const CalibrationPlan& plan,
                            const std::function<void(int, int)>& progress = {});

// The weighted mean and the quantile q of one parameter in a generation.
double weighted_mean(const CalibrationGeneration& generation, std::size_t parameter);
double weighted_quantile(const CalibrationGeneration& generation, std::size_t parameter, double q);

// The scenario with the posterior as its uncertainty for the fitted paths: an `empirical`
// sample of `sample_size` rows drawn from the last generation by systematic resampling (one
// joint sample: every path gets the same number of rows), each number set to its posterior
// mean, with provenance saying where it came from (`source`, e.g. the observations file).
Scenario calibrated_scenario(const Scenario& scenario, const CalibrationResult& result,
                             const std::string& source, int sample_size, std::uint64_t seed);

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
