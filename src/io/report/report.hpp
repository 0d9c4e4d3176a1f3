// The analyst's brief (`parley report`): what a run directory holds, read once from its
// results.sqlite and files (read.cpp); the findings as sentences with the numbers they quote and
// what they hang on (findings.cpp); the charts as Vega-Lite specifications (charts.cpp); the
// scenario in words (scenario_html.cpp); the page (page.cpp). Private to parley::io.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parley/io.hpp"

namespace parley::detail {

// ---------------------------------------------------------------------------------------------
// What the report reads.

// One strategy's and the reference's values of one series at one month, run by run (the same
// runs in the same order).
struct PairedValues {
  std::string strategy;
  std::string series;
  int month = 0;
  std::vector<double> values;
  std::vector<double> start;      // the strategy's values at month 0
  std::vector<double> reference;  // empty when there is no reference to compare with
};

// The month by which a track had agreed, per strategy: runs[m] is the number of runs in which
// it had agreed by month months[m].
struct AgreementCurve {
  std::string strategy;
  std::string issue;
  std::vector<std::uint64_t> agreed_by;  // per recorded month of the report
  std::vector<double> months_agreed;     // the month of agreement in every run that agreed
};

// How many runs ended with each number of recognition steps (0-3) for one state.
struct RecognitionCounts {
  std::string strategy;
  std::string actor;
  std::vector<std::uint64_t> runs_at_step;  // index: steps taken
  Band start;                               // at month 0
  Band end;                                 // at the last month
};

// A sweep: one band per strategy, series and swept value, at the last month.
struct SweepBands {
  std::string strategy;
  std::string series;
  std::vector<Band> at_value;  // per swept value
};

// A screening (sensitivity.csv) and what was screened (manifest.json).
struct Screening {
  std::string strategy, reference, series;
  int month = 0;
  int trajectories = 0;
  std::vector<FactorEffect> effects;  // most important first
};

// An uncertain number: its value in every run (in run order) and where it came from.
struct DrawnNumber {
  std::string path;
  std::vector<double> values;
};

struct ReportData {
  std::filesystem::path directory;
  Scenario scenario;
  StorePlan plan;         // command, strategies, seed, runs, months, engine, record
  std::string reference;  // the strategy differences are taken to; empty: none
  std::vector<std::string> series;
  std::vector<int> months;  // recorded months, ascending
  std::uint64_t runs_stored = 0;
  bool complete = false;
  std::string started, finished;
  double seconds = 0;
  std::vector<std::string> command_lines;  // of every session that wrote the database
  std::string parley_version;              // of the first session

