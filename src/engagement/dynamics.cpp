#include "engagement/dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "engagement/instruments.hpp"
#include "engagement/regime.hpp"

namespace parley::detail {
namespace {

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

struct BlocStance {
  double dialogue_offered = 0;       // share of blocs (by capability) offering dialogue
  double public_conditionality = 0;  // share attaching public conditions
};

BlocStance stance(const World& w, int month) {
  BlocStance s;
  for (const BlocPlan& b : w.blocs) {
    const Stance now = stance_of(b, month);
    s.dialogue_offered += b.share * (now.dialogue ? 1 : 0);
    s.public_conditionality += b.share * (now.public_conditionality ? 1 : 0);
  }
  return s;
}

// A track can be negotiated when the regime decides the issue or it needs an agreement.
bool negotiable(const World& w, std::size_t issue) {
  return w.control[issue] != IssueControl::outsiders;
}

// Who negotiates a bloc's tracks: the regime's factions and the bloc's members.
bool at_the_table(const World& w, const BlocPlan& bloc, std::size_t actor) {
  return std::any_of(w.factions.begin(), w.factions.end(),
                     [&](const FactionPlan& f) { return f.actor == actor; }) ||
         std::find(bloc.members.begin(), bloc.members.end(), actor) != bloc.members.end();
}

// The bargained outcome of a track between the regime's factions and the bloc's members.
double negotiated_outcome(const World& w, std::size_t issue, const BlocPlan& bloc,
                          const PerIssueModel& engine) {
  const IssueInput& in = w.issues[issue];
  IssueInput table;
  table.issue_id = in.issue_id;
  table.scale_min = in.scale_min;
  table.scale_max = in.scale_max;
  table.status_quo = in.status_quo;
  for (std::size_t k = 0; k < in.actors.size(); ++k) {
    const std::size_t actor = in.actors[k];
    if (!at_the_table(w, bloc, actor)) continue;
    table.actors.push_back(actor);
    table.capability.push_back(in.capability[k]);
    table.position.push_back(in.position[k]);
    table.salience.push_back(in.salience[k]);
  }
  return engine.forecast_issue(table, nullptr).outcome;
}

// Under bundled linkage a bloc negotiates its tracks as one package: the outcome of track `issue`
// is the exchange model's (votes traded across the package's issues, docs/models/exchange.md)
// among the same actors as negotiated_outcome. A package of one issue has nothing to trade: the
// engine's outcome.
double bundled_outcome(const World& w, std::size_t issue, const BlocPlan& bloc,
                       const PerIssueModel& engine) {
  const Scenario& s = *w.scenario;
  std::vector<std::size_t> package;
  for (std::size_t i : bloc.tracks) {
    if (negotiable(w, i)) package.push_back(i);
  }
  if (package.size() < 2) return negotiated_outcome(w, issue, bloc, engine);
  Scenario deal;
  deal.meta.name = "package";
  for (std::size_t i : package) deal.issues.push_back(s.issues[i]);
  const IssueInput& in = w.issues[issue];
  for (std::size_t actor : in.actors) {
    if (!at_the_table(w, bloc, actor)) continue;
    const Actor& source = s.actors[actor];
    Actor a;
    a.id = source.id;
    a.capability = source.capability;
    for (const Issue& i : deal.issues) {
      auto x = source.positions.find(i.id);
      auto sal = source.salience.find(i.id);
      if (x == source.positions.end() || sal == source.salience.end()) continue;
      a.positions[i.id] = x->second;
      a.salience[i.id] = sal->second;
    }
    deal.actors.push_back(std::move(a));
  }
  const Forecast f = make_model("exchange")->forecast(deal);
  // `issue` is one of the bloc's negotiable tracks, so it is in the package.
  const auto at = std::find(package.begin(), package.end(), issue);
  return f.issues[static_cast<std::size_t>(at - package.begin())].outcome;
}

// Tracks advance only with blocs whose talks the regime attends. On agreement an issue that
// needs one takes the agreed outcome; on an issue the regime decides, the terms enter its
// factions' utilities from the next month (regime.cpp, deal_strain).
void advance_tracks(const World& w, EngagementState& state, const Levels& levels,
                    const PerIssueModel& engine) {
  const EngagementParameters& k = w.k;
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    const BlocPlan& bloc = w.blocs[b];
    if (!state.talks[b]) continue;
    const InstrumentEffects own = total_effects(w, levels.by_bloc[b]);
    const double gate = bloc.policy.linkage == Linkage::piecemeal || benchmarks_met(state, bloc)
                            ? 1.0
                            : k.bundled_track_share;
    const double rate =
        k.track_rate * bloc.share * (0.5 + 0.5 * state.respect) * gate * (1.0 + own.track_progress);
    for (std::size_t i : bloc.tracks) {
      if (state.agreement_month[i] >= 0 || !negotiable(w, i)) continue;
      state.track_progress[i] = std::min(1.0, state.track_progress[i] + rate);
      if (state.track_progress[i] < 1.0) continue;
      state.agreement_month[i] = state.month;
      const double outcome = bloc.policy.linkage == Linkage::bundled
                                 ? bundled_outcome(w, i, bloc, engine)
                                 : negotiated_outcome(w, i, bloc, engine);
      if (w.control[i] == IssueControl::agreement) {
        state.policy[i] = outcome;
      } else {
        state.agreed_outcome[i] = outcome;
        state.agreed_with[i] = b;
      }
    }
  }
}

// How far an instrument at `level` goes toward the high end of the issue it tracks: restrictive
// instruments (sanctions, frozen assets) open the issue as they are lifted.
double openness(InstrumentKind kind, double level) {
  const bool restrictive =
      kind == InstrumentKind::sanctions || kind == InstrumentKind::frozen_assets;
  return restrictive ? 1.0 - level : level;
}

// Issues the outsiders decide read as what they do: the recognition issue as the states'
// recognition, any other as the mean openness of the instruments that track it.
void outsiders_decide(const World& w, EngagementState& state, const Levels& levels) {
  const Scenario& s = *w.scenario;
  for (std::size_t i = 0; i < w.issues.size(); ++i) {
    if (w.control[i] != IssueControl::outsiders) continue;
    if (i == w.recognition_issue) {
      state.policy[i] = recognition_on_scale(w, state);
      continue;
    }
    if (w.tracked_by[i].empty()) continue;  // validation requires an instrument; keep the policy
    double level = 0;
    for (std::size_t k : w.tracked_by[i]) {
      level += openness(s.instruments[k].kind, levels.overall[k]);
    }
    level /= static_cast<double>(w.tracked_by[i].size());
    state.policy[i] =
        w.issues[i].scale_min + level * (w.issues[i].scale_max - w.issues[i].scale_min);
  }
}

void update_recognition(const World& w, EngagementState& state, const Levels& levels) {
  for (std::size_t a : w.states) {
    const double goal = recognition_target(w, state, levels, a);
    double& g = state.recognition[a];
    g += w.k.recognition_speed * (goal - g);
    // A step decided is a step taken: close the last small gap, as the regime's policy does.
    if (std::abs(goal - g) < 0.005) g = goal;
  }
}

}  // namespace

