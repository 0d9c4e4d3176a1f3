#include "engagement/world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engagement/instruments.hpp"

namespace parley::detail {
namespace {

UtilityWeights normalised(UtilityWeights w) {
  const double total = w.cohesion + w.ideology + w.revenue + w.recognition;
  if (total <= 0) return {};
  return {w.cohesion / total, w.ideology / total, w.revenue / total, w.recognition / total};
}

InstrumentEffects effects_of(const std::map<std::string, double>& effects) {
  InstrumentEffects e;
  auto get = [&](const char* channel) {
    auto it = effects.find(channel);
    return it == effects.end() ? 0.0 : it->second;
  };
  e.revenue = get("revenue");
  e.food_security = get("food_security");
  e.respect = get("respect");
  e.recognition = get("recognition");
  e.spoiler_attrition = get("spoiler_attrition");
  e.track_progress = get("track_progress");
  e.cohesion = get("cohesion");
  return e;
}

const Actor* state_actor(const Scenario& s, const std::string& id) {
  const Actor* actor = find_actor(s, id);
  return actor && actor->kind == ActorKind::state ? actor : nullptr;
}

// A bloc may set an instrument that it, or one of its members, controls; an instrument that
// names no controller may be set by any bloc. An independent state also controls what its own
// bloc controls.
std::vector<bool> controlled_instruments(const Scenario& s, const std::string& bloc_id,
                                         const std::vector<std::size_t>& members) {
  std::vector<bool> controls(s.instruments.size(), false);
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    const auto& by = s.instruments[k].controlled_by;
    controls[k] = by.empty() || std::any_of(by.begin(), by.end(), [&](const std::string& id) {
                    if (id == bloc_id) return true;
                    return std::any_of(members.begin(), members.end(), [&](std::size_t a) {
                      return s.actors[a].id == id || s.actors[a].bloc == id;
                    });
                  });
  }
  return controls;
}

// Funding instruments add up across blocs; restrictions and recognition take the strongest.
bool additive(InstrumentKind kind) {
  return kind == InstrumentKind::aid || kind == InstrumentKind::technical_assistance ||
         kind == InstrumentKind::ct_cooperation || kind == InstrumentKind::dialogue;
}

bool has_recognition_effect(const Scenario& s, const std::string& instrument) {
  const Instrument* in = find_instrument(s, instrument);
  if (!in) return false;
  const auto effect = in->effects.find("recognition");
  return effect != in->effects.end() && effect->second != 0;
}

CompiledCondition compile(const Scenario& s, const Condition& c) {
  using Subject = CompiledCondition::Subject;
  CompiledCondition out;
  using Op = CompiledCondition::Op;
  // Validation admits only these five operators.
  out.op = c.op == "<"    ? Op::less
           : c.op == "<=" ? Op::less_equal
           : c.op == ">"  ? Op::greater
           : c.op == ">=" ? Op::greater_equal
                          : Op::equal;
  out.threshold = c.threshold;
  const std::pair<const char*, Subject> indicators[] = {
      {"cohesion", Subject::cohesion},
      {"revenue_usd_bn", Subject::revenue},
      {"spoiler_strength", Subject::spoiler},
      {"attacks_per_month", Subject::attacks},
      {"acute_food_insecure_millions", Subject::food},
      {"month", Subject::month},
      {"respect", Subject::respect},
      {"talks", Subject::talks}};
  for (auto [name, subject] : indicators) {
    if (c.subject == name) out.subject = subject;
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].id == c.subject) {
      out.subject = Subject::issue;
      out.issue = i;
      out.on_political = s.issues[i].kind == IssueKind::political;
    }
  }
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    auto it = c.set.find(s.instruments[k].id);
    if (it != c.set.end()) out.set.emplace_back(k, it->second);
  }
  return out;
}

std::vector<std::pair<std::size_t, double>> instrument_levels_of(
    const Scenario& s, const std::map<std::string, double>& levels) {
  std::vector<std::pair<std::size_t, double>> out;
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    auto it = levels.find(s.instruments[k].id);
    if (it != levels.end()) out.emplace_back(k, it->second);
  }
  return out;
}

