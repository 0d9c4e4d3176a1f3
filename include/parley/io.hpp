// parley::io: presenting results. Terminal tables, JSON and CSV, and run directories.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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
// The results database, results.sqlite: every run's drawn numbers and the monthly value of every
// series, in long form (docs/results-schema.md documents every table and field).

// Which months of a run the database keeps: every month, or the checkpoints (month 0, every
// 12th month and the last).
enum class Record { every, checkpoints };
const char* to_string(Record record);
// The months `record` keeps of a run of `months` months, ascending.
std::vector<int> recorded_months(Record record, int months);
// The default: every month, unless the database would then hold more than
// record_every_limit series values (about 1 GB), when the checkpoints are kept.
inline constexpr std::uint64_t record_every_limit = 50'000'000;
Record default_record(std::uint64_t runs, std::size_t strategies, std::size_t series, int months);

namespace limits {
// The most series values one results database takes (runs x strategies x series x recorded
// months): about 20 GB at the 20.3 bytes a value measured (docs/results-schema.md). The default
// comparison at 100,000 runs keeps 96 million at the checkpoints, 888 million at every month.
inline constexpr double max_stored_values = 1e9;
}  // namespace limits

// What a database holds, fixed when it is created: a resumed run must match it in every field.
struct StorePlan {
  std::string command;  // compare, simulate, sweep or sensitivity
  std::vector<std::string> strategies;
  std::uint64_t seed = 1;
  int months = 36;
  std::string engine = "eum";
  std::uint64_t runs = 0;  // every run the command makes, numbered 0 .. runs - 1
  Record record = Record::every;
  // What else the stored numbers depend on, particular to the command (a sweep's path and
  // values, a screening's trajectories and levels), as manifest entries.
  std::vector<std::pair<std::string, std::string>> parameters;
  // The value each variant (RunResult::variant) stands for: a sweep's values; else empty.
  std::vector<double> variant_values;
  // The part of the runs this database holds: shard k of N (1-based, as Slurm job arrays
  // number tasks from 1) holds the runs r with r % N == k - 1; 1 of 1 is every run. merge_shards
  // combines the N shards of one run into the database one process would have written.
  int shard = 1;
  int shards = 1;
};

// What a store records of the runs `plan` makes for `command`: its strategies, seed, months,
// engine and run count, every month recorded, one shard; a command sets the rest.
StorePlan store_plan_of(std::string command, const ComparisonPlan& plan);

// The runs of 0 .. plan.runs - 1 in plan's shard, ascending, and how many there are.
std::vector<std::uint64_t> shard_runs(const StorePlan& plan);
std::uint64_t shard_run_count(const StorePlan& plan);

// Who writes: recorded per session (a resumed run adds one), not part of what must match.
struct StoreSession {
  std::string command_line;
  std::string scenario_file;
  int threads = 0;
};

// A scoring as results.sqlite holds it (`score --out`; docs/results-schema.md, Scores): the
// observations scored against, a row per strategy and observation, a summary per strategy.
struct StoredScoring {
  std::int64_t scoring = 0;
  std::string observations_file, observations_name, start, created;
  struct Observation {
    std::string strategy;
    std::string kind;       // "event" or "indicator"
    std::string item;       // the event's id, or the indicator value's series
    std::string predicate;  // an event's, as written
    std::string date;       // YYYY-MM
    double observed = 0;    // 1 or 0 for an event
    double forecast = 0;    // the share of runs for an event; the runs' median
    double score = 0;       // Brier score, or CRPS
    double persistence_forecast = 0, persistence_score = 0;
    std::optional<bool> in_band_80;  // indicator values: the central 80% band holds it
    std::string source;
  };
  std::vector<Observation> observations;  // by strategy (table order), events then indicators
  struct Summary {
    std::string strategy;
    std::int64_t events = 0, indicators = 0;
    std::optional<double> brier, persistence_brier, brier_skill;
    std::optional<double> crps, persistence_crps, crps_skill;
    std::optional<std::int64_t> covered_80;
  };
  std::vector<Summary> summaries;  // in the table's order
};

