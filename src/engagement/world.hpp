// Internal: the fixed part of one engagement run (scenario resolved against a strategy) and the
// state that evolves month by month.
#pragma once

#include <string>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley::detail {

// Per instrument, the sum of each effect channel at full level.
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
  enum class Subject { issue, cohesion, revenue, spoiler, attacks, food, month };
  Subject subject = Subject::issue;
  std::size_t issue = 0;      // when subject == issue
  bool on_political = false;  // a benchmark: a condition on a political issue
  enum class Op { less, less_equal, greater, greater_equal, equal };
  Op op = Op::greater_equal;  // resolved once: conditions are tested thousands of times a run
  double threshold = 0;
  std::vector<std::pair<std::size_t, double>> set;  // instrument index, level
};

struct BlocPlan {
  std::string id;
  BlocPolicy policy;                // the strategy's, the bloc's baseline, or the default
  std::vector<double> base_levels;  // per instrument, before conditions
  std::vector<CompiledCondition> conditions;
  bool sets_recognition = false;     // the policy names an instrument with a recognition effect
  std::vector<std::size_t> tracks;   // issue indices
  double share = 0;                  // the bloc's share of all bloc members' capability
  std::vector<std::size_t> members;  // actor indices
  std::vector<bool> controls;        // per instrument: may this bloc set it?
};

struct FactionPlan {
  std::size_t actor = 0;
  double capability = 0;
  UtilityWeights weights;  // normalised to sum 1
  bool leader = false;
};

struct World {
  const Scenario* scenario = nullptr;
  EngagementParameters k{};
  std::vector<BlocPlan> blocs;
  std::vector<FactionPlan> factions;
  std::vector<InstrumentEffects> effects;  // per instrument
  std::vector<bool> additive;      // per instrument: levels of several blocs add up (capped at 1)
  std::vector<IssueInput> issues;  // every issue with every participating actor
  // Per issue: the regime decides it (a political issue no instrument tracks), so its factions
  // bargain over it; issues an instrument tracks (recognition, sanctions relief) are decided
  // by the outside actors who hold the instrument.
  std::vector<bool> political;
  std::vector<std::vector<std::size_t>> tracked_by;  // per issue: instruments whose track it is
  std::vector<std::size_t> states;                   // actor indices of kind state (recognition)
  std::vector<std::size_t> recorded_tracks;          // issues whose agreement a run records
  std::vector<std::size_t> bloc_of;                  // per actor: bloc index, SIZE_MAX when none
  std::size_t humanitarian_access = SIZE_MAX;        // issue index, if the scenario has one
  std::size_t counter_terrorism = SIZE_MAX;
  double base_revenue = 0;   // revenue with no instrument applied, USD bn per year (calibrated)
  double food_baseline = 0;  // acute food insecure at the start, millions
  // Acute food insecurity with no aid and no economy: calibrated so that the bloc baselines
  // hold the starting figure steady.
  double food_without_relief = 0;
  double population = 1;
  double attacks_per_strength = 0;
};

struct EngagementState {
  int month = 0;
  std::vector<double> policy;          // regime's position per issue
  std::vector<double> track_progress;  // per issue, agreement at 1
  std::vector<int> agreement_month;    // per issue, -1 before agreement
  std::vector<double> recognition;     // per actor (states only), 0-1
  double cohesion = 1;
  double respect = 0;
  double revenue = 0;
  double spoiler = 0;
  double attacks = 0;
  double food_insecure = 0;
  double defections = 0;
};

World build_world(const Scenario& scenario, const std::string& strategy_id);

// The issues a run records agreement on: every non-political issue that any strategy or bloc
// baseline lists among its tracks, in scenario order. The same under every strategy, so that
// every run of a comparison records the same series.
std::vector<std::size_t> recorded_tracks(const Scenario& scenario);

// The share of acute food insecurity relieved by aid (through access) and the economy.
double food_relief(const World& world, const EngagementState& state, double food_security_effect,
                   double revenue);
EngagementState initial_state(const World& world);

}  // namespace parley::detail
