// Scenario value types: the parsed, validated content of a scenario file.
//
// Plain aggregates only. Parsing (src/scenario/) fills them; models and the engagement simulator
// read them. Identifiers (issue, actor, bloc, instrument, strategy) are strings; every cross
// reference is checked by validation, so code that receives a validated Scenario may rely on them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parley {

enum class IssueKind { political, technical, humanitarian, security };
enum class ActorKind { state, regime_faction, armed_group, organisation };
enum class Linkage { bundled, piecemeal };
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
// share of the value. Both are clamped to the field's range, and suit path patterns.
enum class DistributionKind { uniform, triangular, normal, beta, spread, relative, fixed };

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
  std::map<std::string, BlocPolicy> policies;  // bloc id -> policy
};

struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  // uniform [a,b]; triangular [a,mode,b]; normal [mean,sd]; beta [a,b]; spread [d]; relative [f]
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

// Names used in files and messages.
const char* to_string(IssueKind kind);
const char* to_string(ActorKind kind);
const char* to_string(Linkage linkage);
const char* to_string(InstrumentKind kind);
const char* to_string(DistributionKind kind);

}  // namespace parley
