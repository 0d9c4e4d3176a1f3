// Semantic checks of a parsed scenario: ranges, ids, cross references, consistency.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "parley/scenario.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {
namespace {

std::string show(double value) { return fmt::format("{}", value); }

// Bounds as written in the docs: the magnitude limit reads 1e6, not 1000000.
std::string show_bound(double value) {
  if (std::abs(value) == limits::max_magnitude) return value < 0 ? "-1e6" : "1e6";
  return show(value);
}

std::string range_text(double min, double max) {
  if (min == std::numeric_limits<double>::min()) {
    return fmt::format("a number in (0, {}]", show_bound(max));
  }
  return fmt::format("a number in [{}, {}]", show_bound(min), show_bound(max));
}

template <typename T>
void check_unique_ids(const std::vector<T>& items, const char* list, DiagnosticSink& sink) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty()) continue;
    auto [it, inserted] = first.emplace(items[i].id, i);
    if (!inserted) {
      const Location where = sink.locate(fmt::format("{}[{}].id", list, it->second));
      sink.error("E020", fmt::format("{}[{}].id", list, i),
                 fmt::format("duplicate id '{}' in {} (first used at line {})", items[i].id, list,
                             where.line));
    }
  }
}

template <typename T>
std::string suggest(const std::string& id, const std::vector<T>& items) {
  std::vector<std::string> ids;
  for (const T& item : items) ids.push_back(item.id);
  return did_you_mean(id, ids);
}

class Validator {
 public:
  Validator(const Scenario& scenario, DiagnosticSink& sink)
      : s_(scenario), copy_(scenario), fields_(number_fields(copy_)), sink_(sink) {}

  void run() {
    check_unique_ids(s_.meta.sources, "meta.sources", sink_);
    check_issues();
    check_actors();
    check_blocs();
    check_regime();
    check_spoiler();
    check_instruments();
    check_strategies();
    check_timeline();
    check_parameters();
    check_number_ranges();
    check_uncertainty();
  }

 private:
  void check_issues() {
    if (s_.issues.empty()) sink_.error("E022", "issues", "expected at least one issue");
    check_unique_ids(s_.issues, "issues", sink_);
    for (std::size_t i = 0; i < s_.issues.size(); ++i) {
      const Issue& issue = s_.issues[i];
      const std::string at = fmt::format("issues[{}].scale", i);
      if (!(issue.scale_min < issue.scale_max)) {
        sink_.error("E013", at,
                    fmt::format("expected min < max, got [{}, {}]", show(issue.scale_min),
                                show(issue.scale_max)));
      } else if (std::abs(issue.scale_min) > limits::max_magnitude ||
                 std::abs(issue.scale_max) > limits::max_magnitude) {
        // Written scales are held to it when read; a scale an importer widened may not be.
        sink_.error("E013", at,
                    fmt::format("expected a scale within [-1e6, 1e6], got [{}, {}]",
                                show(issue.scale_min), show(issue.scale_max)));
      } else if (issue.scale_max - issue.scale_min < limits::min_scale_width) {
        sink_.error("E013", at,
                    fmt::format("expected a scale at least 1e-6 wide (max - min), got [{}, {}]",
                                show(issue.scale_min), show(issue.scale_max)));
      }
      check_issue_role(i);
      check_channels(issue.effects, issue_effect_channels(), fmt::format("issues[{}]", i));
    }
  }