void compile_policy(const Scenario& s, BlocPlan& plan) {
  plan.base_levels.assign(s.instruments.size(), 0.0);
  for (const auto& [k, level] : instrument_levels_of(s, plan.policy.instruments)) {
    plan.base_levels[k] = level;
  }
  for (const auto& [id, level] : plan.policy.instruments) {
    if (has_recognition_effect(s, id)) plan.sets_recognition = true;
  }
  for (const Condition& c : plan.policy.conditions) {
    for (const auto& [id, level] : c.set) {
      if (has_recognition_effect(s, id)) plan.sets_recognition = true;
    }
    plan.conditions.push_back(compile(s, c));
  }
  for (const std::string& track : plan.policy.tracks) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].id == track) plan.tracks.push_back(i);
    }
  }
}

std::vector<std::size_t> bloc_members(const Scenario& s, const Bloc& bloc,
                                      const std::vector<std::size_t>& independent) {
  std::vector<std::size_t> members;
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (std::find(independent.begin(), independent.end(), a) != independent.end()) continue;
    const bool listed =
        std::find(bloc.members.begin(), bloc.members.end(), s.actors[a].id) != bloc.members.end();
    if (listed || s.actors[a].bloc == bloc.id) members.push_back(a);
  }
  return members;
}

// The bloc of actor `a` in the scenario (by membership or by its own bloc field), or nullptr.
const Bloc* scenario_bloc_of(const Scenario& s, std::size_t a) {
  for (const Bloc& bloc : s.blocs) {
    const bool listed =
        std::find(bloc.members.begin(), bloc.members.end(), s.actors[a].id) != bloc.members.end();
    if (listed || s.actors[a].bloc == bloc.id) return &bloc;
  }
  return nullptr;
}

// What a bloc does under `strategy`: its policy there, else its baseline, else the default.
// Returns whether the strategy named it.
bool policy_under(const Strategy* strategy, const std::string& id,
                  const std::optional<BlocPolicy>& baseline, BlocPolicy& policy) {
  if (strategy && strategy->policies.count(id)) {
    policy = strategy->policies.at(id);
    return true;
  }
  policy = baseline.value_or(BlocPolicy{});
  return false;
}

std::vector<BlocPlan> plan_blocs(const Scenario& s, const Strategy* strategy) {
  const std::vector<std::size_t> independent = independent_states(s);
  std::vector<BlocPlan> plans;
  for (const Bloc& bloc : s.blocs) {
    BlocPlan plan;
    plan.id = bloc.id;
    plan.from_strategy = policy_under(strategy, bloc.id, bloc.baseline, plan.policy);
    plan.members = bloc_members(s, bloc, independent);
    plans.push_back(std::move(plan));
  }
  for (std::size_t a : independent) {
    BlocPlan plan;
    plan.id = s.actors[a].id;
    plan.members = {a};
    // Unless a strategy gives the state a policy of its own, it follows its bloc's.
    const Bloc* bloc = scenario_bloc_of(s, a);
    std::optional<BlocPolicy> inherited = bloc ? bloc->baseline : std::nullopt;
    bool bloc_from_strategy = false;
    if (bloc && strategy && strategy->policies.count(bloc->id)) {
      inherited = strategy->policies.at(bloc->id);
      bloc_from_strategy = true;
    }
    plan.from_strategy =
        policy_under(strategy, plan.id, inherited, plan.policy) || bloc_from_strategy;
    plans.push_back(std::move(plan));
  }
  double total = 0;
  for (BlocPlan& plan : plans) {
    for (std::size_t a : plan.members) plan.share += s.actors[a].capability;
    total += plan.share;
    plan.controls = controlled_instruments(s, plan.id, plan.members);
    if (plan.members.size() == 1 && s.actors[plan.members[0]].kind == ActorKind::state) {
      const Bloc* bloc = scenario_bloc_of(s, plan.members[0]);
      if (bloc) {
        const auto own_bloc = controlled_instruments(s, bloc->id, {});
        for (std::size_t k = 0; k < plan.controls.size(); ++k) {
          plan.controls[k] = plan.controls[k] || own_bloc[k];
        }
      }
    }
    compile_policy(s, plan);
  }
  for (BlocPlan& plan : plans) {
    plan.share = total > 0 ? plan.share / total : 1.0 / static_cast<double>(plans.size());
  }
  // Timeline policy entries, for the blocs and states the strategy leaves to their baselines.
  for (const TimelineEntry& entry : s.timeline) {
    if (entry.kind != TimelineKind::policy) continue;
    for (BlocPlan& plan : plans) {
      if (plan.id != entry.actor || plan.from_strategy) continue;
      TimedLevels timed;
      timed.from = entry.from;
      timed.until = entry.until.value_or(INT32_MAX);
      timed.set = instrument_levels_of(s, entry.values);
      for (const auto& [id, level] : entry.values) {
        if (has_recognition_effect(s, id)) timed.sets_recognition = true;
      }
      timed.dialogue = entry.dialogue;
      timed.public_conditionality = entry.public_conditionality;
      plan.timeline.push_back(std::move(timed));
    }
  }
  return plans;
}

