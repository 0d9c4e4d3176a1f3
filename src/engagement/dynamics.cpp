#include "engagement/dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "engagement/instruments.hpp"
#include "engagement/regime.hpp"

namespace parley::detail {
namespace {

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

struct BlocStance {
  double dialogue = 0;               // share of blocs (by capability) holding dialogue
  double public_conditionality = 0;  // share attaching public conditions
};

BlocStance stance(const World& w) {
  BlocStance s;
  for (const BlocPlan& b : w.blocs) {
    s.dialogue += b.share * (b.policy.dialogue ? 1 : 0);
    s.public_conditionality += b.share * (b.policy.public_conditionality ? 1 : 0);
  }
  return s;
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

// Under bundled linkage a bloc negotiates its technical tracks as one package: the outcome of
// track `issue` is the exchange model's (votes traded across the package's issues,
// docs/models/exchange.md) among the same actors as negotiated_outcome. A package of one issue
// has nothing to trade: the engine's outcome.
double bundled_outcome(const World& w, std::size_t issue, const BlocPlan& bloc,
                       const PerIssueModel& engine) {
  const Scenario& s = *w.scenario;
  std::vector<std::size_t> package;
  for (std::size_t i : bloc.tracks) {
    if (!w.political[i]) package.push_back(i);
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
  // `issue` is one of the bloc's technical tracks, so it is in the package.
  const auto at = std::find(package.begin(), package.end(), issue);
  return f.issues[static_cast<std::size_t>(at - package.begin())].outcome;
}

void advance_tracks(const World& w, EngagementState& state, const Levels& levels,
                    const PerIssueModel& engine) {
  const EngagementParameters& k = w.k;
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    const BlocPlan& bloc = w.blocs[b];
    const InstrumentEffects own = total_effects(w, levels.by_bloc[b]);
    const bool engaged = bloc.policy.dialogue || own.track_progress > 0;
    if (!engaged) continue;
    const double gate = bloc.policy.linkage == Linkage::piecemeal || benchmarks_met(state, bloc)
                            ? 1.0
                            : k.bundled_track_share;
    const double rate = k.track_rate * bloc.share * (bloc.policy.dialogue ? 1.0 : 0.5) *
                        (0.5 + 0.5 * state.respect) * gate * (1.0 + own.track_progress);
    for (std::size_t i : bloc.tracks) {
      if (state.agreement_month[i] >= 0 || w.political[i]) continue;
      state.track_progress[i] = std::min(1.0, state.track_progress[i] + rate);
      if (state.track_progress[i] >= 1.0) {
        state.agreement_month[i] = state.month;
        state.policy[i] = bloc.policy.linkage == Linkage::bundled
                              ? bundled_outcome(w, i, bloc, engine)
                              : negotiated_outcome(w, i, bloc, engine);
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

}  // namespace

double policy_share(const World& w, const EngagementState& state, std::size_t issue,
                    double absent) {
  if (issue == SIZE_MAX) return absent;
  const IssueInput& in = w.issues[issue];
  return clamp01((state.policy[issue] - in.scale_min) / (in.scale_max - in.scale_min));
}

double food_relief(const World& w, const EngagementState& state, double food_security_effect,
                   double revenue) {
  const double access = policy_share(w, state, w.humanitarian_access, 1.0);
  return clamp01(std::min(1.0, food_security_effect) * access +
                 w.k.economy_food_relief * std::min(1.0, revenue / w.k.revenue_need_usd_bn));
}

void step_month(const World& w, EngagementState& state, const PerIssueModel& engine,
                RandomStream& shocks) {
  const EngagementParameters& k = w.k;
  const double food_shock = shocks.normal();
  const double attack_shock = shocks.normal();
  ++state.month;

  // 1. The blocs set their instruments, reacting to what they saw last month.
  const Levels levels = instrument_levels(w, state);
  const InstrumentEffects effects = total_effects(w, levels.overall);
  const BlocStance blocs = stance(w);

  // 2. Respect: dialogue builds it; isolation and public conditions erode it.
  state.respect =
      clamp01(state.respect + effects.respect + k.respect_gain_dialogue * blocs.dialogue -
              k.respect_loss_isolation * (1.0 - blocs.dialogue) -
              k.respect_loss_conditionality * blocs.public_conditionality);

  // 3. Revenue and the regime's internal bargaining over the political issues.
  state.revenue = std::max(0.0, w.base_revenue + effects.revenue);
  const RegimeMove move = regime_decides(w, state, engine, blocs.public_conditionality);

  // 4. Technical tracks, each negotiated alone (piecemeal) or gated by the benchmarks (bundled).
  advance_tracks(w, state, levels, engine);

  // 5. Cohesion and defections.
  const double shortfall = std::max(0.0, 1.0 - state.revenue / k.revenue_need_usd_bn);
  state.cohesion = clamp01(state.cohesion + k.cohesion_recovery * (1.0 - state.cohesion) -
                           k.concession_cohesion_cost * move.dissent_added -
                           k.revenue_stress * shortfall + effects.cohesion);
  state.defections = k.defection_rate * std::max(0.0, k.defection_threshold - state.cohesion);

  // 6. The spoiler grows from defectors and grievance, shrinks under counter-terrorism.
  const Scenario& s = *w.scenario;
  const double recruitment = s.spoiler ? s.spoiler->recruitment_from_defection : 0.0;
  const double ct_policy = policy_share(w, state, w.counter_terrorism, 0.5);
  const double hunger = w.population > 0 ? state.food_insecure / w.population : 0.0;
  state.spoiler = clamp01(state.spoiler + recruitment * state.defections +
                          k.grievance_recruitment * hunger * (1.0 - state.spoiler) -
                          state.spoiler * (k.regime_ct_attrition * state.cohesion * ct_policy +
                                           k.partner_ct_attrition * effects.spoiler_attrition));
  state.attacks =
      w.attacks_per_strength * state.spoiler *
      std::exp(k.attack_noise_sd * attack_shock - 0.5 * k.attack_noise_sd * k.attack_noise_sd);

  // 7. Acute food insecurity moves toward what aid (through access) and the economy leave.
  const double relief = food_relief(w, state, effects.food_security, state.revenue);
  const double target = w.food_without_relief * (1.0 - relief);
  state.food_insecure =
      std::clamp(state.food_insecure + (target - state.food_insecure) / k.food_adjust_months +
                     state.food_insecure * k.food_shock_sd * food_shock,
                 0.0, w.population);

  // 8. Political issues decided by instruments read as the instruments' levels on the scale.
  for (std::size_t i = 0; i < w.issues.size(); ++i) {
    if (w.tracked_by[i].empty() || s.issues[i].kind != IssueKind::political) continue;
    double level = 0;
    for (std::size_t k : w.tracked_by[i])
      level += openness(s.instruments[k].kind, levels.overall[k]);
    level /= static_cast<double>(w.tracked_by[i].size());
    state.policy[i] =
        w.issues[i].scale_min + level * (w.issues[i].scale_max - w.issues[i].scale_min);
  }

  // 9. Recognition by each state moves toward what its bloc's policy offers.
  for (std::size_t a : w.states) {
    const double goal = recognition_target(w, state, levels, a);
    state.recognition[a] += k.recognition_speed * (goal - state.recognition[a]);
  }
}

}  // namespace parley::detail