  void check_issue_role(std::size_t i) {
    const Issue& issue = s_.issues[i];
    const std::string at = fmt::format("issues[{}]", i);
    if (!issue.role.empty()) {
      const auto& roles = issue_roles();
      if (std::find(roles.begin(), roles.end(), issue.role) == roles.end()) {
        sink_.error("E015", at + ".role",
                    fmt::format("expected one of {}, got '{}'{}", join(roles), issue.role,
                                did_you_mean(issue.role, roles)));
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (s_.issues[j].role == issue.role) {
          sink_.error("E020", at + ".role",
                      fmt::format("role '{}' is already played by issue '{}'", issue.role,
                                  s_.issues[j].id));
        }
      }
    }
    const IssueControl control = issue_control(s_, issue);
    if (issue.role == "recognition" && control != IssueControl::outsiders) {
      sink_.error("E050", at + ".decided_by",
                  "the recognition issue reads the states' recognition: it is decided_by "
                  "outsiders");
    }
    const bool tracked = std::any_of(s_.instruments.begin(), s_.instruments.end(),
                                     [&](const Instrument& in) { return in.track == issue.id; });
    if (control == IssueControl::outsiders && issue.role != "recognition" && !tracked) {
      sink_.error("E050", at + ".decided_by",
                  fmt::format("'{}' is decided by outsiders, but no instrument tracks it (give "
                              "an instrument track: {})",
                              issue.id, issue.id));
    }
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  void check_channels(const std::map<std::string, double>& effects,
                      const std::vector<std::string>& channels, const std::string& at) {
    for (const auto& [channel, value] : effects) {
      if (std::find(channels.begin(), channels.end(), channel) == channels.end()) {
        const std::string hint = did_you_mean(channel, channels);
        sink_.error_at_key(
            "E015", at + ".effects." + channel,
            fmt::format("unknown effect channel '{}'{}", channel,
                        hint.empty() ? "; expected one of " + join(channels) : hint));
      }
    }
  }

  void check_actors() {
    if (s_.actors.empty()) sink_.error("E022", "actors", "expected at least one actor");
    check_unique_ids(s_.actors, "actors", sink_);
    for (std::size_t i = 0; i < s_.actors.size(); ++i) {
      const Actor& actor = s_.actors[i];
      const std::string at = fmt::format("actors[{}]", i);
      if (!actor.bloc.empty() && !find_bloc(s_, actor.bloc)) {
        sink_.error("E021", at + ".bloc",
                    fmt::format("unknown bloc '{}'{}", actor.bloc, suggest(actor.bloc, s_.blocs)));
      }
      for (const auto& [issue, value] : actor.positions) {
        if (!find_issue(s_, issue)) {
          sink_.error_at_key("E021", at + ".positions." + issue,
                             fmt::format("unknown issue '{}'{}", issue, suggest(issue, s_.issues)));
        } else if (!actor.salience.count(issue) && !sink_.reported(at + ".salience." + issue)) {
          sink_.error("E050", at + ".positions." + issue,
                      fmt::format("a position on '{}' needs a salience on it too", issue));
        }
      }
      if (actor.recognition && actor.kind != ActorKind::state) {
        sink_.error("E050", at + ".recognition",
                    fmt::format("only a state recognises the regime; '{}' is of kind {}", actor.id,
                                to_string(actor.kind)));
      }
      for (const auto& [issue, value] : actor.salience) {
        if (!find_issue(s_, issue)) {
          sink_.error_at_key("E021", at + ".salience." + issue,
                             fmt::format("unknown issue '{}'{}", issue, suggest(issue, s_.issues)));
        } else if (!actor.positions.count(issue) && !sink_.reported(at + ".positions." + issue)) {
          sink_.error("E050", at + ".salience." + issue,
                      fmt::format("a salience on '{}' needs a position on it too", issue));
        }
      }
    }
  }

  void check_blocs() {
    check_unique_ids(s_.blocs, "blocs", sink_);
    std::map<std::string, std::string> bloc_of;
    for (std::size_t b = 0; b < s_.blocs.size(); ++b) {
      const Bloc& bloc = s_.blocs[b];
      for (std::size_t m = 0; m < bloc.members.size(); ++m) {
        const std::string at = fmt::format("blocs[{}].members[{}]", b, m);
        const std::string& member = bloc.members[m];
        const Actor* actor = find_actor(s_, member);
        if (!actor) {
          sink_.error("E021", at,
                      fmt::format("unknown actor '{}'{}", member, suggest(member, s_.actors)));
          continue;
        }
        auto [it, inserted] = bloc_of.emplace(member, bloc.id);
        if (!inserted && it->second != bloc.id) {
          sink_.error(
              "E050", at,
              fmt::format("actor '{}' is already a member of bloc '{}'", member, it->second));
        }
        if (!actor->bloc.empty() && actor->bloc != bloc.id) {
          sink_.error("E050", at,
                      fmt::format("actor '{}' names bloc '{}' but is listed in '{}'", member,
                                  actor->bloc, bloc.id));
        }
      }
      if (bloc.baseline) check_policy(*bloc.baseline, fmt::format("blocs[{}].baseline", b));
    }
  }

  void check_weights(const UtilityWeights& w, const std::string& at) {
    if (w.cohesion + w.ideology + w.revenue + w.recognition <= 0) {
      sink_.error("E013", at, "expected at least one positive weight");
    }
  }

  void check_actor_ref(const std::string& id, ActorKind kind, const std::string& at) {
    if (id.empty()) return;  // already reported as missing or malformed
    const Actor* actor = find_actor(s_, id);
    if (!actor) {
      sink_.error("E021", at, fmt::format("unknown actor '{}'{}", id, suggest(id, s_.actors)));
    } else if (actor->kind != kind) {
      sink_.error("E050", at,
                  fmt::format("actor '{}' must be of kind {}, not {}", id, to_string(kind),
                              to_string(actor->kind)));
    }
  }

  void check_regime() {
    if (!s_.regime) return;
    const Regime& r = *s_.regime;
    if (r.factions.empty()) sink_.error("E022", "regime.factions", "expected at least one faction");
    std::set<std::string> factions;
    for (std::size_t i = 0; i < r.factions.size(); ++i) {
      const std::string at = fmt::format("regime.factions[{}]", i);
      check_actor_ref(r.factions[i].actor, ActorKind::regime_faction, at + ".actor");
      if (!factions.insert(r.factions[i].actor).second) {
        sink_.error("E020", at + ".actor",
                    fmt::format("duplicate faction '{}'", r.factions[i].actor));
      }
      if (r.factions[i].weights) check_weights(*r.factions[i].weights, at + ".weights");
    }
    if (!r.leader.empty() && !factions.count(r.leader)) {
      sink_.error("E021", "regime.leader",
                  fmt::format("leader '{}' is not one of the regime's factions", r.leader));
    }
    check_weights(r.weights, "regime.weights");
  }

  void check_spoiler() {
    if (s_.spoiler && !s_.spoiler->actor.empty()) {
      check_actor_ref(s_.spoiler->actor, ActorKind::armed_group, "spoiler.actor");
    }
  }

  void check_instruments() {
    check_unique_ids(s_.instruments, "instruments", sink_);
    for (std::size_t i = 0; i < s_.instruments.size(); ++i) {
      const Instrument& in = s_.instruments[i];
      const std::string at = fmt::format("instruments[{}]", i);
      for (std::size_t c = 0; c < in.controlled_by.size(); ++c) {
        const std::string& who = in.controlled_by[c];
        if (!find_actor(s_, who) && !find_bloc(s_, who)) {
          sink_.error("E021", fmt::format("{}.controlled_by[{}]", at, c),
                      fmt::format("unknown actor or bloc '{}'", who));
        }
      }
      check_channels(in.effects, instrument_effect_channels(), at);
      if (!in.track.empty() && !find_issue(s_, in.track)) {
        sink_.error("E021", at + ".track",
                    fmt::format("unknown issue '{}'{}", in.track, suggest(in.track, s_.issues)));
      }
    }
  }

  void check_levels(const std::map<std::string, double>& levels, const std::string& at) {
    for (const auto& [id, level] : levels) {
      if (!find_instrument(s_, id)) {
        sink_.error_at_key(
            "E021", at + "." + id,
            fmt::format("unknown instrument '{}'{}", id, suggest(id, s_.instruments)));
      } else if (level < 0 || level > 1) {
        sink_.error("E013", at + "." + id,
                    fmt::format("expected an instrument level in [0, 1], got {}", show(level)));
      }
    }
  }

  void check_policy(const BlocPolicy& policy, const std::string& at) {
    check_levels(policy.instruments, at + ".instruments");
    for (std::size_t t = 0; t < policy.tracks.size(); ++t) {
      if (!find_issue(s_, policy.tracks[t])) {
        sink_.error("E021", fmt::format("{}.tracks[{}]", at, t),
                    fmt::format("unknown issue '{}'{}", policy.tracks[t],
                                suggest(policy.tracks[t], s_.issues)));
      }
    }
    const auto& indicators = condition_indicators();
    for (std::size_t c = 0; c < policy.conditions.size(); ++c) {
      const Condition& condition = policy.conditions[c];
      const std::string cat = fmt::format("{}.conditions[{}]", at, c);
      bool indicator =
          std::find(indicators.begin(), indicators.end(), condition.subject) != indicators.end();
      if (!find_issue(s_, condition.subject) && !indicator) {
        sink_.error("E021", cat + ".when",
                    fmt::format("unknown issue or indicator '{}'", condition.subject));
      }
      check_levels(condition.set, cat + ".set");
    }
  }

  void check_parameters() {
    std::vector<std::string> names;
    for (const auto& spec : engagement_parameter_specs()) names.push_back(spec.name);
    for (const auto& [name, value] : s_.parameters) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      const std::string hint = did_you_mean(name, names);
      sink_.error_at_key("E011", "parameters." + name,
                         fmt::format("unknown engagement parameter '{}'{}", name,
                                     hint.empty() ? " (docs/engagement.md lists them)" : hint));
    }
  }

