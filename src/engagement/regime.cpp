#include "engagement/regime.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace parley::detail {
namespace {

constexpr int candidate_count = 21;  // positions each faction considers on an issue's scale

struct FactionView {
  double ideal = 0;
  double salience = 0;  // 0-1
};

// The factions' ideal points and saliences on one issue (0 where a faction takes no part).
std::vector<FactionView> faction_views(const World& w, std::size_t issue) {
  const IssueInput& in = w.issues[issue];
  std::vector<FactionView> views(w.factions.size());
  for (std::size_t f = 0; f < w.factions.size(); ++f) {
    auto it = std::find(in.actors.begin(), in.actors.end(), w.factions[f].actor);
    if (it == in.actors.end()) {
      views[f] = {in.status_quo, 0.0};
    } else {
      const std::size_t k = static_cast<std::size_t>(it - in.actors.begin());
      views[f] = {in.position[k], in.salience[k]};
    }
  }
  return views;
}

double range_of(const IssueInput& in) { return in.scale_max - in.scale_min; }

struct Payoff {
  double revenue = 0;
  double recognition = 0;
};

// What the regime would receive if its policy on `issue` were `position`: the instruments the
// blocs would then set, and what the policy itself brings in (issue effects).
Payoff payoff_at(const World& w, const EngagementState& state, std::size_t issue, double position,
                 Levels& scratch) {
  const Hypothesis hypothesis{issue, position};
  instrument_levels(w, state, scratch, hypothesis);
  return {total_effects(w, scratch.overall).revenue + policy_effects(w, state, hypothesis).revenue,
          recognition_index(w, state, scratch)};
}

double dissent_among(const World& w, const std::vector<FactionView>& views, double range,
                     double position) {
  double weighted = 0, total = 0;
  for (std::size_t f = 0; f < w.factions.size(); ++f) {
    const double d = (position - views[f].ideal) / range;
    weighted += w.factions[f].capability * views[f].salience * d * d;
    total += w.factions[f].capability;
  }
  return total > 0 ? weighted / total : 0.0;
}

// How far `position` strays from the terms agreed on `issue`, weighted by the partner's share:
// 0 where nothing was agreed.
double deal_strain(const World& w, const EngagementState& state, std::size_t issue,
                   double position) {
  const std::size_t b = state.agreed_with[issue];
  if (b == none) return 0.0;
  const double d = (position - state.agreed_outcome[issue]) / range_of(w.issues[issue]);
  return w.blocs[b].share * d * d;
}

}  // namespace

double internal_dissent(const World& w, std::size_t issue, double position) {
  return dissent_among(w, faction_views(w, issue), range_of(w.issues[issue]), position);
}