std::vector<FactionPlan> plan_factions(const Scenario& s, std::size_t& leader) {
  std::vector<FactionPlan> factions;
  leader = 0;
  if (!s.regime) return factions;
  for (const Faction& f : s.regime->factions) {
    const Actor* actor = find_actor(s, f.actor);
    FactionPlan plan;
    plan.actor = static_cast<std::size_t>(actor - s.actors.data());
    plan.capability = actor->capability;
    plan.weights = normalised(f.weights.value_or(s.regime->weights));
    plan.leader = f.actor == s.regime->leader;
    if (plan.leader) leader = factions.size();
    factions.push_back(plan);
  }
  return factions;
}

std::size_t issue_with_role(const Scenario& s, const char* role) {
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].role == role) return i;
  }
  return none;
}

WorldInputs compile_inputs(const Scenario& s, int months) {
  WorldInputs in;
  in.changes.assign(static_cast<std::size_t>(std::max(0, months)), {});
  in.food_season.fill(1.0);
  in.attacks_season.fill(1.0);
  auto variable = [](const std::string& name) {
    const std::pair<const char*, WorldInputs::Variable> names[] = {
        {"food_insecure_millions", WorldInputs::food},
        {"population_millions", WorldInputs::population},
        {"revenue_usd_bn", WorldInputs::revenue},
        {"spoiler_strength", WorldInputs::spoiler},
        {"cohesion", WorldInputs::cohesion},
        {"respect", WorldInputs::respect}};
    for (auto [n, v] : names) {
      if (name == n) return v;
    }
    return WorldInputs::count;  // validation admits only the names above
  };
  // Month m (1-based) is changes[m - 1]; an entry dated at or before month 0 acts from month 1.
  auto add = [&](int month, WorldInputs::Variable v, double amount) {
    const int at = std::max(month, 1);
    if (v == WorldInputs::count || at > months) return;
    in.changes[static_cast<std::size_t>(at - 1)][v] += amount;
  };
  for (const TimelineEntry& e : s.timeline) {
    switch (e.kind) {
      case TimelineKind::policy:
        break;
      case TimelineKind::shock:
        for (const auto& [name, amount] : e.values) add(e.from, variable(name), amount);
        break;
      case TimelineKind::flow:
      case TimelineKind::trend: {
        const int last = std::min(e.until.value_or(months), months);
        for (const auto& [name, amount] : e.values) {
          const double per_month = e.kind == TimelineKind::trend ? amount / 12.0 : amount;
          for (int m = std::max(e.from, 1); m <= last; ++m) add(m, variable(name), per_month);
        }
        break;
      }
      case TimelineKind::seasonal: {
        auto& season = e.variable == "attacks_per_month" ? in.attacks_season : in.food_season;
        for (std::size_t m = 0; m < 12 && m < e.profile.size(); ++m) season[m] *= e.profile[m];
        break;
      }
    }
  }
  return in;
}