// results.sqlite: a RunSink that writes every run it receives, buffered and committed in
// transactions of whole runs (WAL journal), so that a killed process leaves a database that
// opens and holds every run committed before the kill. One connection, used by the thread that
// calls the analysis.
class ResultStore final : public RunSink {
 public:
  // A new database at `file`, which must not exist. Throws Error request.too_large, before
  // creating it, when the plan's runs would make it hold more than limits::max_stored_values
  // series values (as temporary() does).
  static std::unique_ptr<ResultStore> create(const std::filesystem::path& file,
                                             const Scenario& scenario, const StorePlan& plan,
                                             const StoreSession& session);
  // The database at `file`, to add the runs it lacks. Throws Error request.different_run,
  // naming the first field that differs, when it holds a different run. Every function throws
  // Error io.read or io.write when SQLite or the file system fails, with the reason.
  static std::unique_ptr<ResultStore> resume(const std::filesystem::path& file,
                                             const Scenario& scenario, const StorePlan& plan,
                                             const StoreSession& session);
  // A private database in the temporary directory, deleted when the store is destroyed.
  static std::unique_ptr<ResultStore> temporary(const Scenario& scenario, const StorePlan& plan,
                                                const StoreSession& session);
  // An existing database, read only.
  static std::unique_ptr<ResultStore> read(const std::filesystem::path& file);
  // Whether `file` is a database that holds a run's plan (a kill while it was being created
  // leaves one without).
  static bool holds_plan(const std::filesystem::path& file);
  // Copies the database at `from` (one consistent snapshot, through SQLite) to `to`, which must
  // not exist.
  static void copy(const std::filesystem::path& from, const std::filesystem::path& to);
  // A complete database, opened to add scores (write_scores) as a new session. Throws Error
  // request.not_scorable when its run is unfinished.
  static std::unique_ptr<ResultStore> amend(const std::filesystem::path& file,
                                            const StoreSession& session);
  ~ResultStore() override;

  // Where `scenario` and `plan` differ from what the database holds ("seed: 1 in the database,
  // 2 here"), or nothing when they match.
  std::optional<std::string> difference(const Scenario& scenario, const StorePlan& plan) const;

  // The shards of one run (compare or simulate --shard k/N, each finished) combined into a new
  // database at `file`, which must not exist: its rows are those one process making every run
  // would have stored (sessions: each shard's, renumbered in shard order, then the merge's own),
  // and it is complete. Throws Error, naming the databases: request.different_run when two hold
  // different runs (the first field that differs) or a run that is not compare's or simulate's,
  // request.unfinished_shard, request.duplicate_shard, request.missing_shard (which are
  // missing); io.read when one is not a results database.
  // `progress` (optional) is called with the blocks of series values merged so far and their
  // number (a block is one strategy's series, of up to 10 shards: SQLite's ATTACH limit).
  static std::unique_ptr<ResultStore> merge_shards(
      const std::vector<std::filesystem::path>& shards, const std::filesystem::path& file,
      const StoreSession& session,
      const std::function<void(std::size_t, std::size_t)>& progress = {});

  // Writing. accept takes the runs in any order (under MPI they arrive as the ranks finish
  // them), each run once.
  void begin(const std::vector<std::string>& number_paths) override;
  void accept(const RunResult& result) override;
  // Commits the buffered runs.
  void flush();
  // Commits the buffered runs and records the session's end: `seconds` of running; the
  // database is complete when it holds every run.
  void finish(double seconds);
  // Closes the database, checkpointing its log: a closed database is one file, and a complete
  // one leaves WAL mode, so that readers open it without creating files beside it.
  void close();

