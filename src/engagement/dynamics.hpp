// Internal: one month of the engagement dynamics (docs/engagement.md).
#pragma once

#include "engagement/world.hpp"
#include "parley/models.hpp"

namespace parley::detail {

// Advances `state` by one month. Draws exactly two normals from `shocks`, whatever the strategy,
// so that every strategy sees the same shocks in the same month (common random numbers).
void step_month(const World& world, EngagementState& state, const PerIssueModel& engine,
                RandomStream& shocks);

// The regime's policy on `issue` as a share of its scale; `absent` when the scenario lacks it.
double policy_share(const World& world, const EngagementState& state, std::size_t issue,
                    double absent);

}  // namespace parley::detail
