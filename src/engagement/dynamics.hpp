// Internal: one month of the engagement dynamics (docs/engagement.md).
#pragma once

#include "engagement/world.hpp"
#include "parley/models.hpp"

namespace parley::detail {

// Advances `state` by one month. Draws exactly two normals from `shocks`, whatever the strategy,
// so that every strategy sees the same shocks in the same month (common random numbers).
void step_month(const World& world, EngagementState& state, const PerIssueModel& engine,
                RandomStream& shocks);

// Sets the issues the outsiders decide from what they do in `state` (for month 0).
void settle_outsiders(const World& world, EngagementState& state);

}  // namespace parley::detail
