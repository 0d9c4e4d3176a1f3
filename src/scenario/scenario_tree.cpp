#include "scenario/scenario_tree.hpp"

#include <fmt/format.h>

namespace parley::detail {
namespace {

using Tree = nlohmann::ordered_json;

class TreeBuilder {
 public:
  explicit TreeBuilder(const Scenario& scenario) : s_(scenario) {}

  Tree build() const;

 private:
  // The number at `id_path` (the path provenance and uncertainty use), with its provenance.
  Tree number(double value, const std::string& id_path) const;
  Tree number_map(const std::map<std::string, double>& values, const std::string& id_path) const;
  static void put_text(Tree& node, const char* key, const std::string& text) {
    if (!text.empty()) node[key] = text;
  }

  Tree meta() const;
  Tree issue(const Issue& issue) const;
  Tree actor(const Actor& actor) const;
  Tree bloc(const Bloc& bloc) const;
  Tree policy(const BlocPolicy& policy, const std::string& id_path) const;
  Tree weights(const UtilityWeights& weights, const std::string& id_path) const;
  Tree regime(const Regime& regime) const;
  Tree spoiler(const Spoiler& spoiler) const;
  Tree population(const Population& population) const;
  Tree instrument(const Instrument& instrument) const;
  Tree strategy(const Strategy& strategy) const;
  Tree timeline_entry(const TimelineEntry& entry, std::size_t index) const;
  Tree month(int month) const;
  Tree uncertainty() const;

  template <typename T, typename Fn>
  static Tree list(const std::vector<T>& items, Fn&& fn) {
    Tree out = Tree::array();
    for (const T& item : items) out.push_back(fn(item));
    return out;
  }

