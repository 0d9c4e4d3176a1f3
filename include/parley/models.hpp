// parley::models: bargaining models behind one small interface, registered by name, and the
// counter-based random streams every stochastic part of parley draws from.
//
// A model receives a validated scenario and returns a Forecast: per issue, the predicted outcome
// and the positions of the participating actors in every round. Models compute only; they never
// print or write files. A caller that wants per-round events passes a ForecastObserver.
#pragma once

#include <Random123/philox.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.hpp"

namespace parley {

// Counter-based random streams: run r of master seed s draws only from stream (s, r, purpose), so
// results do not depend on thread count, scheduling, shards or MPI ranks, and every strategy of a
// comparison sees the same draws for the same run (common random numbers).
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t run, std::uint32_t purpose);

  std::uint64_t next_u64();
  double uniform();            // in [0, 1), 53 random bits
  double normal();             // standard normal (Box-Muller on two uniforms)
  double gamma(double shape);  // Marsaglia-Tsang; shape > 0
  double beta(double a, double b);
  double triangular(double low, double mode, double high);

 private:
  r123::Philox4x32 generator_;
  r123::Philox4x32::ctr_type counter_{};
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type block_{};
  int used_ = 4;  // 32-bit words of block_ already handed out
};

// ---------------------------------------------------------------------------------------------
// Bargaining models.

// One issue as the models see it: only the actors that take part, in scenario order.
struct IssueInput {
  std::string issue_id;
  double scale_min = 0.0;
  double scale_max = 100.0;
  double status_quo = 0.0;          // the scenario's, or the scale midpoint
  std::vector<std::size_t> actors;  // indices into Scenario::actors
  std::vector<double> capability;   // >= 0
  std::vector<double> position;     // on the issue's scale
  std::vector<double> salience;     // in [0, 1] (scenario salience / 100)
};

// The issues of a scenario in file order, each with its participating actors.
std::vector<IssueInput> issue_inputs(const Scenario& scenario);

// What happened in one round of a bargaining model, reported in IssueForecast::round_summaries.
// conflict, compromise, capitulation: the regions of the expected utility model (eum); bargain: a
// proposal in a model without those regions (smp's interpolated bargains).
enum class OfferKind { conflict, compromise, capitulation, bargain };
const char* to_string(OfferKind kind);

// A proposal, made in one round, that actor `to` move to `position`. `from` and `to` index
// IssueForecast::actors.
struct Offer {
  std::size_t from = 0;
  std::size_t to = 0;
  OfferKind kind = OfferKind::compromise;
  double position = 0.0;
  bool accepted = false;  // `to` took this offer; an actor accepts at most one per round
};

// A named per-actor quantity of one round, e.g. "risk": values[k] belongs to actors[k].
struct ActorSeries {
  std::string name;
  std::vector<double> values;
};

struct RoundSummary {
  double median = 0.0;  // the positions' median after the round, as the model defines it
  double mean = 0.0;    // and their mean
  std::vector<Offer> offers;
  std::vector<ActorSeries> series;
};

struct IssueForecast {
  std::string issue_id;
  double outcome = 0.0;             // the model's prediction on the issue's scale
  std::vector<std::size_t> actors;  // indices into Scenario::actors, as in IssueInput
  // positions[r][k]: position of actors[k] after round r; positions[0] is the initial state.
  std::vector<std::vector<double>> positions;
  // Empty for one-shot models; otherwise round_summaries[r] describes round r, aligned with
  // positions (round_summaries[0]: the initial state, no offers).
  std::vector<RoundSummary> round_summaries;
  int rounds = 0;  // bargaining rounds run (0 for one-shot models)
  bool converged = true;
  std::string note;  // e.g. why a fallback weighting was used
};

// One exchange of voting positions realised by a multi-issue model (`exchange`): actor `i` moves
// its vote on issue `supply_i` towards j, j moves its vote on `supply_j` towards i; each gains
// on the issue the other supplies. Actors index Scenario::actors, issues Forecast::issues.
struct RealisedExchange {
  std::size_t actor_i = 0;
  std::size_t supply_i = 0;
  double from_i = 0.0, to_i = 0.0;  // i's vote on supply_i before and after, on the issue's scale
  std::size_t actor_j = 0;
  std::size_t supply_j = 0;
  double from_j = 0.0, to_j = 0.0;
  double gain_i = 0.0, gain_j = 0.0;  // salience x outcome shift, outcomes normalised to 0-100
};

// One round of a multi-issue model: the exchanges in the order they were realised and every
// issue's outcome (on its scale) at the start of the round and after its exchanges.
struct ExchangeRound {
  int round = 0;
  std::size_t candidates = 0;  // candidate exchanges at the start of the round
  std::vector<RealisedExchange> exchanges;
  std::vector<double> outcome_before;  // per issue, as Forecast::issues
  std::vector<double> outcome_after;
};

