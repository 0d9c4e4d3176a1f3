// Internal: the regime's decisions each month (docs/engagement.md, "The regime decides" and
// "Talks"): its policy on every issue it controls, and whether it takes part in each bloc's talks.
#pragma once

#include "engagement/instruments.hpp"
#include "engagement/world.hpp"
#include "parley/models.hpp"

namespace parley::detail {

struct RegimeMove {
  double dissent_added = 0;  // increase in internal dissent caused by this month's moves
};

// Moves state.policy on every issue the regime decides toward its factions' bargained target.
RegimeMove regime_decides(const World& world, EngagementState& state, const PerIssueModel& engine,
                          double public_conditionality_share);

// Sets state.talks (per bloc: does the regime take part in its talks this month) and
// state.talks_share (capability share of the blocs it talks with).
void regime_chooses_talks(const World& world, EngagementState& state);

// Internal dissent at `position` on `issue`: capability x salience weighted mean squared
// distance of the factions' ideal points, on the issue's scale normalised to 0-1.
double internal_dissent(const World& world, std::size_t issue, double position);

}  // namespace parley::detail