  void check_strategies() {
    check_unique_ids(s_.strategies, "strategies", sink_);
    for (std::size_t i = 0; i < s_.strategies.size(); ++i) {
      for (const auto& [who, policy] : s_.strategies[i].policies) {
        const std::string at = fmt::format("strategies[{}].policies.{}", i, who);
        check_bloc_or_state(who, at, true);
        check_policy(policy, at);
      }
    }
  }

  // `who` must name a bloc, or an actor of kind state (which then acts on its own).
  void check_bloc_or_state(const std::string& who, const std::string& at, bool at_key) {
    if (find_bloc(s_, who)) return;
    const Actor* actor = find_actor(s_, who);
    if (actor && actor->kind == ActorKind::state) return;
    std::vector<std::string> names;
    for (const Bloc& b : s_.blocs) names.push_back(b.id);
    for (const Actor& a : s_.actors) {
      if (a.kind == ActorKind::state) names.push_back(a.id);
    }
    const std::string message =
        actor ? fmt::format("'{}' is of kind {}; only a bloc or a state has a policy", who,
                            to_string(actor->kind))
              : fmt::format("unknown bloc or state '{}'{}", who, did_you_mean(who, names));
    if (at_key) {
      sink_.error_at_key(actor ? "E050" : "E021", at, message);
    } else {
      sink_.error(actor ? "E050" : "E021", at, message);
    }
  }

