#include "engagement/world.hpp"

#include <algorithm>
#include <numeric>

#include "engagement/dynamics.hpp"
#include "engagement/instruments.hpp"

namespace parley::detail {
namespace {

UtilityWeights normalised(UtilityWeights w) {
  const double total = w.cohesion + w.ideology + w.revenue + w.recognition;
  if (total <= 0) return {};
  return {w.cohesion / total, w.ideology / total, w.revenue / total, w.recognition / total};
}

InstrumentEffects effects_of(const Instrument& instrument) {
  InstrumentEffects e;
  auto get = [&](const char* channel) {
    auto it = instrument.effects.find(channel);
    return it == instrument.effects.end() ? 0.0 : it->second;
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

// A bloc may set an instrument that it, or one of its members, controls; an instrument that
// names no controller may be set by any bloc.
std::vector<bool> controlled_instruments(const Scenario& s, const Bloc& bloc) {
  std::vector<bool> controls(s.instruments.size(), false);
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    const auto& by = s.instruments[k].controlled_by;
    controls[k] =
        by.empty() || std::any_of(by.begin(), by.end(), [&](const std::string& id) {
          if (id == bloc.id) return true;
          const Actor* actor = find_actor(s, id);
          return (actor && actor->bloc == bloc.id) ||
                 std::find(bloc.members.begin(), bloc.members.end(), id) != bloc.members.end();
        });
  }
  return controls;
}

// Funding instruments add up across blocs; restrictions and recognition take the strongest.
bool additive(InstrumentKind kind) {
  return kind == InstrumentKind::aid || kind == InstrumentKind::technical_assistance ||
         kind == InstrumentKind::ct_cooperation || kind == InstrumentKind::dialogue;
}

std::vector<std::size_t> bloc_members(const Scenario& s, const Bloc& bloc) {
  std::vector<std::size_t> members;
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    const bool listed =
        std::find(bloc.members.begin(), bloc.members.end(), s.actors[a].id) != bloc.members.end();
    if (listed || s.actors[a].bloc == bloc.id) members.push_back(a);
  }
  return members;
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
      {"month", Subject::month}};
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

void compile_policy(const Scenario& s, BlocPlan& plan) {
  plan.base_levels.assign(s.instruments.size(), 0.0);
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    auto it = plan.policy.instruments.find(s.instruments[k].id);
    if (it != plan.policy.instruments.end()) plan.base_levels[k] = it->second;
    const bool named =
        it != plan.policy.instruments.end() ||
        std::any_of(plan.policy.conditions.begin(), plan.policy.conditions.end(),
                    [&](const Condition& c) { return c.set.count(s.instruments[k].id) > 0; });
    const auto effect = s.instruments[k].effects.find("recognition");
    if (named && effect != s.instruments[k].effects.end() && effect->second != 0) {
      plan.sets_recognition = true;
    }
  }
  for (const Condition& c : plan.policy.conditions) plan.conditions.push_back(compile(s, c));
  for (const std::string& track : plan.policy.tracks) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].id == track) plan.tracks.push_back(i);
    }
  }
}

std::vector<BlocPlan> plan_blocs(const Scenario& s, const Strategy* strategy) {
  std::vector<BlocPlan> plans;
  double total = 0;
  for (const Bloc& bloc : s.blocs) {
    BlocPlan plan;
    plan.id = bloc.id;
    if (strategy && strategy->policies.count(bloc.id)) {
      plan.policy = strategy->policies.at(bloc.id);
    } else if (bloc.baseline) {
      plan.policy = *bloc.baseline;
    }
    plan.members = bloc_members(s, bloc);
    for (std::size_t a : plan.members) plan.share += s.actors[a].capability;
    total += plan.share;
    plan.controls = controlled_instruments(s, bloc);
    compile_policy(s, plan);
    plans.push_back(std::move(plan));
  }
  for (BlocPlan& plan : plans) plan.share = total > 0 ? plan.share / total : 1.0 / plans.size();
  return plans;
}

std::vector<FactionPlan> plan_factions(const Scenario& s) {
  std::vector<FactionPlan> factions;
  if (!s.regime) return factions;
  for (const Faction& f : s.regime->factions) {
    const Actor* actor = find_actor(s, f.actor);
    FactionPlan plan;
    plan.actor = static_cast<std::size_t>(actor - s.actors.data());
    plan.capability = actor->capability;
    plan.weights = normalised(f.weights.value_or(s.regime->weights));
    plan.leader = f.actor == s.regime->leader;
    factions.push_back(plan);
  }
  return factions;
}