RegimeMove regime_decides(const World& w, EngagementState& state, const PerIssueModel& engine,
                          double public_conditionality_share) {
  const EngagementParameters& k = w.k;
  RegimeMove move;
  const double disrespect = 1.0 - state.respect;
  const double defiance = 1.0 + k.defiance_sensitivity * disrespect;
  const double yielding = 1.0 + k.yielding_cost * public_conditionality_share;
  // Money counts by the log of revenue: a change in proportion to what the regime has, worth the
  // same either way (a floor keeps a penniless regime finite).
  const double floor = 0.05 * w.revenue_start;
  Levels scratch;
  for (std::size_t i = 0; i < w.issues.size(); ++i) {
    if (w.control[i] != IssueControl::regime || w.factions.empty()) continue;
    const IssueInput& in = w.issues[i];
    const auto views = faction_views(w, i);
    const double range = range_of(in);
    const double current = state.policy[i];
    const Payoff now = payoff_at(w, state, i, current, scratch);

    // The current policy first, so that a faction indifferent between options stays put.
    std::vector<double> candidates{current};
    for (int c = 0; c < candidate_count; ++c) {
      candidates.push_back(in.scale_min + range * c / (candidate_count - 1));
    }
    std::vector<Payoff> payoffs;
    std::vector<double> dissent, strain;
    for (double y : candidates) {
      // Where no condition reads the issue and it has no effects, every move pays the same.
      payoffs.push_back(w.priced[i] ? payoff_at(w, state, i, y, scratch) : now);
      dissent.push_back(dissent_among(w, views, range, y));
      strain.push_back(deal_strain(w, state, i, y));
    }
    const double dissent_now = dissent_among(w, views, range, current);
    std::vector<double> revenue_gain;  // log(revenue at y / revenue now)
    revenue_gain.reserve(payoffs.size());
    for (const Payoff& p : payoffs) {
      revenue_gain.push_back(std::log(std::max(floor, state.revenue - now.revenue + p.revenue)) -
                             std::log(std::max(floor, state.revenue)));
    }
    const double strain_now = deal_strain(w, state, i, current);

    IssueInput bargaining;
    bargaining.issue_id = in.issue_id;
    bargaining.scale_min = in.scale_min;
    bargaining.scale_max = in.scale_max;
    bargaining.status_quo = current;
    for (std::size_t f = 0; f < w.factions.size(); ++f) {
      const FactionPlan& faction = w.factions[f];
      const UtilityWeights& wt = faction.weights;
      double best_utility = -std::numeric_limits<double>::infinity(), best = current;
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        const double y = candidates[c];
        const double distance = (y - views[f].ideal) / range;
        const double utility =
            wt.revenue * k.revenue_value * revenue_gain[c] +
            wt.recognition * k.recognition_value * (payoffs[c].recognition - now.recognition) -
            wt.ideology * defiance * views[f].salience * distance * distance -
            wt.cohesion * k.concession_cohesion_cost * yielding * (dissent[c] - dissent_now) -
            (wt.revenue + wt.recognition) * k.agreement_value * (strain[c] - strain_now);
        // Strictly better only: on a tie the faction keeps the current policy.
        if (utility > best_utility + 1e-12) {
          best_utility = utility;
          best = y;
        }
      }
      // Lost respect strengthens the factions that weigh cohesion and ideology most.
      const double hardness = wt.cohesion + wt.ideology;
      bargaining.actors.push_back(faction.actor);
      bargaining.capability.push_back(faction.capability *
                                      (faction.leader ? k.leader_weight : 1.0) *
                                      (1.0 + k.defiance_sensitivity * disrespect * hardness));
      bargaining.position.push_back(best);
      bargaining.salience.push_back(std::max(views[f].salience, 1e-6));
    }
    // Factions that all want the same point need no bargaining.
    const bool agreed = std::all_of(bargaining.position.begin(), bargaining.position.end(),
                                    [&](double x) { return x == bargaining.position.front(); });
    const double target =
        agreed ? bargaining.position.front() : engine.forecast_issue(bargaining, nullptr).outcome;
    // Once within half a percent of the scale the step completes: a regime that has decided to
    // meet a benchmark meets it, rather than approaching it forever.
    double next = current + k.adjustment_speed * (target - current);
    if (std::abs(target - next) < 0.005 * range) next = target;
    move.dissent_added +=
        std::max(0.0, dissent_among(w, views, range, next) - dissent_now) * yielding;
    state.policy[i] = next;
  }
  return move;
}

void regime_chooses_talks(const World& w, EngagementState& state) {
  const EngagementParameters& k = w.k;
  state.talks_share = 0;
  if (w.factions.empty()) {
    state.talks.assign(w.blocs.size(), false);
    return;
  }
  // The leadership decides: being received as a government is worth what revenue and
  // recognition are worth to it; the price, raised by public conditions and lost respect, is
  // paid in cohesion and ideological standing.
  const UtilityWeights& wt = w.factions[w.leader].weights;
  const double defiance = 1.0 + k.defiance_sensitivity * (1.0 - state.respect);
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    const Stance stance = stance_of(w.blocs[b], state.month);
    const double conditions = stance.public_conditionality ? 1.0 : 0.0;
    const double value = (wt.revenue + wt.recognition) * k.talks_value -
                         (wt.ideology + wt.cohesion) * k.talks_cost *
                             (1.0 + k.yielding_cost * conditions) * defiance;
    state.talks[b] = stance.dialogue && value > 0;
    if (state.talks[b]) state.talks_share += w.blocs[b].share;
  }
}

}  // namespace parley::detail