  const Scenario& s_;
};

Tree TreeBuilder::number(double value, const std::string& id_path) const {
  auto it = s_.provenance.find(id_path);
  if (it == s_.provenance.end()) return value;
  const Provenance& provenance = it->second;
  Tree out = Tree::object();
  out["value"] = value;
  put_text(out, "source", provenance.source);
  if (provenance.judgement) out["judgement"] = true;
  put_text(out, "note", provenance.note);
  return out;
}

Tree TreeBuilder::number_map(const std::map<std::string, double>& values,
                             const std::string& id_path) const {
  Tree out = Tree::object();
  for (const auto& [key, value] : values) out[key] = number(value, id_path + "." + key);
  return out;
}

Tree TreeBuilder::build() const {
  Tree root = Tree::object();
  root["parley"] = s_.format_version;
  root["meta"] = meta();
  root["issues"] = list(s_.issues, [&](const Issue& i) { return issue(i); });
  root["actors"] = list(s_.actors, [&](const Actor& a) { return actor(a); });
  if (!s_.blocs.empty()) root["blocs"] = list(s_.blocs, [&](const Bloc& b) { return bloc(b); });
  if (s_.regime) root["regime"] = regime(*s_.regime);
  if (s_.spoiler) root["spoiler"] = spoiler(*s_.spoiler);
  if (s_.population) root["population"] = population(*s_.population);
  if (!s_.instruments.empty()) {
    root["instruments"] = list(s_.instruments, [&](const Instrument& i) { return instrument(i); });
  }
  if (!s_.strategies.empty()) {
    root["strategies"] = list(s_.strategies, [&](const Strategy& x) { return strategy(x); });
  }
  if (!s_.timeline.empty()) {
    Tree timeline = Tree::array();
    for (std::size_t i = 0; i < s_.timeline.size(); ++i) {
      timeline.push_back(timeline_entry(s_.timeline[i], i));
    }
    root["timeline"] = std::move(timeline);
  }
  if (Tree u = uncertainty(); !u.empty()) root["uncertainty"] = std::move(u);
  if (!s_.parameters.empty()) root["parameters"] = number_map(s_.parameters, "parameters");
  return root;
}

Tree TreeBuilder::meta() const {
  const Meta& meta = s_.meta;
  Tree out = Tree::object();
  out["name"] = meta.name;  // required, even when empty
  put_text(out, "description", meta.description);
  put_text(out, "as_of", meta.as_of);
  if (!meta.sources.empty()) {
    out["sources"] = list(meta.sources, [](const SourceRef& source) {
      Tree item = Tree::object();
      item["id"] = source.id;
      put_text(item, "title", source.title);
      put_text(item, "url", source.url);
      put_text(item, "date", source.date);
      return item;
    });
  }
  return out;
}

Tree TreeBuilder::issue(const Issue& issue) const {
  Tree out = Tree::object();
  out["id"] = issue.id;
  put_text(out, "label", issue.label);
  out["kind"] = to_string(issue.kind);
  out["scale"] = Tree::array({issue.scale_min, issue.scale_max});
  put_text(out, "low", issue.low);
  put_text(out, "high", issue.high);
  if (issue.status_quo) {
    out["status_quo"] = number(*issue.status_quo, "issues." + issue.id + ".status_quo");
  }
  put_text(out, "role", issue.role);
  if (issue.decided_by) out["decided_by"] = to_string(*issue.decided_by);
  if (!issue.effects.empty()) {
    out["effects"] = number_map(issue.effects, "issues." + issue.id + ".effects");
  }
  return out;
}

Tree TreeBuilder::actor(const Actor& actor) const {
  const std::string at = "actors." + actor.id;
  Tree out = Tree::object();
  out["id"] = actor.id;
  put_text(out, "name", actor.name);
  out["kind"] = to_string(actor.kind);
  put_text(out, "bloc", actor.bloc);
  out["capability"] = number(actor.capability, at + ".capability");
  if (actor.risk) out["risk"] = number(*actor.risk, at + ".risk");
  if (!actor.positions.empty()) out["positions"] = number_map(actor.positions, at + ".positions");
  if (!actor.salience.empty()) out["salience"] = number_map(actor.salience, at + ".salience");
  if (actor.recognition) out["recognition"] = number(*actor.recognition, at + ".recognition");
  return out;
}

Tree TreeBuilder::bloc(const Bloc& bloc) const {
  Tree out = Tree::object();
  out["id"] = bloc.id;
  put_text(out, "label", bloc.label);
  out["members"] = bloc.members;
  if (bloc.baseline) out["baseline"] = policy(*bloc.baseline, "blocs." + bloc.id + ".baseline");
  return out;
}

Tree TreeBuilder::policy(const BlocPolicy& policy, const std::string& id_path) const {
  Tree out = Tree::object();
  out["linkage"] = to_string(policy.linkage);
  out["dialogue"] = policy.dialogue;
  out["public_conditionality"] = policy.public_conditionality;
  if (!policy.instruments.empty()) {
    out["instruments"] = number_map(policy.instruments, id_path + ".instruments");
  }
  if (!policy.tracks.empty()) out["tracks"] = policy.tracks;
  if (!policy.conditions.empty()) {
    Tree conditions = Tree::array();
    for (std::size_t i = 0; i < policy.conditions.size(); ++i) {
      const Condition& condition = policy.conditions[i];
      Tree item = Tree::object();
      // The threshold is written shortest-exact, so the condition reads back to the same number.
      item["when"] = fmt::format("{} {} {}", condition.subject, condition.op, condition.threshold);
      item["set"] = number_map(condition.set, fmt::format("{}.conditions.{}.set", id_path, i));
      conditions.push_back(std::move(item));
    }
    out["conditions"] = std::move(conditions);
  }
  return out;
}

Tree TreeBuilder::weights(const UtilityWeights& weights, const std::string& id_path) const {
  Tree out = Tree::object();
  out["cohesion"] = number(weights.cohesion, id_path + ".cohesion");
  out["ideology"] = number(weights.ideology, id_path + ".ideology");
  out["revenue"] = number(weights.revenue, id_path + ".revenue");
  out["recognition"] = number(weights.recognition, id_path + ".recognition");
  return out;
}

Tree TreeBuilder::regime(const Regime& regime) const {
  Tree out = Tree::object();
  out["factions"] = list(regime.factions, [&](const Faction& faction) {
    Tree item = Tree::object();
    item["actor"] = faction.actor;
    if (faction.weights) {
      item["weights"] = weights(*faction.weights, "regime.factions." + faction.actor + ".weights");
    }
    return item;
  });
  out["leader"] = regime.leader;
  out["weights"] = weights(regime.weights, "regime.weights");
  out["cohesion"] = number(regime.cohesion, "regime.cohesion");
  if (regime.revenue_usd_bn) {
    out["revenue_usd_bn"] = number(*regime.revenue_usd_bn, "regime.revenue_usd_bn");
  }
  return out;
}

Tree TreeBuilder::spoiler(const Spoiler& spoiler) const {
  Tree out = Tree::object();
  out["actor"] = spoiler.actor;
  out["strength"] = number(spoiler.strength, "spoiler.strength");
  out["recruitment_from_defection"] =
      number(spoiler.recruitment_from_defection, "spoiler.recruitment_from_defection");
  if (spoiler.attacks_per_month) {
    out["attacks_per_month"] = number(*spoiler.attacks_per_month, "spoiler.attacks_per_month");
  }
  return out;
}

Tree TreeBuilder::population(const Population& population) const {
  Tree out = Tree::object();
  out["total_millions"] = number(population.total_millions, "population.total_millions");
  out["acute_food_insecure_millions"] =
      number(population.acute_food_insecure_millions, "population.acute_food_insecure_millions");
  if (population.humanitarian_need_millions) {
    out["humanitarian_need_millions"] =
        number(*population.humanitarian_need_millions, "population.humanitarian_need_millions");
  }
  if (population.gdp_usd_bn) {
    out["gdp_usd_bn"] = number(*population.gdp_usd_bn, "population.gdp_usd_bn");
  }
  return out;
}

Tree TreeBuilder::instrument(const Instrument& instrument) const {
  const std::string at = "instruments." + instrument.id;
  Tree out = Tree::object();
  out["id"] = instrument.id;
  put_text(out, "label", instrument.label);
  out["kind"] = to_string(instrument.kind);
  if (!instrument.controlled_by.empty()) out["controlled_by"] = instrument.controlled_by;
  out["size"] = number(instrument.size, at + ".size");
  put_text(out, "unit", instrument.unit);
  put_text(out, "track", instrument.track);
  if (!instrument.effects.empty()) out["effects"] = number_map(instrument.effects, at + ".effects");
  return out;
}

Tree TreeBuilder::strategy(const Strategy& strategy) const {
  Tree out = Tree::object();
  out["id"] = strategy.id;
  put_text(out, "label", strategy.label);
  put_text(out, "description", strategy.description);
  Tree policies = Tree::object();
  for (const auto& [bloc, bloc_policy] : strategy.policies) {
    policies[bloc] = policy(bloc_policy, "strategies." + strategy.id + ".policies." + bloc);
  }
  out["policies"] = std::move(policies);
  return out;
}

// A month as the reader takes it: YYYY-MM when the scenario is dated by month, else a number.
Tree TreeBuilder::month(int month) const {
  const auto start = month_index(s_.meta.as_of);
  if (!start) return month;
  const int index = *start + month;
  return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
}

Tree TreeBuilder::timeline_entry(const TimelineEntry& e, std::size_t index) const {
  const std::string at = "timeline." + (e.id.empty() ? std::to_string(index) : e.id);
  Tree out = Tree::object();
  put_text(out, "id", e.id);
  switch (e.kind) {
    case TimelineKind::policy: {
      out["from"] = month(e.from);
      if (e.until) out["until"] = month(*e.until);
      const Actor* actor = find_actor(s_, e.actor);
      out[actor && actor->kind == ActorKind::state ? "state" : "bloc"] = e.actor;
      if (!e.values.empty()) out["set"] = number_map(e.values, at + ".set");
      if (e.dialogue) out["dialogue"] = *e.dialogue;
      if (e.public_conditionality) out["public_conditionality"] = *e.public_conditionality;
      break;
    }
    case TimelineKind::shock:
      out["at"] = month(e.from);
      out["shock"] = number_map(e.values, at + ".shock");
      break;
    case TimelineKind::flow:
      out["from"] = month(e.from);
      if (e.until) out["until"] = month(*e.until);
      out["flow"] = number_map(e.values, at + ".flow");
      break;
    case TimelineKind::seasonal: {
      out["seasonal"] = e.variable;
      Tree profile = Tree::array();
      for (std::size_t m = 0; m < e.profile.size(); ++m) {
        profile.push_back(number(e.profile[m], fmt::format("{}.profile.{}", at, m)));
      }
      out["profile"] = std::move(profile);
      break;
    }
    case TimelineKind::trend:
      out["from"] = month(e.from);
      if (e.until) out["until"] = month(*e.until);
      out["trend"] = e.variable;
      out["per_year"] = number(e.values.empty() ? 0.0 : e.values.begin()->second, at + ".per_year");
      break;
  }
  return out;
}

Tree TreeBuilder::uncertainty() const {
  Tree out = Tree::object();
  for (const UncertainValue& entry : s_.uncertainty) {
    Tree distribution = Tree::object();
    distribution[to_string(entry.distribution.kind)] = entry.distribution.params;
    out[entry.path] = std::move(distribution);
  }
  return out;
}

}  // namespace

nlohmann::ordered_json scenario_tree(const Scenario& scenario) {
  return TreeBuilder(scenario).build();
}

}  // namespace parley::detail