  void check_timeline() {
    for (std::size_t i = 0; i < s_.timeline.size(); ++i) {
      const TimelineEntry& e = s_.timeline[i];
      const std::string at = fmt::format("timeline[{}]", i);
      if (e.until && *e.until < e.from) {
        sink_.error("E013", at + ".until",
                    fmt::format("expected a month at or after its start (month {}), got month {}",
                                e.from, *e.until));
      }
      switch (e.kind) {
        case TimelineKind::policy:
          if (!e.actor.empty())
            check_bloc_or_state(e.actor, at + (sink_.written(at + ".bloc") ? ".bloc" : ".state"),
                                false);
          check_levels(e.values, at + ".set");
          break;
        case TimelineKind::shock:
        case TimelineKind::flow:
        case TimelineKind::trend: {
          const char* field = e.kind == TimelineKind::shock  ? ".shock"
                              : e.kind == TimelineKind::flow ? ".flow"
                                                             : ".trend";
          for (const auto& [variable, value] : e.values) {
            check_variable(variable, timeline_variables(),
                           e.kind == TimelineKind::trend ? at + field : at + field + "." + variable,
                           e.kind != TimelineKind::trend);
          }
          break;
        }
        case TimelineKind::seasonal:
          check_variable(e.variable, seasonal_variables(), at + ".seasonal", false);
          if (e.profile.size() != 12) {
            sink_.error(
                "E013", at + ".profile",
                fmt::format("expected 12 factors, January first, got {}", e.profile.size()));
          }
          break;
      }
    }
  }

  void check_variable(const std::string& name, const std::vector<std::string>& known,
                      const std::string& at, bool at_key) {
    if (name.empty() || std::find(known.begin(), known.end(), name) != known.end()) return;
    const std::string message =
        fmt::format("expected one of {}, got '{}'{}", join(known), name, did_you_mean(name, known));
    if (at_key) {
      sink_.error_at_key("E015", at, message);
    } else {
      sink_.error("E015", at, message);
    }
  }

  void check_number_ranges() {
    for (const NumberField& field : fields_) {
      if (field.min > field.max) continue;  // the bounds themselves are wrong, reported elsewhere
      if (*field.value < field.min || *field.value > field.max) {
        sink_.error("E013", field.index_path,
                    fmt::format("expected {}, got {}", range_text(field.min, field.max),
                                show(*field.value)));
      }
    }
  }

