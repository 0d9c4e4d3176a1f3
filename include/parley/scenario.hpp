// parley::scenario, the lowest layer: a scenario's value types, reading, validating and writing
// scenarios in every supported format, addressing their numbers by path, and the schema of every
// name a scenario may use (engagement parameters, effect channels, condition indicators).
//
// Scenario types are plain aggregates. Parsing fills them; models and the engagement simulator
// read them. Identifiers (issue, actor, bloc, instrument, strategy) are strings; every cross
// reference is checked by validation, so code that receives a validated Scenario may rely on them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley {

enum class IssueKind { political, technical, humanitarian, security };
enum class ActorKind { state, regime_faction, armed_group, organisation };
enum class Linkage { bundled, piecemeal };
// Who sets the regime's policy on an issue in the engagement model: the regime alone each month
// (its factions bargain), only an agreement on a negotiated track (cooperation that needs a
// partner), or the outside actors through the instruments that track the issue.
enum class IssueControl { regime, agreement, outsiders };
enum class InstrumentKind {
  sanctions,
  frozen_assets,
  aid,
  recognition,
  ct_cooperation,
  technical_assistance,
  dialogue,
  other
};
// spread: uniform within +-d of the field's own value; relative: uniform within +-f of it, as a
// share of the value. Both are clamped to the field's range, and suit path patterns. empirical:
// one of the listed values, each equally likely (a posterior sample written by `parley
// calibrate`); empirical entries with the same number of values are rows of one joint sample, so
// a run takes the same row from each of them.
enum class DistributionKind {
  uniform,
  triangular,
  normal,
  beta,
  spread,
  relative,
  empirical,
  fixed
};

// Where a number came from. Attached to numbers by their id path
// (e.g. "actors.kandahar.capability"), see Scenario::provenance.
struct Provenance {
  std::string source;      // citation: a meta.sources id, a URL, or free text
  bool judgement = false;  // true: an analyst's judgement, not an empirical figure
  std::string note;
};

struct SourceRef {
  std::string id;
  std::string title;
  std::string url;
  std::string date;
};

struct Meta {
  std::string name;
  std::string description;
  std::string as_of;  // free-form date, e.g. "2024-05"
  std::vector<SourceRef> sources;
};

struct Issue {
  std::string id;
  std::string label;
  IssueKind kind = IssueKind::political;
  double scale_min = 0.0;  // positions lie in [scale_min, scale_max]
  double scale_max = 100.0;
  std::string low;   // what scale_min means
  std::string high;  // what scale_max means
  std::optional<double> status_quo;
  // The part the issue plays in the engagement model, one of issue_roles(); empty for none.
  std::string role;
  // Unset: derived (outsiders for the recognition role and for a political issue an instrument
  // tracks; agreement for a technical issue; the regime otherwise). See issue_control().
  std::optional<IssueControl> decided_by;
  // What the regime's policy does, per unit of its scale above the status quo (share of the
  // scale): effect channel -> coefficient, as for instruments (issue_effect_channels()).
  std::map<std::string, double> effects;
};

struct Actor {
  std::string id;
  std::string name;
  ActorKind kind = ActorKind::state;
  std::string bloc;  // empty when the actor belongs to no bloc
  double capability = 0.0;
  std::optional<double> risk;  // risk attitude in [-1, 1]; models infer it when absent
  // An actor takes part in an issue iff it has a position on it; salience is then required.
  std::map<std::string, double> positions;  // issue id -> position on the issue's scale
  std::map<std::string, double> salience;   // issue id -> salience in [0, 100]
  // States: recognition of the regime at the scenario's date, in steps 0-3 (0 none; 1 envoys or
  // chargés accepted; 2 ambassadors accredited; 3 formal recognition).
  std::optional<double> recognition;
};

// How a bloc behaves under a strategy: instrument levels, linkage, conditions.
struct Condition {
  std::string subject;  // an issue id or a population/regime/spoiler indicator name
  std::string op;       // one of < <= > >= ==
  double threshold = 0.0;
  std::map<std::string, double> set;  // instrument id -> level in [0, 1] once the condition holds
};