  // Reading.
  const std::string& name() const;  // the database's file, for messages
  const StorePlan& plan() const;
  const std::vector<std::string>& series() const;  // series names, in series id order
  const std::vector<int>& months() const;          // the recorded months, ascending
  std::uint64_t runs_stored() const;
  std::vector<std::uint64_t> missing_runs() const;  // runs of the plan's shard not stored
  bool complete() const;
  double seconds() const;  // the running time of every session that wrote
  std::string started() const;
  std::string finished() const;
  int sessions() const;
  // The values of one series at one month under one strategy (indices into plan().strategies,
  // series() and months()), ordered by run.
  void read_values(std::size_t strategy, std::size_t series, std::size_t month,
                   std::vector<double>& values) const;
  // The months in which track `issue` (an index into the scenario's issues) agreed under one
  // strategy, over the runs in which it did, ordered by run.
  void read_agreement_months(std::size_t strategy, std::size_t issue,
                             std::vector<double>& months) const;
  // Every run's values of one series under one strategy (indices into plan().strategies and
  // series()): values[run * months().size() + m] is run `run` at months()[m]. Throws Error
  // io.read when a value of a run of the plan is missing.
  void read_series(std::size_t strategy, std::size_t series, std::vector<double>& values) const;
  // The resolved scenario the runs were made on (the manifest's `scenario`).
  Scenario scenario() const;
  // The scenario file as the last session named it (the manifest's `scenario_file`).
  std::string scenario_file() const;

  // What score and calibrate add (docs/results-schema.md): one scoring of `scores` against
  // `observations` (a scorings row, its observation_scores and score_summaries), returning its
  // id; and a calibration's parameters, generations and particles.
  std::int64_t write_scores(const Observations& observations, const std::string& observations_file,
                            const ScorePlan& plan, const std::vector<StrategyScore>& scores);
  void write_calibration(const CalibrationResult& result);
  // The last scoring the database holds, or nothing when it was never scored.
  std::optional<StoredScoring> last_scoring() const;
  // The command line and parley version of every session that wrote the database, first first.
  std::vector<std::pair<std::string, std::string>> session_commands() const;
  // Every manifest entry (docs/results-schema.md), e.g. a sweep's sweep_path.
  std::map<std::string, std::string> manifest() const;
  // The variant of every stored run (a sweep's value index; 0 in a comparison), in run order:
  // the order in which read_values() and read_draws() give a group's values.
  std::vector<std::uint64_t> run_variants() const;
  // The value each variant stands for (a sweep's values); empty for other commands.
  std::vector<double> variant_values() const;
  // The id paths of the numbers run_draws holds, in number id order.
  std::vector<std::string> number_paths() const;
  // The value number `number` (an index into number_paths()) took in every stored run, in run
  // order; NaN for a run that did not draw it.
  void read_draws(std::size_t number, std::vector<double>& values) const;

 private:
  struct Impl;
  explicit ResultStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The runs of a results database as scoring reads them: one series of one strategy at a time.
// Takes the runs of compare, simulate and score, complete and with every month recorded; throws
// Error request.not_scorable for any other (a sweep, a screening, an unfinished run, --record
// checkpoints). Keeps a reference to the store.
class StoredRunSource final : public RunSource {
 public:
  explicit StoredRunSource(const ResultStore& store);
  std::vector<std::string> strategies() const override;
  std::vector<std::string> series() const override;
  int months() const override;
  SeriesBlock block(const std::string& strategy, std::size_t series) const override;

