#include "engagement/instruments.hpp"

#include <algorithm>

namespace parley::detail {
namespace {

double observed(const World& w, const EngagementState& state, const std::string& subject,
                const Hypothesis& hypothesis) {
  const Scenario& s = *w.scenario;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].id == subject) return i == hypothesis.issue ? hypothesis.position : state.policy[i];
  }
  if (subject == "cohesion") return state.cohesion;
  if (subject == "revenue_usd_bn") return state.revenue;
  if (subject == "spoiler_strength") return state.spoiler;
  if (subject == "attacks_per_month") return state.attacks;
  if (subject == "acute_food_insecure_millions") return state.food_insecure;
  if (subject == "month") return state.month;
  return 0.0;  // validation has rejected any other subject
}

std::size_t bloc_index_of(const World& w, std::size_t actor) {
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    const auto& m = w.blocs[b].members;
    if (std::find(m.begin(), m.end(), actor) != m.end()) return b;
  }
  return SIZE_MAX;
}

}  // namespace

bool condition_holds(const World& w, const EngagementState& state, const Condition& c,
                     const Hypothesis& hypothesis) {
  const double value = observed(w, state, c.subject, hypothesis);
  if (c.op == "<") return value < c.threshold;
  if (c.op == "<=") return value <= c.threshold;
  if (c.op == ">") return value > c.threshold;
  if (c.op == ">=") return value >= c.threshold;
  return value == c.threshold;
}

bool benchmarks_met(const World& w, const EngagementState& state, const BlocPlan& bloc) {
  bool any = false;
  for (const Condition& c : bloc.policy.conditions) {
    const Issue* issue = find_issue(*w.scenario, c.subject);
    if (!issue || issue->kind != IssueKind::political) continue;
    any = true;
    if (!condition_holds(w, state, c)) return false;
  }
  return any;
}

Levels instrument_levels(const World& w, const EngagementState& state, const Hypothesis& hypothesis) {
  const Scenario& s = *w.scenario;
  Levels levels;
  levels.overall.assign(s.instruments.size(), 0.0);
  for (const BlocPlan& bloc : w.blocs) {
    std::vector<double> set(s.instruments.size(), 0.0);
    for (std::size_t k = 0; k < s.instruments.size(); ++k) {
      auto it = bloc.policy.instruments.find(s.instruments[k].id);
      if (it != bloc.policy.instruments.end()) set[k] = it->second;
    }
    // Conditions apply in the order written; a later one overrides an earlier one.
    for (const Condition& c : bloc.policy.conditions) {
      if (!condition_holds(w, state, c, hypothesis)) continue;
      for (std::size_t k = 0; k < s.instruments.size(); ++k) {
        auto it = c.set.find(s.instruments[k].id);
        if (it != c.set.end()) set[k] = it->second;
      }
    }
    for (std::size_t k = 0; k < set.size(); ++k) {
      if (bloc.controls[k]) levels.overall[k] = std::max(levels.overall[k], set[k]);
    }
    levels.by_bloc.push_back(std::move(set));
  }
  return levels;
}

InstrumentEffects total_effects(const World& w, const std::vector<double>& levels) {
  InstrumentEffects sum;
  for (std::size_t k = 0; k < levels.size(); ++k) {
    const InstrumentEffects& e = w.effects[k];
    const double l = levels[k];
    sum.revenue += l * e.revenue;
    sum.food_security += l * e.food_security;
    sum.respect += l * e.respect;
    sum.recognition += l * e.recognition;
    sum.spoiler_attrition += l * e.spoiler_attrition;
    sum.track_progress += l * e.track_progress;
    sum.cohesion += l * e.cohesion;
  }
  return sum;
}

double recognition_target(const World& w, const EngagementState& state, const Levels& levels,
                          std::size_t actor) {
  const std::size_t b = bloc_index_of(w, actor);
  if (b == SIZE_MAX) return state.recognition[actor];
  // A bloc that sets no recognition instrument leaves its states where they are.
  bool sets_any = false;
  double target = 0;
  for (std::size_t k = 0; k < w.effects.size(); ++k) {
    if (w.effects[k].recognition == 0) continue;
    const auto& named = w.blocs[b].policy.instruments;
    bool in_conditions = false;
    for (const Condition& c : w.blocs[b].policy.conditions) {
      in_conditions = in_conditions || c.set.count(w.scenario->instruments[k].id) > 0;
    }
    if (!named.count(w.scenario->instruments[k].id) && !in_conditions) continue;
    sets_any = true;
    target += levels.by_bloc[b][k] * w.effects[k].recognition;
  }
  return sets_any ? std::clamp(target, 0.0, 1.0) : state.recognition[actor];
}

double recognition_index(const World& w, const EngagementState& state, const Levels& levels) {
  double weighted = 0, total = 0;
  for (std::size_t a : w.states) {
    const double c = w.scenario->actors[a].capability;
    weighted += c * recognition_target(w, state, levels, a);
    total += c;
  }
  return total > 0 ? weighted / total : 0.0;
}

}  // namespace parley::detail