std::size_t issue_index(const Scenario& s, const char* id) {
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].id == id) return i;
  }
  return SIZE_MAX;
}

// The starting revenue and food insecurity are what the blocs' baselines leave: solve for the
// levels with no instruments, so that baseline policies hold them steady and strategies move them.
void calibrate_to_baseline(World& w, const Scenario& s) {
  World baseline = w;
  baseline.blocs = plan_blocs(s, nullptr);  // same bloc order, so bloc_of still holds
  const EngagementState start = initial_state(baseline);
  const Levels levels = instrument_levels(baseline, start);
  const InstrumentEffects effects = total_effects(baseline, levels.overall);
  // The observed revenue already includes what the baseline instruments add or take away.
  w.base_revenue -= effects.revenue;
  const double revenue = std::max(0.0, w.base_revenue + effects.revenue);
  const double relief = std::min(0.9, food_relief(baseline, start, effects.food_security, revenue));
  w.food_without_relief = w.food_baseline / (1.0 - relief);
}

}  // namespace

World build_world(const Scenario& s, const std::string& strategy_id) {
  const Strategy* strategy = strategy_id.empty() ? nullptr : &require_strategy(s, strategy_id);
  if (!s.regime) {
    throw Error(ErrorId::request_no_regime, "the engagement simulation needs a regime: block");
  }
  World w;
  w.scenario = &s;
  w.k = engagement_parameters(s);
  w.blocs = plan_blocs(s, strategy);
  w.factions = plan_factions(s);
  for (const Instrument& instrument : s.instruments) {
    w.effects.push_back(effects_of(instrument));
    w.additive.push_back(additive(instrument.kind));
  }
  w.issues = issue_inputs(s);
  w.tracked_by.resize(s.issues.size());
  for (std::size_t k = 0; k < s.instruments.size(); ++k) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.instruments[k].track == s.issues[i].id) w.tracked_by[i].push_back(k);
    }
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    w.political.push_back(s.issues[i].kind == IssueKind::political && w.tracked_by[i].empty());
  }
  w.bloc_of.assign(s.actors.size(), SIZE_MAX);
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    for (std::size_t a : w.blocs[b].members) w.bloc_of[a] = b;
  }
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (s.actors[a].kind == ActorKind::state) w.states.push_back(a);
  }
  w.recorded_tracks = recorded_tracks(s);
  w.humanitarian_access = issue_index(s, "humanitarian_access");
  w.counter_terrorism = issue_index(s, "counter_terrorism");
  w.base_revenue = s.regime->revenue_usd_bn.value_or(w.k.revenue_need_usd_bn);
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

std::vector<std::size_t> recorded_tracks(const Scenario& s) {
  std::vector<bool> listed(s.issues.size(), false);
  auto mark = [&](const BlocPolicy& policy) {
    for (const std::string& track : policy.tracks) {
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (s.issues[i].id == track && s.issues[i].kind != IssueKind::political) listed[i] = true;
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

EngagementState initial_state(const World& w) {
  const Scenario& s = *w.scenario;
  EngagementState state;
  for (const IssueInput& issue : w.issues) state.policy.push_back(issue.status_quo);
  state.track_progress.assign(s.issues.size(), 0.0);
  state.agreement_month.assign(s.issues.size(), -1);
  // A state's recognition starts at its stance on the recognition issue, if the scenario has one.
  state.recognition.assign(s.actors.size(), 0.0);
  for (std::size_t i = 0; i < w.issues.size(); ++i) {
    if (w.issues[i].issue_id != "recognition") continue;
    const IssueInput& in = w.issues[i];
    for (std::size_t k = 0; k < in.actors.size(); ++k) {
      state.recognition[in.actors[k]] =
          (in.position[k] - in.scale_min) / (in.scale_max - in.scale_min);
    }
  }
  state.cohesion = s.regime->cohesion;
  state.respect = w.k.respect_initial;
  state.revenue = w.base_revenue;
  state.spoiler = s.spoiler ? s.spoiler->strength : 0.0;
  state.attacks = s.spoiler ? s.spoiler->attacks_per_month.value_or(0) : 0.0;
  state.food_insecure = w.food_baseline;
  return state;
}

}  // namespace parley::detail