void step_month(const World& w, EngagementState& state, const PerIssueModel& engine,
                RandomStream& shocks) {
  const EngagementParameters& k = w.k;
  const double food_shock = shocks.normal();
  const double attack_shock = shocks.normal();
  ++state.month;
  const auto& change = w.inputs.changes[static_cast<std::size_t>(state.month - 1)];
  const auto calendar = static_cast<std::size_t>((w.start_calendar + state.month) % 12);

  // 1. The blocs set their instruments, reacting to what they saw last month; the regime
  // decides whose talks it attends.
  const Levels levels = instrument_levels(w, state);
  const InstrumentEffects effects = total_effects(w, levels.overall);
  const BlocStance blocs = stance(w, state.month);
  regime_chooses_talks(w, state);

  // 2. Respect: talks held build it; refused dialogue and public conditions erode it.
  state.respect = clamp01(state.respect + effects.respect + policy_effects(w, state).respect +
                          k.respect_gain_dialogue * state.talks_share -
                          k.respect_loss_isolation * (1.0 - blocs.dialogue_offered) -
                          k.respect_loss_conditionality * blocs.public_conditionality +
                          change[WorldInputs::respect]);

  // 3. Revenue, then the regime decides every issue it controls.
  state.revenue_shift += change[WorldInputs::revenue];
  auto revenue_now = [&] {
    return std::max(0.0, w.base_revenue + state.revenue_shift + effects.revenue +
                             policy_effects(w, state).revenue);
  };
  state.revenue = revenue_now();
  const RegimeMove move = regime_decides(w, state, engine, blocs.public_conditionality);
  state.revenue = revenue_now();  // the month's moves bring in or cost revenue at once

  // 4. Tracks with the blocs it talks with.
  advance_tracks(w, state, levels, engine);

  // 5. Cohesion returns toward its starting level; concessions against the factions, lost
  // revenue and outside pressure pull it down. Defections rise as it falls.
  const InstrumentEffects policies = policy_effects(w, state);
  const double revenue_change =
      std::log(std::max(state.revenue, 0.05 * w.revenue_start) / w.revenue_start);
  state.cohesion =
      clamp01(state.cohesion + k.cohesion_recovery * (w.cohesion_start - state.cohesion) -
              k.concession_cohesion_cost * move.dissent_added + k.revenue_stress * revenue_change +
              effects.cohesion + policies.cohesion + change[WorldInputs::cohesion]);
  state.defections = k.defection_rate * (1.0 - state.cohesion) * (1.0 - state.cohesion);

  // 6. The spoiler grows from defectors and grievance, shrinks under the regime's own campaign
  // and its partners' counter-terrorism.
  const Scenario& s = *w.scenario;
  const double recruitment = s.spoiler ? s.spoiler->recruitment_from_defection : 0.0;
  const double campaign = policy_share(w, state, w.campaign_issue, 0.5);
  const double hunger = state.population > 0 ? state.food_insecure / state.population : 0.0;
  state.spoiler = clamp01(state.spoiler + recruitment * state.defections +
                          k.grievance_recruitment * hunger * (1.0 - state.spoiler) -
                          state.spoiler * (k.regime_ct_attrition * state.cohesion * campaign +
                                           k.partner_ct_attrition * effects.spoiler_attrition) +
                          change[WorldInputs::spoiler]);
  state.attacks =
      w.attacks_per_strength * state.spoiler * w.inputs.attacks_season[calendar] *
      std::exp(k.attack_noise_sd * attack_shock - 0.5 * k.attack_noise_sd * k.attack_noise_sd);

  // 7. People: returnees and other flows; acute food insecurity moves toward what aid (through
  // access), the economy and the season leave.
  state.population = std::max(1e-6, state.population + change[WorldInputs::population]);
  const double relief =
      food_relief(w, state, effects.food_security + policies.food_security, state.revenue);
  const double target =
      w.food_without_relief * state.population * (1.0 - relief) * w.inputs.food_season[calendar];
  state.food_insecure =
      std::clamp(state.food_insecure + (target - state.food_insecure) / k.food_adjust_months +
                     state.food_insecure * k.food_shock_sd * food_shock + change[WorldInputs::food],
                 0.0, state.population);

  // 8. Recognition by each state moves toward what its policy offers; the issues the outsiders
  // decide read what they now do.
  update_recognition(w, state, levels);
  outsiders_decide(w, state, levels);
}

void settle_outsiders(const World& w, EngagementState& state) {
  outsiders_decide(w, state, instrument_levels(w, state));
}

}  // namespace parley::detail