struct BlocPolicy {
  Linkage linkage = Linkage::piecemeal;
  bool dialogue = true;
  bool public_conditionality = false;
  std::map<std::string, double> instruments;  // instrument id -> level in [0, 1]
  std::vector<std::string> tracks;            // issue ids negotiated under this policy
  std::vector<Condition> conditions;
};

struct Bloc {
  std::string id;
  std::string label;
  std::vector<std::string> members;    // actor ids
  std::optional<BlocPolicy> baseline;  // what the bloc does when a strategy does not name it
};

struct UtilityWeights {
  double cohesion = 0.25;
  double ideology = 0.25;
  double revenue = 0.25;
  double recognition = 0.25;
};

struct Faction {
  std::string actor;                      // a regime_faction actor id
  std::optional<UtilityWeights> weights;  // overrides Regime::weights for this faction
};

struct Regime {
  std::vector<Faction> factions;
  std::string leader;      // one of the factions
  UtilityWeights weights;  // the regime's (leader's) weights, default for every faction
  double cohesion = 1.0;   // in [0, 1]
  std::optional<double> revenue_usd_bn;  // annual domestic revenue
};

struct Spoiler {
  std::string actor;                        // an armed_group actor id
  double strength = 0.0;                    // index in [0, 1]
  double recruitment_from_defection = 0.0;  // share of defectors joining, in [0, 1]
  std::optional<double> attacks_per_month;
};

struct Population {
  double total_millions = 0.0;
  double acute_food_insecure_millions = 0.0;  // IPC phase 3+
  std::optional<double> humanitarian_need_millions;
  std::optional<double> gdp_usd_bn;
};

struct Instrument {
  std::string id;
  std::string label;
  InstrumentKind kind = InstrumentKind::other;
  std::vector<std::string> controlled_by;  // actor or bloc ids
  double size = 0.0;
  std::string unit;
  std::string track;                      // the issue it bears on, may be empty
  std::map<std::string, double> effects;  // named effect channel -> coefficient
};

struct Strategy {
  std::string id;
  std::string label;
  std::string description;
  // bloc id -> policy; or a state's actor id -> its own policy, which overrides its bloc's for
  // that state (the state then acts as a bloc of its own).
  std::map<std::string, BlocPolicy> policies;
};

// A dated input to the engagement model: something that happens whatever the strategy.
// Months are counted from the scenario's meta.as_of (month 0); `from`, `until` and `at` are
// written as YYYY-MM or as a month number.
enum class TimelineKind {
  policy,    // a bloc or a state sets instrument levels, dialogue or public conditions from
             // `from` (until `until`)
  shock,     // a one-off change of state variables at `from`
  flow,      // a change of state variables every month from `from` to `until`
  seasonal,  // a factor on a variable by calendar month (`profile`, January first)
  trend      // a steady change of a variable per year from `from`
};

struct TimelineEntry {
  std::string id;  // optional; id paths use it ("timeline.<id>.shock.<variable>"), else the index
  TimelineKind kind = TimelineKind::policy;
  int from = 0;                          // month the entry starts
  std::optional<int> until;              // last month it applies (policy, flow); open when unset
  std::string actor;                     // policy: a bloc id or a state's actor id
  std::map<std::string, double> values;  // policy: instrument -> level; shock, flow: variable ->
                                         // change; trend: variable -> change per year
  std::optional<bool> dialogue;          // policy: the bloc opens (or ends) talks
  std::optional<bool> public_conditionality;  // policy: it attaches public conditions (or not)
  std::string variable;                       // seasonal: the variable
  std::vector<double> profile;                // seasonal: 12 factors, January first
};

struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  // uniform [a,b]; triangular [a,mode,b]; normal [mean,sd]; beta [a,b]; spread [d]; relative [f];
  // empirical [x1, ..., xn]
  std::vector<double> params;
};

struct UncertainValue {
  // Id path of a numeric field, e.g. "actors.kandahar.salience.girls_education", or a pattern in
  // which `*` stands for any one part, e.g. "actors.*.salience.*". An exact path wins over
  // patterns; among patterns the first listed wins.
  std::string path;
  Distribution distribution;
};