// The starting revenue and food insecurity are what the blocs' baselines leave at month 0: solve
// for the levels with no instruments, so that baseline policies hold them and strategies move
// them.
void calibrate_to_baseline(World& w, const Scenario& s) {
  World baseline = w;
  baseline.blocs = plan_blocs(s, nullptr);  // same bloc order, so bloc_of still holds
  const EngagementState start = initial_state(baseline);
  const Levels levels = instrument_levels(baseline, start);
  const InstrumentEffects effects = total_effects(baseline, levels.overall);
  // The observed revenue already includes what the baseline instruments add or take away.
  w.base_revenue = w.revenue_start - effects.revenue;
  const double relief =
      std::min(0.9, food_relief(baseline, start, effects.food_security, w.revenue_start));
  const double season = w.inputs.food_season[static_cast<std::size_t>(w.start_calendar)];
  w.food_without_relief = w.food_baseline / (1.0 - relief) / season / w.population;
}

}  // namespace

std::vector<std::size_t> independent_states(const Scenario& s) {
  std::vector<bool> named(s.actors.size(), false);
  auto mark = [&](const std::string& id) {
    if (const Actor* actor = state_actor(s, id)) {
      named[static_cast<std::size_t>(actor - s.actors.data())] = true;
    }
  };
  for (const Strategy& strategy : s.strategies) {
    for (const auto& [id, policy] : strategy.policies) mark(id);
  }
  for (const TimelineEntry& e : s.timeline) {
    if (e.kind == TimelineKind::policy) mark(e.actor);
  }
  std::vector<std::size_t> states;
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (named[a]) states.push_back(a);
  }
  return states;
}

std::vector<std::string> bloc_plan_ids(const Scenario& s) {
  std::vector<std::string> ids;
  for (const Bloc& bloc : s.blocs) ids.push_back(bloc.id);
  for (std::size_t a : independent_states(s)) ids.push_back(s.actors[a].id);
  return ids;
}

std::vector<std::size_t> recorded_tracks(const Scenario& s) {
  std::vector<bool> listed(s.issues.size(), false);
  auto mark = [&](const BlocPolicy& policy) {
    for (const std::string& track : policy.tracks) {
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (s.issues[i].id == track && issue_control(s, s.issues[i]) != IssueControl::outsiders) {
          listed[i] = true;
        }
      }
    }
  };
  for (const Bloc& bloc : s.blocs) {
    if (bloc.baseline) mark(*bloc.baseline);
  }
  for (const Strategy& strategy : s.strategies) {
    for (const auto& [bloc, policy] : strategy.policies) mark(policy);
  }
  std::vector<std::size_t> tracks;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (listed[i]) tracks.push_back(i);
  }
  return tracks;
}