struct Forecast {
  std::string model;  // the spec it was made with, e.g. "median"
  std::vector<IssueForecast> issues;
  std::vector<ExchangeRound> exchange_rounds;  // empty unless the model exchanges across issues
};

class ForecastObserver {
 public:
  virtual ~ForecastObserver() = default;
  virtual void on_round(const std::string& issue_id, int round, std::span<const double> positions) {
    (void)issue_id, (void)round, (void)positions;
  }
};

struct ParameterSpec {
  std::string name;
  std::string default_value;
  std::string description;
};

// Per issue: the model settles each issue on its own (a PerIssueModel), so the engagement simulator
// can use it as its engine; joint: it treats the issues together (exchange, smp).
enum class ModelScope { per_issue, joint };
const char* to_string(ModelScope scope);

// What a model declares about itself; `parley models` lists it and every caller that needs a
// model of some kind asks it here.
struct ModelInfo {
  std::string name;
  std::string summary;  // one line, shown by `parley models`
  std::vector<ParameterSpec> parameters;
  bool rounds = false;      // bargains in rounds: per-round positions and summaries
  bool stochastic = false;  // may draw random numbers (then only from its `seed` parameter)
  ModelScope scope = ModelScope::per_issue;  // set at registration, from the model's class
};

namespace limits {
// The most rounds (turns) any model runs: `rounds=` of every model and `forecast --rounds`. Each
// round keeps its positions (and eum its offers) in the forecast, so the forecast's size grows
// with it; 10,000 is 1,000 times the models' defaults (docs/cli.md, Limits).
inline constexpr int max_rounds = 10000;
}  // namespace limits

// Parameters given in a model spec, "name(key=value,...)", checked against ModelInfo::parameters.
class ModelParameters {
 public:
  ModelParameters() = default;
  explicit ModelParameters(std::map<std::string, std::string> values)
      : values_(std::move(values)) {}
  // Throw Error model.bad_parameter_value when the text is not a (whole) number.
  double number(const std::string& key, double fallback) const;
  int integer(const std::string& key, int fallback) const;
  // `rounds=`, in [0, limits::max_rounds]; Error model.bad_parameter_value naming `model`
  // otherwise.
  int rounds(const std::string& model, int fallback) const;
  std::string text(const std::string& key, const std::string& fallback) const;
  const std::map<std::string, std::string>& values() const { return values_; }
  // The spec these parameters spell for `model`: "eum" or "eum(q=0.5,rounds=20)", keys sorted.
  std::string spec(std::string_view model) const;

 private:
  std::map<std::string, std::string> values_;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual Forecast forecast(const Scenario& scenario,
                            ForecastObserver* observer = nullptr) const = 0;
};

// For models that treat each issue on its own.
class PerIssueModel : public Model {
 public:
  Forecast forecast(const Scenario& scenario, ForecastObserver* observer = nullptr) const final;
  virtual IssueForecast forecast_issue(const IssueInput& issue,
                                       ForecastObserver* observer) const = 0;
  const std::string& spec() const { return spec_; }  // e.g. "eum(q=0.5)"

 protected:
  explicit PerIssueModel(std::string spec) : spec_(std::move(spec)) {}

 private:
  std::string spec_;
};

struct ModelEntry {
  ModelInfo info;
  std::unique_ptr<Model> (*make)(const ModelParameters& parameters);
  // Set for per-issue models only.
  std::unique_ptr<PerIssueModel> (*make_per_issue)(const ModelParameters& parameters) = nullptr;
};

// Every model parley knows, in the order `parley models` lists them: the order of the
// parley_add_model() lines in src/models/CMakeLists.txt.
const std::vector<ModelEntry>& model_registry();

// The names of the registered models of `scope`, comma-separated, for messages.
std::string model_names(ModelScope scope);

// "eum(q=0.5,rounds=20)" -> the model. Throws Error model.unknown, model.bad_spec,
// model.unknown_parameter or model.bad_parameter_value.
std::unique_ptr<Model> make_model(std::string_view spec);
// The same for a model that works issue by issue; throws Error model.not_per_issue, naming the
// per-issue models, when the spec names a joint one.
std::unique_ptr<PerIssueModel> make_per_issue_model(std::string_view spec);
// What the model a spec names declares about itself. Throws Error as make_model, short of
// checking the parameters' values.
const ModelInfo& model_info(std::string_view spec);

// `spec` with key=value added when the named model declares `key` and the spec does not set it;
// otherwise `spec` unchanged. E.g. ("eum", "rounds", "20") -> "eum(rounds=20)".
std::string spec_with_default(std::string_view spec, const std::string& key,
                              const std::string& value);

}  // namespace parley