struct Scenario {
  int format_version = 1;
  Meta meta;
  std::vector<Issue> issues;
  std::vector<Actor> actors;
  std::vector<Bloc> blocs;
  std::optional<Regime> regime;
  std::optional<Spoiler> spoiler;
  std::optional<Population> population;
  std::vector<Instrument> instruments;
  std::vector<Strategy> strategies;
  std::vector<TimelineEntry> timeline;
  std::vector<UncertainValue> uncertainty;
  std::map<std::string, double> parameters;      // named model coefficients
  std::map<std::string, Provenance> provenance;  // id path -> where the number came from
};

// Lookups by id; nullptr when absent.
const Issue* find_issue(const Scenario& scenario, const std::string& id);
const Actor* find_actor(const Scenario& scenario, const std::string& id);
const Bloc* find_bloc(const Scenario& scenario, const std::string& id);
const Instrument* find_instrument(const Scenario& scenario, const std::string& id);
const Strategy* find_strategy(const Scenario& scenario, const std::string& id);
// The strategy `id`; throws Error request.unknown_strategy naming the scenario's strategies.
const Strategy& require_strategy(const Scenario& scenario, const std::string& id);

// Names used in files and messages.
const char* to_string(IssueKind kind);
const char* to_string(ActorKind kind);
const char* to_string(Linkage linkage);
const char* to_string(InstrumentKind kind);
const char* to_string(DistributionKind kind);
const char* to_string(IssueControl control);
const char* to_string(TimelineKind kind);

// Who decides `issue` (its decided_by, or the default derived from its role, kind and the
// instruments that track it).
IssueControl issue_control(const Scenario& scenario, const Issue& issue);