  void check_distribution(const Distribution& d, const NumberField& field, const std::string& at) {
    const auto& p = d.params;
    auto bad = [&](std::string what) { sink_.error("E031", at, std::move(what)); };
    switch (d.kind) {
      case DistributionKind::uniform:
        if (p.size() != 2 || !(p[0] < p[1]))
          return bad("uniform needs [low, high] with low < high");
        if (p[0] < field.min || p[1] > field.max) {
          return bad(fmt::format("uniform [{}, {}] reaches outside the field's range, {}",
                                 show(p[0]), show(p[1]), range_text(field.min, field.max)));
        }
        return;
      case DistributionKind::triangular:
        if (p.size() != 3 || !(p[0] <= p[1] && p[1] <= p[2] && p[0] < p[2])) {
          return bad("triangular needs [low, mode, high] with low <= mode <= high and low < high");
        }
        if (p[0] < field.min || p[2] > field.max) {
          return bad(fmt::format("triangular [{}, {}] reaches outside the field's range, {}",
                                 show(p[0]), show(p[2]), range_text(field.min, field.max)));
        }
        return;
      case DistributionKind::normal:
        if (p.size() != 2 || !(p[1] > 0)) return bad("normal needs [mean, sd] with sd > 0");
        return;
      case DistributionKind::beta:
        if (p.size() != 2 || !(p[0] >= limits::min_beta_shape && p[1] >= limits::min_beta_shape)) {
          // Smaller shapes let both gamma draws underflow to 0, and the draw to 0 / 0.
          return bad("beta needs [a, b] with a, b >= 0.05");
        }
        if (field.min != 0 || field.max != 1) {
          return bad(
              fmt::format("beta draws from [0, 1], but this field takes {}; use uniform, "
                          "triangular or normal",
                          range_text(field.min, field.max)));
        }
        return;
      case DistributionKind::spread:
        if (p.size() != 1 || !(p[0] > 0)) return bad("spread needs one number d > 0");
        return;
      case DistributionKind::relative:
        if (p.size() != 1 || !(p[0] > 0 && p[0] <= 1)) {
          return bad("relative needs one number f in (0, 1]");
        }
        return;
      case DistributionKind::empirical: {
        if (p.empty()) return bad("empirical needs at least one value");
        const auto [low, high] = std::minmax_element(p.begin(), p.end());
        if (*low < field.min || *high > field.max) {
          return bad(fmt::format("empirical values [{} ... {}] reach outside the field's range, {}",
                                 show(*low), show(*high), range_text(field.min, field.max)));
        }
        return;
      }
      case DistributionKind::fixed:
        if (!p.empty()) return bad("fixed takes no numbers: write fixed: []");
        return;
    }
  }

  void check_uncertainty() {
    // Number by number, the entries that match it (a few lookups each): an entry's distribution
    // is checked against the numbers it governs, in file order, and reported for the first
    // misfit; an entry that matches nothing is E030.
    const UncertaintyIndex index(s_.uncertainty);
    std::vector<bool> matched(s_.uncertainty.size(), false);
    for (const NumberField& field : fields_) {
      index.for_each_spelling(field.id_path, [&](const std::string&, int e) {
        const UncertainValue& u = s_.uncertainty[static_cast<std::size_t>(e)];
        matched[static_cast<std::size_t>(e)] = true;
        check_distribution(u.distribution, field, "uncertainty[\"" + u.path + "\"]");
      });
    }
    std::set<std::string> seen;
    for (std::size_t e = 0; e < s_.uncertainty.size(); ++e) {
      const UncertainValue& u = s_.uncertainty[e];
      const std::string at = "uncertainty[\"" + u.path + "\"]";
      if (!matched[e]) {
        sink_.error("E030", at,
                    fmt::format("'{}' matches no number in this scenario (expected a path such as "
                                "actors.<id>.salience.<issue>, regime.weights.revenue or a "
                                "pattern such as actors.*.positions.*)",
                                u.path));
        continue;
      }
      if (!seen.insert(u.path).second) sink_.error("E020", at, "duplicate uncertainty path");
    }
  }

  const Scenario& s_;
  Scenario copy_;  // number_fields hands out mutable pointers; validation reads a copy
  std::vector<NumberField> fields_;
  DiagnosticSink& sink_;
};

}  // namespace

void check_provenance(const Scenario& scenario, DiagnosticSink& sink) {
  Scenario copy = scenario;
  for (const NumberField& field : number_fields(copy)) {
    if (!field.evidence || !sink.written(field.index_path)) continue;  // defaults need no source
    auto it = scenario.provenance.find(field.id_path);
    if (it == scenario.provenance.end() || (it->second.source.empty() && !it->second.judgement)) {
      sink.error("E060", field.index_path,
                 "no provenance: give a source, or mark the number judgement: true");
    }
  }
}

void validate_scenario(const Scenario& scenario, DiagnosticSink& sink) {
  Validator(scenario, sink).run();
}

}  // namespace parley::detail
