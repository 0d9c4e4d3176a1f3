// Internal: the fixed part of one engagement run (the scenario resolved against a strategy and
// its timeline) and the state that evolves month by month (docs/engagement.md).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parley/engagement.hpp"
#include "parley/scenario.hpp"

namespace parley::detail {

inline constexpr std::size_t none = SIZE_MAX;

// The sum of each effect channel of an instrument at full level, or of an issue's policy per
// unit of its scale above the status quo.
struct InstrumentEffects {
  double revenue = 0;            // USD bn per year
  double food_security = 0;      // share of acute food insecurity relieved at full access
  double respect = 0;            // per month
  double recognition = 0;        // recognition level (0-1) it stands for
  double spoiler_attrition = 0;  // share of spoiler strength removed per month
  double track_progress = 0;     // multiplier on technical track progress
  double cohesion = 0;           // per month
};

// A condition with its subject and instruments resolved to indices.
struct CompiledCondition {
  enum class Subject { issue, cohesion, revenue, spoiler, attacks, food, month, respect, talks };
  Subject subject = Subject::issue;
  std::size_t issue = 0;      // when subject == issue
  bool on_political = false;  // a benchmark: a condition on a political issue
  enum class Op { less, less_equal, greater, greater_equal, equal };
  Op op = Op::greater_equal;  // resolved once: conditions are tested thousands of times a run
  double threshold = 0;
  std::vector<std::pair<std::size_t, double>> set;  // instrument index, level
};

// A timeline policy entry for one bloc: instrument levels from month `from` to `until`.
struct TimedLevels {
  int from = 0;
  int until = INT32_MAX;
  std::vector<std::pair<std::size_t, double>> set;  // instrument index, level
  bool sets_recognition = false;
  std::optional<bool> dialogue;
  std::optional<bool> public_conditionality;
};

// How a bloc deals with the regime in a month: its policy's flags, as the timeline changes them.
struct Stance {
  bool dialogue = true;
  bool public_conditionality = false;
};

// A bloc as the dynamics see it: a bloc of the scenario, or a state that has a policy of its own
// (in the timeline or in a strategy) and so acts as a bloc of one.
struct BlocPlan {
  std::string id;
  BlocPolicy policy;                // the strategy's, the baseline, or the default
  bool from_strategy = false;       // the strategy sets it: the timeline's policy entries yield
  std::vector<double> base_levels;  // per instrument, before timeline and conditions
  std::vector<CompiledCondition> conditions;
  bool sets_recognition = false;      // the policy names an instrument with a recognition effect
  std::vector<std::size_t> tracks;    // issue indices
  double share = 0;                   // its share of all bloc members' capability
  std::vector<std::size_t> members;   // actor indices
  std::vector<bool> controls;         // per instrument: may this bloc set it?
  std::vector<TimedLevels> timeline;  // its policy entries, in the order written
};

struct FactionPlan {
  std::size_t actor = 0;
  double capability = 0;
  UtilityWeights weights;  // normalised to sum 1
  bool leader = false;
};

// The world's dated inputs that are not policies (docs/engagement.md, "Timeline").
struct WorldInputs {
  enum Variable { food, population, revenue, spoiler, cohesion, respect, count };
  // Per month (index 0 = month 1 of the run): additive change of each variable that month, from
  // shocks, flows and trends.
  std::vector<std::array<double, count>> changes;
  std::array<double, 12> food_season{};     // factor by calendar month, January first
  std::array<double, 12> attacks_season{};  // likewise
};

struct World {
  const Scenario* scenario = nullptr;
  EngagementParameters k{};
  std::vector<BlocPlan> blocs;
  std::vector<FactionPlan> factions;
  std::size_t leader = 0;                  // index into factions
  std::vector<InstrumentEffects> effects;  // per instrument
  std::vector<bool> additive;      // per instrument: levels of several blocs add up (capped at 1)
  std::vector<IssueInput> issues;  // every issue with every participating actor
  std::vector<IssueControl> control;  // per issue
  // Per issue: some bloc's condition reads it or it has effects of its own, so what the regime
  // receives depends on its policy there (else a move changes nothing it is paid).
  std::vector<bool> priced;
  std::vector<InstrumentEffects> issue_effects;      // per issue
  std::vector<std::vector<std::size_t>> tracked_by;  // per issue: instruments whose track it is
  std::vector<std::size_t> states;                   // actor indices of kind state (recognition)
  std::vector<std::size_t> recorded_tracks;          // issues whose agreement a run records
  std::vector<std::size_t> bloc_of;                  // per actor: bloc plan index, none if none
  std::size_t recognition_issue = none;              // the issues playing a role, if any
  std::size_t access_issue = none;
  std::size_t campaign_issue = none;
  int start_calendar = 0;  // calendar month (0-11) of month 0; 0 when the scenario is undated
  WorldInputs inputs;
  double revenue_start = 0;  // the scenario's revenue, USD bn a year
  double base_revenue = 0;   // revenue with no instrument applied (calibrated)
  double food_baseline = 0;  // acute food insecure at the start, millions
  // Acute food insecurity with no aid and no economy, per million of population: calibrated so
  // that the blocs' baselines hold the starting figure steady.
  double food_without_relief = 0;
  double population = 1;  // at the start, millions
  double attacks_per_strength = 0;
  double cohesion_start = 1;
};

struct EngagementState {
  int month = 0;
  std::vector<double> policy;            // the regime's position per issue
  std::vector<double> track_progress;    // per issue, agreement at 1
  std::vector<int> agreement_month;      // per issue, -1 before agreement
  std::vector<double> agreed_outcome;    // per issue: the agreed terms (regime-decided issues)
  std::vector<std::size_t> agreed_with;  // per issue: the bloc it agreed with, none before
  std::vector<double> recognition;       // per actor (states only), 0-1
  std::vector<bool> talks;               // per bloc plan: the regime takes part this month
  double talks_share = 0;                // capability share of blocs it talks with
  double cohesion = 1;
  double respect = 0;
  double revenue = 0;
  double revenue_shift = 0;  // accumulated timeline changes to revenue, USD bn a year
  double spoiler = 0;
  double attacks = 0;
  double food_insecure = 0;
  double population = 0;
  double defections = 0;
};

// The world of a run of `months` months under `strategy_id` ("" for every bloc's baseline).
// Throws std::invalid_argument for an unknown strategy or a scenario without a regime.
World build_world(const Scenario& scenario, const std::string& strategy_id, int months);

// The issues a run records agreement on: every issue a strategy or bloc baseline lists among its
// tracks that the regime decides or that needs an agreement, in scenario order. The same under
// every strategy, so that every run of a comparison records the same series.
std::vector<std::size_t> recorded_tracks(const Scenario& scenario);

// The states that act as blocs of their own: named by a strategy's policies or by a timeline
// policy entry, in scenario order. The same under every strategy.
std::vector<std::size_t> independent_states(const Scenario& scenario);

// The bloc plans' ids in order (the scenario's blocs, then the independent states): the
// talks:<id> series.
std::vector<std::string> bloc_plan_ids(const Scenario& scenario);

// The bloc's stance in `month`: its policy's, overridden by its timeline entries in force.
Stance stance_of(const BlocPlan& bloc, int month);

// The share of acute food insecurity relieved by aid (through access, with diminishing returns:
// 1 - exp(-sum of food_security effects)) and by the economy.
double food_relief(const World& world, const EngagementState& state, double food_security_effect,
                   double revenue);
EngagementState initial_state(const World& world);

// The regime's policy on `issue` as a share of its scale; `absent` when issue is `none`.
double policy_share(const World& world, const EngagementState& state, std::size_t issue,
                    double absent);

}  // namespace parley::detail
