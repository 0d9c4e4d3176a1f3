#include "engagement/instruments.hpp"

#include <algorithm>
#include <cmath>

namespace parley::detail {
namespace {

double observed(const EngagementState& state, const CompiledCondition& c, const Hypothesis& h) {
  using Subject = CompiledCondition::Subject;
  switch (c.subject) {
    case Subject::issue:
      return c.issue == h.issue ? h.position : state.policy[c.issue];
    case Subject::cohesion:
      return state.cohesion;
    case Subject::revenue:
      return state.revenue;
    case Subject::spoiler:
      return state.spoiler;
    case Subject::attacks:
      return state.attacks;
    case Subject::food:
      return state.food_insecure;
    case Subject::month:
      return state.month;
    case Subject::respect:
      return state.respect;
    case Subject::talks:
      return state.talks_share;
  }
  return 0.0;
}

void add_scaled(InstrumentEffects& sum, const InstrumentEffects& e, double by) {
  sum.revenue += by * e.revenue;
  sum.food_security += by * e.food_security;
  sum.respect += by * e.respect;
  sum.recognition += by * e.recognition;
  sum.spoiler_attrition += by * e.spoiler_attrition;
  sum.track_progress += by * e.track_progress;
  sum.cohesion += by * e.cohesion;
}

}  // namespace

bool condition_holds(const EngagementState& state, const CompiledCondition& c,
                     const Hypothesis& h) {
  // A policy bargained to exactly the benchmark may land a rounding error below it.
  constexpr double tolerance = 1e-9;
  const double value = observed(state, c, h);
  using Op = CompiledCondition::Op;
  switch (c.op) {
    case Op::less:
      return value < c.threshold - tolerance;
    case Op::less_equal:
      return value <= c.threshold + tolerance;
    case Op::greater:
      return value > c.threshold + tolerance;
    case Op::greater_equal:
      return value >= c.threshold - tolerance;
    case Op::equal:
      break;
  }
  return std::abs(value - c.threshold) <= tolerance;
}

bool benchmarks_met(const EngagementState& state, const BlocPlan& bloc) {
  bool any = false;
  for (const CompiledCondition& c : bloc.conditions) {
    if (!c.on_political) continue;
    any = true;
    if (!condition_holds(state, c)) return false;
  }
  return any;
}

void instrument_levels(const World& w, const EngagementState& state, Levels& levels,
                       const Hypothesis& hypothesis) {
  const std::size_t instruments = w.effects.size();
  levels.overall.assign(instruments, 0.0);
  levels.by_bloc.resize(w.blocs.size());
  levels.sets_recognition.assign(w.blocs.size(), false);
  for (std::size_t b = 0; b < w.blocs.size(); ++b) {
    const BlocPlan& bloc = w.blocs[b];
    std::vector<double>& set = levels.by_bloc[b];
    set = bloc.base_levels;
    bool recognition = bloc.sets_recognition;
    // Dated inputs in the order written; a later entry overrides an earlier one.
    for (const TimedLevels& timed : bloc.timeline) {
      if (state.month < timed.from || state.month > timed.until) continue;
      for (const auto& [k, level] : timed.set) set[k] = level;
      recognition = recognition || timed.sets_recognition;
    }
    // Conditions apply in the order written; a later one overrides an earlier one.
    for (const CompiledCondition& c : bloc.conditions) {
      if (!condition_holds(state, c, hypothesis)) continue;
      for (const auto& [k, level] : c.set) set[k] = level;
    }
    levels.sets_recognition[b] = recognition;
    for (std::size_t k = 0; k < instruments; ++k) {
      if (!bloc.controls[k]) continue;
      levels.overall[k] = w.additive[k] ? std::min(1.0, levels.overall[k] + set[k])
                                        : std::max(levels.overall[k], set[k]);
    }
  }
}

Levels instrument_levels(const World& w, const EngagementState& state) {
  Levels levels;
  instrument_levels(w, state, levels);
  return levels;
}

InstrumentEffects total_effects(const World& w, const std::vector<double>& levels) {
  InstrumentEffects sum;
  for (std::size_t k = 0; k < levels.size(); ++k) add_scaled(sum, w.effects[k], levels[k]);
  return sum;
}

InstrumentEffects policy_effects(const World& w, const EngagementState& state,
                                 const Hypothesis& hypothesis) {
  InstrumentEffects sum;
  for (std::size_t i = 0; i < w.issues.size(); ++i) {
    const IssueInput& in = w.issues[i];
    const double range = in.scale_max - in.scale_min;
    const double position = i == hypothesis.issue ? hypothesis.position : state.policy[i];
    add_scaled(sum, w.issue_effects[i], (position - in.status_quo) / range);
  }
  return sum;
}

double recognition_target(const World& w, const EngagementState& state, const Levels& levels,
                          std::size_t actor) {
  const std::size_t b = w.bloc_of[actor];
  // A bloc that sets no recognition instrument leaves its states where they are.
  if (b == none || !levels.sets_recognition[b]) return state.recognition[actor];
  double target = 0;
  for (std::size_t k = 0; k < w.effects.size(); ++k) {
    target += levels.by_bloc[b][k] * w.effects[k].recognition;
  }
  return std::clamp(target, 0.0, 1.0);
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

double recognition_on_scale(const World& w, const EngagementState& state) {
  double weighted = 0, total = 0;
  for (std::size_t a : w.states) {
    const double c = w.scenario->actors[a].capability;
    weighted += c * state.recognition[a];
    total += c;
  }
  const IssueInput& in = w.issues[w.recognition_issue];
  return in.scale_min + (total > 0 ? weighted / total : 0.0) * (in.scale_max - in.scale_min);
}

}  // namespace parley::detail
