// Internal: the regime's factions bargain over each political issue, external inducements and
// respect entering their utilities (docs/engagement.md, "The regime decides").
#pragma once

#include "engagement/instruments.hpp"
#include "engagement/world.hpp"
#include "parley/models.hpp"

namespace parley::detail {

struct RegimeMove {
  double dissent_added = 0;  // increase in internal dissent caused by this month's moves
};

// Moves state.policy on every political issue toward the factions' bargained target.
RegimeMove regime_decides(const World& world, EngagementState& state, const PerIssueModel& engine,
                          double public_conditionality_share);

// Internal dissent at `position` on `issue`: capability x salience weighted mean squared
// distance of the factions' ideal points, on the issue's scale normalised to 0-1.
double internal_dissent(const World& world, std::size_t issue, double position);

}  // namespace parley::detail