  // compare and simulate
  std::vector<SeriesSummary> summaries;  // every series at every recorded month, per strategy
  std::vector<PairedValues> at_horizon;  // the findings' series at the last month
  std::vector<AgreementCurve> agreements;
  std::vector<RecognitionCounts> recognition;
  // sweep
  std::string sweep_path;
  std::vector<double> sweep_values;
  std::vector<std::string> sweep_series;  // as the sweep named them
  std::vector<SweepBands> sweep;
  // sensitivity
  std::optional<Screening> screening;
  // The last scoring the database holds (`score --out`), if any.
  std::optional<StoredScoring> scoring;
};

// Reads everything the report shows. `directory` holds results.sqlite (a run directory, or the
// work directory of a run that was killed). Throws Error request.not_run_directory when it is
// not one, request.reference_not_run for a reference that was not run, io.read when a file
// cannot be read.
ReportData read_report_data(const std::filesystem::path& directory, const ReportOptions& options);

// Hands every uncertain number's values in every run to a visitor, one number at a time, so
// that memory holds one number's runs.
using DrawSource = std::function<void(const std::function<void(const DrawnNumber&)>&)>;
// The draws of the run directory's results.sqlite.
DrawSource stored_draws(const std::filesystem::path& directory);

// ---------------------------------------------------------------------------------------------
// Findings.

// What a finding's spread is tied to: an uncertain number whose draws go with the finding's
// outcome over the runs (Spearman's rank correlation), or a screened factor, and where the
// number came from.
struct Driver {
  std::string path;
  double rho = 0;                 // rank correlation with the outcome (drawn numbers)
  std::optional<double> mu_star;  // Morris importance (screened factors), instead of rho
  bool judgement = false;         // marked judgement: true, or given no source at all
  std::string source;             // the provenance's source, if any
  // Share of runs in which the finding holds, among the third of runs in which the number is
  // lowest and the third in which it is highest (drawn numbers).
  double holds_low = 0, holds_high = 0;
};

enum class Basis {
  judgement,  // among its drivers is an analyst's judgement (or an unsourced number)
  sourced,    // its drivers are all sourced figures
  spread,     // no uncertain number is tied to it closely: shocks and many small effects
  fixed       // its outcome does not vary over the runs
};
const char* to_string(Basis basis);

struct Finding {
  std::string id;        // stable, e.g. "food:piecemeal", for tests and anchors
  std::string strategy;  // the strategy it is about, empty for one about several
  std::string text;      // the sentence, plain text
  Basis basis = Basis::spread;
  std::vector<Driver> drivers;  // the closest first
};

// Spearman's rank correlation of x and y (average ranks for ties); 0 when either is constant.
double rank_correlation(const std::vector<double>& x, const std::vector<double>& y);
// The smallest |rho| that counts as a driver for `runs` runs: max(0.2, 4 / sqrt(runs)), above
// what chance gives among several hundred numbers.
double driver_threshold(std::size_t runs);

// A finding's outcome per run and whether it holds in each run; the drivers found so far.
struct DriverSearch {
  std::vector<double> outcome;
  std::vector<char> holds;
  std::vector<Driver> drivers;  // the closest first, at most `keep`
  std::size_t keep = 3;
};
// Looks for each search's drivers among `numbers` (every uncertain number, one at a time).
void find_drivers(std::vector<DriverSearch>& searches, const DrawSource& numbers,
                  const Scenario& scenario);
// What a finding with this outcome and these drivers rests on.
Basis basis_of(const std::vector<double>& outcome, const std::vector<Driver>& drivers);

// The headline findings, in the order the report lists them, their drivers found among
// `draws`.
std::vector<Finding> headline_findings(const ReportData& data, const DrawSource& draws);

// ---------------------------------------------------------------------------------------------
// Output pieces.

std::string html_escape(std::string_view text);
// A number with `precision` decimals, "-0.0" shown as "0.0".
std::string fixed(double value, int precision);
// Decimals the report shows for a series.
int report_precision(const std::string& series);
// The strategy's name for readers: its id, or "(baselines)".
std::string strategy_name(const std::string& id);

// The charts: Vega-Lite specifications, each a JSON text. `figure` pairs a title and caption.
struct Chart {
  std::string id;     // unique within the page
  std::string title;  // the figure's heading
  std::string caption;
  std::string spec;  // Vega-Lite JSON
};
std::vector<Chart> indicator_charts(const ReportData& data);
std::vector<Chart> policy_charts(const ReportData& data);
std::vector<Chart> agreement_charts(const ReportData& data);
std::vector<Chart> recognition_charts(const ReportData& data);
std::vector<Chart> sweep_charts(const ReportData& data);
std::vector<Chart> screening_charts(const ReportData& data);

// The section of scores against observations, when the data holds them; empty otherwise.
std::string scores_html(const ReportData& data);

// The scenario in words: actors, blocs, issues, regime, strategies, timeline, uncertainty,
// sources; judgements marked.
std::string scenario_html(const Scenario& scenario);
std::string sources_html(const Scenario& scenario);
// Whether the number at `path` is a judgement (marked so, or without any source), and its
// source.
struct NumberBasis {
  bool judgement = true;
  bool stated = false;  // has provenance at all
  std::string source;
};
NumberBasis number_basis(const Scenario& scenario, const std::string& path);

}  // namespace parley::detail