 private:
  const ResultStore* store_;
};

// Every series of the store at every recorded month, per strategy, with paired differences to
// `reference`: summarise() computed from the database, one group of runs in memory at a time.
std::vector<SeriesSummary> summarise(const ResultStore& store, const std::string& reference);

// ---------------------------------------------------------------------------------------------
// Run directories: written whole or not at all.

// A run directory written safely. Its files go to a hidden sibling work directory,
// `.NAME.partial`, which replaces the directory only once complete: the directory always holds
// one whole run, the previous one or the new one. A killed run leaves its work directory, with a
// database that --resume continues; the next run into the same directory finishes a
// replacement a kill interrupted and removes what killed runs left (`.NAME.trash-PID`).
class RunDirectory {
 public:
  // Claims `directory`, locking its work directory against a second writer. Throws Error
  // request.not_run_directory when `directory` is a file or holds anything but a run
  // directory's files (it would be replaced), io.busy when another process is writing it, and
  // io.write when the file system fails.
  explicit RunDirectory(const std::filesystem::path& directory);
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  const std::filesystem::path& directory() const { return directory_; }
  const std::filesystem::path& work() const { return work_; }
  // The work directory holds a killed run's database.
  bool has_unfinished() const;
  // Empties the work directory for a new run.
  void start_fresh();
  // Replaces the directory by the work directory.
  void commit();

 private:
  void claim();
  std::filesystem::path directory_, work_;
  int lock_ = -1;  // the work directory, open and locked
};

// The names of the files a run directory may hold.
bool is_run_directory_file(const std::string& name);

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

// Writes summary.csv (tidy: strategy, series, month, quantiles, differences), summary.json,
// agreements.csv, recognition.csv and, last, manifest.json into `directory` (a RunDirectory's
// work directory), from the summaries and the store.
void write_run_directory(const std::filesystem::path& directory, const Scenario& scenario,
                         const ComparisonContext& context, const ResultStore& store,
                         const std::vector<SeriesSummary>& summaries);

// manifest.json of a run directory: the run's plan, the store's timings and the resolved
// scenario. `extra` entries follow the plan's (a sweep's or a screening's parameters).
std::string run_manifest(const Scenario& scenario, const ComparisonContext& context,
                         const ResultStore& store,
                         const std::vector<std::pair<std::string, std::string>>& extra = {});

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
// The analyst's brief (docs/report.md): one self-contained HTML file, readable without parley.

struct ReportOptions {
  // The strategy differences are taken to; empty: the one the run directory was made with
  // (manifest.json), else its first strategy.
  std::string reference;
};

// The report of a run directory (compare, simulate, sweep, sensitivity or score --out DIR) as
// one HTML page: findings as sentences with their bands and what they hang on, fan charts, the
// regime's policy, agreements and recognition, a screening's tornado, scores against
// observations, the scenario and every source. Its charts are drawn by the Vega-Lite compiled into
// parley; opening it makes no network request. The same directory gives the same bytes. Throws
// Error request.not_run_directory, request.reference_not_run, io.read, and io.unavailable in a
// parley built without the report's scripts (-DPARLEY_REPORT=OFF).
std::string report_html(const std::filesystem::path& run_directory,
                        const ReportOptions& options = {});

// Prints an HTML file to PDF (A4, the page's print style) with headless Chromium: the program
// $PARLEY_CHROMIUM names, else chromium, chromium-browser or google-chrome on PATH. Throws Error
// io.unavailable when there is none, io.write when it fails (with what it said).
void print_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf);

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

// A scored run directory's files, into `directory` (a RunDirectory's work directory):
// scores.csv, scores.json and, last, manifest.json: `manifest` (the runs' manifest.json) with
// the store's sessions and a `scores` entry naming the observations and the scoring's id in
// results.sqlite.
void write_score_directory(const std::filesystem::path& directory, const std::string& manifest,
                           const ResultStore& store, const Observations& observations,
                           const ScoreContext& context, const std::vector<StrategyScore>& scores,
                           std::int64_t scoring);

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

// A calibration's run directory, into `directory` (a RunDirectory's work directory):
// posterior.csv, calibrated.yaml (the scenario `calibrated`, the posterior in its uncertainty
// block) and, last, manifest.json (the plan, the observations, the store's timings, why it
// stopped early if it did, and the resolved scenario).
void write_calibration_directory(const std::filesystem::path& directory, const Scenario& scenario,
                                 const Observations& observations,
                                 const CalibrationContext& context, const ResultStore& store,
                                 const CalibrationResult& result, const Scenario& calibrated);

}  // namespace parley
