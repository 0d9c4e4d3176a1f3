// Internal: which instrument levels the blocs set this month, and what they add up to.
#pragma once

#include <vector>

#include "engagement/world.hpp"

namespace parley::detail {

struct Levels {
  std::vector<std::vector<double>> by_bloc;  // [bloc][instrument], 0-1
  // [instrument]: the sum of the controlling blocs' levels (capped at 1) for funding instruments,
  // the highest level any controlling bloc sets for restrictions and recognition.
  std::vector<double> overall;
  // [bloc]: its policy this month names an instrument with a recognition effect.
  std::vector<bool> sets_recognition;
};

// A hypothetical regime position on one issue, for "what if we conceded" evaluations.
struct Hypothesis {
  std::size_t issue = none;
  double position = 0;
};

bool condition_holds(const EngagementState& state, const CompiledCondition& condition,
                     const Hypothesis& hypothesis = {});

// True when every condition the bloc attaches to a political issue holds; false when it has none.
bool benchmarks_met(const EngagementState& state, const BlocPlan& bloc);

// Fills `levels` (reusing its storage) with what every bloc sets given `state`: its policy's
// levels, then its timeline entries in force this month, then its conditions.
void instrument_levels(const World& world, const EngagementState& state, Levels& levels,
                       const Hypothesis& hypothesis = {});
Levels instrument_levels(const World& world, const EngagementState& state);

// Channel sums over all instruments: sum_k level_k * effect_k.
InstrumentEffects total_effects(const World& world, const std::vector<double>& levels);

// Channel sums of the regime's policies: sum_i (share_i - status quo share_i) * effect_i, with
// issue `hypothesis.issue` at `hypothesis.position`.
InstrumentEffects policy_effects(const World& world, const EngagementState& state,
                                 const Hypothesis& hypothesis = {});

// Capability-weighted mean recognition target over the states; and each state's target.
double recognition_index(const World& world, const EngagementState& state, const Levels& levels);
double recognition_target(const World& world, const EngagementState& state, const Levels& levels,
                          std::size_t actor);

// The recognition issue read from the states' recognition, on its scale.
double recognition_on_scale(const World& world, const EngagementState& state);

}  // namespace parley::detail