World build_world(const Scenario& s, const std::string& strategy_id, int months) {
  const Strategy* strategy = strategy_id.empty() ? nullptr : &require_strategy(s, strategy_id);
  if (!s.regime) {
    throw Error(ErrorId::request_no_regime, "the engagement simulation needs a regime: block");
  }
  World w;
  w.scenario = &s;
  w.k = engagement_parameters(s);
  w.blocs = plan_blocs(s, strategy);
  w.factions = plan_factions(s, w.leader);
  for (const Instrument& instrument : s.instruments) {
    w.effects.push_back(effects_of(instrument.effects));
    w.additive.push_back(additive(instrument.kind));
  }
  w.issues = issue_inputs(s);
  w.tracked_by.resize(s.issues.size());
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.instruments[k].track == s.issues[i].id) w.tracked_by[i].push_back(k);
    }
  }
  for (const Issue& issue : s.issues) {
    w.control.push_back(issue_control(s, issue));
    w.issue_effects.push_back(effects_of(issue.effects));
    w.priced.push_back(!issue.effects.empty());
  }
  for (const BlocPlan& plan : w.blocs) {
    for (const CompiledCondition& c : plan.conditions) {
      if (c.subject == CompiledCondition::Subject::issue) w.priced[c.issue] = true;
    }
  }
  w.bloc_of.assign(s.actors.size(), none);
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    for (std::size_t a : w.blocs[b].members) w.bloc_of[a] = b;
  }
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (s.actors[a].kind == ActorKind::state) w.states.push_back(a);
  }
  w.recorded_tracks = recorded_tracks(s);
  w.recognition_issue = issue_with_role(s, "recognition");
  w.access_issue = issue_with_role(s, "humanitarian_access");
  w.campaign_issue = issue_with_role(s, "spoiler_campaign");
  const int calendar = calendar_month(s.meta.as_of, 0);
  w.start_calendar = calendar > 0 ? calendar - 1 : 0;
  w.inputs = compile_inputs(s, months);
  w.revenue_start = s.regime->revenue_usd_bn.value_or(w.k.revenue_need_usd_bn);
  w.cohesion_start = s.regime->cohesion;
  if (s.population) {
    w.food_baseline = s.population->acute_food_insecure_millions;
    w.population = s.population->total_millions;
  }
  if (s.spoiler && s.spoiler->strength > 0) {
    w.attacks_per_strength = s.spoiler->attacks_per_month.value_or(0) / s.spoiler->strength;
  }
  calibrate_to_baseline(w, s);
  return w;
}

Stance stance_of(const BlocPlan& bloc, int month) {
  Stance stance{bloc.policy.dialogue, bloc.policy.public_conditionality};
  for (const TimedLevels& timed : bloc.timeline) {
    if (month < timed.from || month > timed.until) continue;
    if (timed.dialogue) stance.dialogue = *timed.dialogue;
    if (timed.public_conditionality) stance.public_conditionality = *timed.public_conditionality;
  }
  return stance;
}

double policy_share(const World& w, const EngagementState& state, std::size_t issue,
                    double absent) {
  if (issue == none) return absent;
  const IssueInput& in = w.issues[issue];
  return std::clamp((state.policy[issue] - in.scale_min) / (in.scale_max - in.scale_min), 0.0, 1.0);
}

double food_relief(const World& w, const EngagementState& state, double food_security_effect,
                   double revenue) {
  const double access = policy_share(w, state, w.access_issue, 1.0);
  // Aid relieves with diminishing returns: the first dollars reach the worst off; the sum of the
  // effects is the relief's exponent (about the relief itself while it is small).
  const double aid = 1.0 - std::exp(-std::max(0.0, food_security_effect));
  return std::clamp(
      aid * access + w.k.economy_food_relief * std::min(1.0, revenue / w.k.revenue_need_usd_bn),
      0.0, 1.0);
}

EngagementState initial_state(const World& w) {
  const Scenario& s = *w.scenario;
  EngagementState state;
  for (const IssueInput& issue : w.issues) state.policy.push_back(issue.status_quo);
  state.track_progress.assign(s.issues.size(), 0.0);
  state.agreement_month.assign(s.issues.size(), -1);
  state.agreed_outcome.assign(s.issues.size(), 0.0);
  state.agreed_with.assign(s.issues.size(), none);
  // Each state's recognition starts at its status on the scenario's date.
  state.recognition.assign(s.actors.size(), 0.0);
  for (std::size_t a : w.states) state.recognition[a] = s.actors[a].recognition.value_or(0) / 3.0;
  state.talks.assign(w.blocs.size(), false);
  state.cohesion = s.regime->cohesion;
  state.respect = w.k.respect_initial;
  state.revenue = w.revenue_start;
  state.spoiler = s.spoiler ? s.spoiler->strength : 0.0;
  state.attacks = s.spoiler ? s.spoiler->attacks_per_month.value_or(0) : 0.0;
  state.food_insecure = w.food_baseline;
  state.population = w.population;
  return state;
}

}  // namespace parley::detail