// The calendar month (1-12) of month `month` of a scenario dated `as_of` ("YYYY-MM"); 0 when
// as_of is not a month.
int calendar_month(const std::string& as_of, int month);
// "YYYY-MM" -> months since year 0 (year * 12 + month - 1); nullopt for anything else.
std::optional<int> month_index(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Limits: the magnitudes and sizes parley accepts, documented in docs/scenario-format.md
// (section 2, "Numbers" and "Limits"). Validation rejects what lies outside them; inside them no
// model and not the engagement simulator overflows or underflows (tests/unit/models,
// test_boundary_magnitudes.cpp).
namespace limits {
// Every number in a scenario is 0 or has a magnitude in [min_magnitude, max_magnitude] (E016).
// Capabilities, scales and money stay well inside double's range even after the models raise
// them to the 8th power (smp) or multiply them by each other (exchange, eum); numbers below
// min_magnitude, subnormal ones among them, are rejected, not rounded to 0, because the models
// divide by them (attacks per unit of spoiler strength, w / (position range) in eum).
inline constexpr double max_magnitude = 1e6;
inline constexpr double min_magnitude = 1e-9;
// An issue's scale is at least this wide (E013), so positions differ by many ulps of the bounds.
inline constexpr double min_scale_width = 1e-6;
// A beta distribution's shapes are at least this (E031): below it a draw can underflow to 0/0.
inline constexpr double min_beta_shape = 0.05;
// An input file holds at most this many bytes (E004); read with this cap, never beyond it.
inline constexpr std::size_t max_input_bytes = std::size_t{64} << 20;
// Maps and lists nest at most this deep (E004); a scenario needs about 8.
inline constexpr int max_nesting_depth = 64;
// An id has at most this many characters (E004); ids made by the importers are cut to it.
inline constexpr std::size_t max_id_length = 64;
}  // namespace limits

// ---------------------------------------------------------------------------------------------
// Reading, validating and writing scenarios.
//
// Every problem found in an input is a Diagnostic with a stable code, a location (file, line and
// column, 1-based) and the field path (e.g. "actors[3].positions.girls_education"). Loading
// collects every diagnostic it can before giving up, so a user sees all problems at once.

struct Diagnostic {
  std::string code;  // stable id, e.g. "E012"; documented in docs/scenario-format.md
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string path;  // field path; empty for whole-file problems
  std::string message;
};

// "file:line:column: error E012: path: message"
std::string format_diagnostic(const Diagnostic& diagnostic);

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// ---------------------------------------------------------------------------------------------
// Errors after loading: a request that does not fit the scenario, a model spec or parameter
// that is wrong, a file that cannot be read or written. Every layer throws the one type Error,
// with a stable id; docs/errors.md lists every id once, with its exit code and an example.
// (Problems in a scenario file are Diagnostics with E-codes, thrown together as ScenarioError.)

enum class ErrorId {
  // request.*: what was asked does not fit the scenario (exit 2).
  request_unknown_strategy,
  request_reference_not_run,
  request_unknown_series,
  request_unknown_path,
  request_value_out_of_range,
  request_invalid_option,
  request_no_regime,
  request_no_uncertainty,
  request_export_limits,
  request_no_prior,
  request_beyond_runs,
  request_too_large,
  request_different_run,
  request_not_run_directory,
  request_not_scorable,
  request_unfinished_shard,
  request_duplicate_shard,
  request_missing_shard,
  // model.*: a model spec names an unknown model or parameter, or a value it cannot take (exit 2).
  model_unknown,
  model_bad_spec,
  model_unknown_parameter,
  model_bad_parameter_value,
  model_not_per_issue,
  model_scenario_too_large,
  model_non_finite,
  // io.*: a file cannot be read or written (exit 1).
  io_read,
  io_write,
  io_busy,
  io_unavailable,
  count_  // not an id: the number of ids
};

// The stable dotted name, e.g. "request.unknown_strategy"; the part before the dot is the
// category.
const char* to_string(ErrorId id);

// The exit code of the parley command line: 2 when the user's input is at fault (categories
// request and model), 1 when the work failed while running (io).
int exit_code(ErrorId id);

// what() is "[parley.<id>] <message>", e.g. "[parley.request.unknown_strategy] unknown strategy
// 'nope'; this scenario defines: isolation, piecemeal". The message says what was wrong, naming
// the file, field or value, and what was expected.
class Error : public std::runtime_error {
 public:
  Error(ErrorId id, const std::string& message);
  ErrorId id() const { return id_; }
  // what() without the "[parley.<id>] " prefix.
  std::string_view message() const;

 private:
  ErrorId id_;
};

enum class InputFormat { yaml, json, ktab_csv, eu_csv, decide };
const char* to_string(InputFormat format);

// Decides the format from the content (not the file name).
InputFormat detect_format(std::string_view text);

struct LoadResult {
  std::optional<Scenario> scenario;  // set iff diagnostics is empty
  std::vector<Diagnostic> diagnostics;
  InputFormat format = InputFormat::yaml;
};

struct LoadOptions {
  std::optional<InputFormat> format;  // unset: detected from the content
  // Also report (E060) every number about the world that has neither a source nor
  // `judgement: true`: capabilities, positions, saliences, regime, spoiler, population, ...
  bool require_provenance = false;
};

// Parses and validates text in any supported format. `file` names the input in diagnostics.
LoadResult check_scenario_text(std::string_view text, const std::string& file,
                               const LoadOptions& options = {});
LoadResult check_scenario_file(const std::filesystem::path& path, const LoadOptions& options = {});

// As above, throwing ScenarioError when there is any diagnostic.
Scenario load_scenario_text(std::string_view text, const std::string& file);
Scenario load_scenario_file(const std::filesystem::path& path);

// The default scenario compiled into the program (scenarios/afghanistan-2024.yaml).
std::string_view embedded_default_scenario();
inline constexpr const char* embedded_default_scenario_name = "afghanistan-2024.yaml";

// Writers. YAML output is parley's format v1 and loads back to an equal Scenario.
std::string to_yaml(const Scenario& scenario);
std::string to_json(const Scenario& scenario);
// KTAB's smpc CSV: every issue a dimension, positions and saliences rescaled to 0-100.
// Saliences are scaled down per actor where they would sum above 100, as KTAB requires.
// Throws Error request.export_limits for a scenario smpc cannot run (actor count, no issues).
std::string to_ktab_csv(const Scenario& scenario);

// Writes `content` to `path` atomically: a temporary file beside it, synced, then a rename, so
// that a failure (a full disk) leaves the previous file whole and names the system's reason.
// Writes through symbolic links to the file they name; refuses a path that is, or links to, a
// directory, a device, a pipe or a socket instead of replacing it. Removes temporary files that
// killed processes left beside the file. Throws Error io.write.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);
// The whole file, at most limits::max_input_bytes of it: a longer file (or a device that never
// ends, /dev/zero) is an error, found without reading past the limit. Pipes and FIFOs are read
// like files; directories are refused. Throws Error io.read.
std::string read_file(const std::filesystem::path& path);

// ---------------------------------------------------------------------------------------------
// Addressing a scenario's numbers by path, for uncertainty, sweeps and provenance checks.

struct NumberField {
  std::string id_path;     // "actors.kandahar.salience.girls_education"
  std::string index_path;  // "actors[0].salience.girls_education"
  double* value = nullptr;
  double min = 0.0;  // the range validation accepts
  double max = 0.0;
  bool evidence = false;  // a fact or judgement about the world, which must carry provenance
};

// Every numeric field present in the scenario, in file order.
std::vector<NumberField> number_fields(Scenario& scenario);

// The field at `id_path`, or nullptr.
double* find_number(Scenario& scenario, std::string_view id_path);

// True when `id_path` matches `pattern`, where a `*` part matches any one part.
bool path_matches(std::string_view pattern, std::string_view id_path);

// For each field, the uncertainty entry that governs it (index into Scenario::uncertainty), or
// -1: an exact path wins over patterns, and among patterns the first listed.
std::vector<int> governing_uncertainty(const Scenario& scenario,
                                       const std::vector<NumberField>& fields);

// Names a condition may test besides issue ids ("cohesion", "spoiler_strength", ...).
const std::vector<std::string>& condition_indicators();

// ---------------------------------------------------------------------------------------------
// Observations: what happened after a scenario's date, as binary events (predicates over the
// series a run records) and indicator values by month, each with its source. Runs are scored
// against them (parley::analysis). The format is documented in docs/observations.md; its own
// diagnostics are E100-E109, the structural ones (E002, E010-E015, E020) are the scenarios'.

// One comparison of a series with a number, e.g. "recognition:china >= 2".
struct SeriesTest {
  std::string series;  // canonical name: "recognition:china", "policy:girls_education", ...
  std::string op;      // one of < <= > >= == !=
  double threshold = 0.0;
};

// Whether `value` passes the test.
bool passes(const SeriesTest& test, double value);

// by: the tests hold in some month from 0 to `month`; at: in month `month`; throughout: in every
// month from 0 to `month`.
enum class EventWindow { by, at, throughout };
const char* to_string(EventWindow window);

struct EventPredicate {
  // Holds in a month when every test of at least one group holds ("a and b or c" is
  // {{a, b}, {c}}: `and` binds tighter than `or`).
  std::vector<std::vector<SeriesTest>> any_of;
  EventWindow window = EventWindow::by;
  int month = 0;     // the horizon, in months after the observations' start
  std::string text;  // as written
};

struct ObservedEvent {
  std::string id;
  std::string label;
  EventPredicate predicate;
  bool happened = false;
  std::optional<int> month;  // the month it first held, when it happened (`by` windows)
  std::string source;
  std::string note;
};

struct IndicatorObservation {
  std::string series;
  int month = 0;  // months after the observations' start
  double value = 0.0;
  std::optional<std::pair<double, double>> interval;  // [low, high] where the source gives one
  std::string source;
  std::string note;
};

struct Observations {
  int format_version = 1;
  std::string name;
  std::string description;
  std::string start;  // "YYYY-MM": the calendar month of a run's month 0
  // Set when `start` deliberately differs from the scored scenario's meta.as_of: the as_of that
  // `start` stands for (an explicit mapping, checked against the scenario).
  std::string scenario_as_of;
  std::vector<SourceRef> sources;
  std::vector<ObservedEvent> events;
  std::vector<IndicatorObservation> indicators;
  // Values published before a scored window (observations_between): not scored, but known when
  // the window's forecasts are made, so the trend baseline still draws its line through them.
  std::vector<IndicatorObservation> earlier_indicators;
};

// "YYYY-MM" of `month` months after `start` ("YYYY-MM"); "month N" when start is not a month.
std::string month_label(const std::string& start, int month);

// The last month any event horizon or indicator observation needs a run to reach.
int last_month(const Observations& observations);

// The observations whose month lies in [first, last] (months after `start`): an event by its
// horizon, an indicator value by its month. Splits one file into a fitting and a testing part
// (`calibrate --until`, `score --from`). Throws Error (request.value_out_of_range) when nothing
// is left.
Observations observations_between(const Observations& observations, int first, int last);

// The month after the observations' start that `text` names: "YYYY-MM" or "month N". Throws
// Error (request.value_out_of_range) for other text, or a month before the start.
int observation_month(const Observations& observations, std::string_view text);

// What observations are checked against when they are scored: every series name in them must be
// one the runs record, `start` must match the scenario's as_of, and no month may lie beyond the
// runs' last month.
struct ObservationContext {
  std::vector<std::string> series;  // e.g. series_names(scenario) (parley/engagement.hpp)
  std::string as_of;                // the scenario's meta.as_of
  int months = -1;                  // months the runs cover; negative: not checked
};

struct ObservationsLoadResult {
  std::optional<Observations> observations;  // set iff diagnostics is empty
  std::vector<Diagnostic> diagnostics;
};

// Parses and checks an observations file (YAML). Without a context only the file itself is
// checked. Diagnostics are located like a scenario's.
ObservationsLoadResult check_observations_text(std::string_view text, const std::string& file,
                                               const ObservationContext* context = nullptr);
ObservationsLoadResult check_observations_file(const std::filesystem::path& path,
                                               const ObservationContext* context = nullptr);
// As above, throwing ScenarioError when there is any diagnostic.
Observations load_observations_file(const std::filesystem::path& path,
                                    const ObservationContext* context = nullptr);

// True when `text` is YAML whose top level has an `observations` key (rather than a scenario).
bool looks_like_observations(std::string_view text);

// ---------------------------------------------------------------------------------------------
// The schema: every name a scenario may use besides its own ids.

// The engagement model's coefficients (docs/engagement.md), one field per parameter. A scenario
// overrides any of them in its `parameters:` block; engagement_parameters() resolves them.
struct EngagementParameters {
  // Regime
  double adjustment_speed;
  double leader_weight;
  double defiance_sensitivity;
  double yielding_cost;
  double revenue_value;
  double recognition_value;
  double agreement_value;
  // Talks
  double talks_value;
  double talks_cost;
  // Respect
  double respect_initial;
  double respect_loss_conditionality;
  double respect_loss_isolation;
  double respect_gain_dialogue;
  // Cohesion and revenue
  double cohesion_recovery;
  double concession_cohesion_cost;
  double revenue_need_usd_bn;
  double revenue_stress;
  double defection_rate;
  // Spoiler
  double grievance_recruitment;
  double regime_ct_attrition;
  double partner_ct_attrition;
  double attack_noise_sd;
  // Population
  double food_adjust_months;
  double economy_food_relief;
  double food_shock_sd;
  // Tracks and recognition
  double track_rate;
  double bundled_track_share;
  double recognition_speed;
};

// One row of the parameter table: the name a scenario uses, the field it sets, its default, the
// range validation accepts and why the default is what it is.
struct EngagementParameterSpec {
  const char* name;
  double EngagementParameters::*field;
  double default_value;
  double min;
  double max;
  const char* rationale;
};

// Every engagement coefficient, in documentation order: the one list of them.
const std::vector<EngagementParameterSpec>& engagement_parameter_specs();

// The defaults, overridden by scenario.parameters (validation has checked names and ranges).
EngagementParameters engagement_parameters(const Scenario& scenario);

// Instrument effect channels the engagement dynamics read (Instrument::effects keys).
const std::vector<std::string>& instrument_effect_channels();
// The channels an issue's policy may act on (Issue::effects keys).
const std::vector<std::string>& issue_effect_channels();
// The roles an issue may play (Issue::role), each at most once per scenario:
//   recognition          the issue reads as the states' capability-weighted recognition
//   humanitarian_access  the regime's policy on it is the share of aid that reaches people
//   spoiler_campaign     the regime's policy on it is its own effort against the spoiler
const std::vector<std::string>& issue_roles();
// The state variables a timeline shock, flow or trend may change, and those with a seasonal
// profile.
const std::vector<std::string>& timeline_variables();
const std::vector<std::string>& seasonal_variables();

}  // namespace parley
