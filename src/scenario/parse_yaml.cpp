// Reads parley's scenario format v1 (YAML, or JSON with the same structure) into a Scenario.
// Structure and types are checked here; ranges and cross references in validate.cpp.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenario/input_checks.hpp"
#include "scenario/parsed.hpp"
#include "scenario/syntax_errors.hpp"
#include "scenario/yaml_reader.hpp"

namespace parley::detail {
namespace {

class ScenarioParser {
 public:
  ScenarioParser(Parsed& parsed, DiagnosticSink& sink)
      : parsed_(parsed), scenario_(parsed.scenario), in_(parsed, sink) {}

  void parse(const YAML::Node& root);

 private:
  void parse_meta(const YAML::Node& node, const FieldPath& at);
  void parse_issues(const YAML::Node& node, const FieldPath& at);
  void parse_actors(const YAML::Node& node, const FieldPath& at);
  void parse_blocs(const YAML::Node& node, const FieldPath& at);
  void parse_regime(const YAML::Node& node, const FieldPath& at);
  void parse_spoiler(const YAML::Node& node, const FieldPath& at);
  void parse_population(const YAML::Node& node, const FieldPath& at);
  void parse_instruments(const YAML::Node& node, const FieldPath& at);
  void parse_strategies(const YAML::Node& node, const FieldPath& at);
  void parse_timeline(const YAML::Node& node, const FieldPath& at);
  std::optional<int> read_month(const YAML::Node& node, const FieldPath& at);
  void parse_uncertainty(const YAML::Node& node, const FieldPath& at);
  void parse_parameters(const YAML::Node& node, const FieldPath& at);

  std::optional<BlocPolicy> parse_policy(const YAML::Node& node, const FieldPath& at);
  std::optional<Condition> parse_condition(const YAML::Node& node, const FieldPath& at);
  std::optional<UtilityWeights> parse_weights(const YAML::Node& node, const FieldPath& at);
  std::optional<Distribution> parse_distribution(const YAML::Node& node, const FieldPath& at);
  std::map<std::string, double> parse_number_map(const YAML::Node& node, const FieldPath& at);
  std::map<std::string, double> parse_level_map(const YAML::Node& node, const FieldPath& at);

  // The id of list element i, for id paths; empty when absent or malformed.
  static std::string element_id(const YAML::Node& element, const char* key = "id") {
    if (element.IsMap() && element[key] && element[key].IsScalar()) return element[key].Scalar();
    return {};
  }

  template <typename Fn>
  void each_element(const YAML::Node& list, const FieldPath& at, Fn&& fn, const char* key = "id") {
    if (!in_.check_sequence(list, at)) return;
    for (std::size_t i = 0; i < list.size(); ++i)
      fn(list[i], at.index(i, element_id(list[i], key)));
  }

  template <typename T>
  void set_if(std::optional<T> value, T& target) {
    if (value) target = *value;
  }

  Parsed& parsed_;
  Scenario& scenario_;
  YamlReader in_;
};

void ScenarioParser::parse(const YAML::Node& root) {
  const FieldPath top{};
  if (!root.IsMap()) {
    parsed_.readable = false;
    if (root.IsNull()) {
      in_.error("E002", root, top, "the file is empty; a scenario starts with 'parley: 1'");
    } else {
      in_.error("E012", root, top,
                "expected a scenario (a map with parley, meta, issues, actors, ...), got " +
                    std::string(root.IsSequence() ? "a list" : "a single value"));
    }
    return;
  }
  in_.check_map(root, top,
                {"parley", "meta", "issues", "actors", "blocs", "regime", "spoiler", "population",
                 "instruments", "strategies", "timeline", "uncertainty", "parameters"});
  if (in_.require(root, "parley", top)) {
    auto version = in_.read_int(root["parley"], top.key("parley"));
    if (version && *version != 1) {
      in_.error("E013", root["parley"], top.key("parley"),
                fmt::format("expected format version 1, got {}", *version));
    }
    set_if(version, scenario_.format_version);
  }
  if (in_.require(root, "meta", top)) parse_meta(root["meta"], top.key("meta"));
  if (in_.require(root, "issues", top)) parse_issues(root["issues"], top.key("issues"));
  if (in_.require(root, "actors", top)) parse_actors(root["actors"], top.key("actors"));
  if (root["blocs"]) parse_blocs(root["blocs"], top.key("blocs"));
  if (root["regime"]) parse_regime(root["regime"], top.key("regime"));
  if (root["spoiler"]) parse_spoiler(root["spoiler"], top.key("spoiler"));
  if (root["population"]) parse_population(root["population"], top.key("population"));
  if (root["instruments"]) parse_instruments(root["instruments"], top.key("instruments"));
  if (root["strategies"]) parse_strategies(root["strategies"], top.key("strategies"));
  if (root["timeline"]) parse_timeline(root["timeline"], top.key("timeline"));
  if (root["uncertainty"]) parse_uncertainty(root["uncertainty"], top.key("uncertainty"));
  if (root["parameters"]) parse_parameters(root["parameters"], top.key("parameters"));
}

void ScenarioParser::parse_meta(const YAML::Node& node, const FieldPath& at) {
  if (!in_.check_map(node, at, {"name", "description", "as_of", "sources"})) return;
  Meta& meta = scenario_.meta;
  if (in_.require(node, "name", at))
    set_if(in_.read_string(node["name"], at.key("name")), meta.name);
  if (node["description"]) {
    set_if(in_.read_string(node["description"], at.key("description")), meta.description);
  }
  if (node["as_of"]) set_if(in_.read_string(node["as_of"], at.key("as_of")), meta.as_of);
  if (!node["sources"]) return;
  each_element(node["sources"], at.key("sources"), [&](const YAML::Node& item, const FieldPath& p) {
    SourceRef source;
    if (!in_.check_map(item, p, {"id", "title", "url", "date"}))
      return meta.sources.push_back(source);
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), source.id);
    if (item["title"]) set_if(in_.read_string(item["title"], p.key("title")), source.title);
    if (item["url"]) set_if(in_.read_string(item["url"], p.key("url")), source.url);
    if (item["date"]) set_if(in_.read_string(item["date"], p.key("date")), source.date);
    meta.sources.push_back(source);
  });
}

void ScenarioParser::parse_issues(const YAML::Node& node, const FieldPath& at) {
  each_element(node, at, [&](const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p,
                       {"id", "label", "kind", "scale", "low", "high", "status_quo", "role",
                        "decided_by", "effects", "source", "judgement", "note"})) {
      return scenario_.issues.push_back({});
    }
    in_.push_default_provenance(item, p);
    Issue issue;
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), issue.id);
    if (item["label"]) set_if(in_.read_string(item["label"], p.key("label")), issue.label);
    if (in_.require(item, "kind", p)) {
      set_if(in_.read_enum(item["kind"], p.key("kind"),
                           {IssueKind::political, IssueKind::technical, IssueKind::humanitarian,
                            IssueKind::security}),
             issue.kind);
    }
    if (item["scale"]) {
      auto scale = in_.read_number_list(item["scale"], p.key("scale"));
      if (scale && scale->size() == 2) {
        issue.scale_min = (*scale)[0];
        issue.scale_max = (*scale)[1];
      } else if (scale) {
        in_.error("E012", item["scale"], p.key("scale"),
                  fmt::format("expected [min, max], got a list of {} numbers", scale->size()));
      }
    }
    if (item["low"]) set_if(in_.read_string(item["low"], p.key("low")), issue.low);
    if (item["high"]) set_if(in_.read_string(item["high"], p.key("high")), issue.high);
    if (item["status_quo"])
      issue.status_quo = in_.read_number(item["status_quo"], p.key("status_quo"));
    if (item["role"]) set_if(in_.read_id(item["role"], p.key("role")), issue.role);
    if (item["decided_by"]) {
      issue.decided_by =
          in_.read_enum(item["decided_by"], p.key("decided_by"),
                        {IssueControl::regime, IssueControl::agreement, IssueControl::outsiders});
    }
    if (item["effects"]) issue.effects = parse_number_map(item["effects"], p.key("effects"));
    in_.pop_default_provenance();
    scenario_.issues.push_back(issue);
  });
}

void ScenarioParser::parse_actors(const YAML::Node& node, const FieldPath& at) {
  each_element(node, at, [&](const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p,
                       {"id", "name", "kind", "bloc", "capability", "risk", "positions", "salience",
                        "recognition", "source", "judgement", "note"})) {
      return scenario_.actors.push_back({});
    }
    in_.push_default_provenance(item, p);
    Actor actor;
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), actor.id);
    if (item["name"]) set_if(in_.read_string(item["name"], p.key("name")), actor.name);
    if (in_.require(item, "kind", p)) {
      set_if(in_.read_enum(item["kind"], p.key("kind"),
                           {ActorKind::state, ActorKind::regime_faction, ActorKind::armed_group,
                            ActorKind::organisation}),
             actor.kind);
    }
    if (item["bloc"] && !item["bloc"].IsNull())
      set_if(in_.read_id(item["bloc"], p.key("bloc")), actor.bloc);
    if (in_.require(item, "capability", p)) {
      set_if(in_.read_number(item["capability"], p.key("capability")), actor.capability);
    }
    if (item["risk"]) actor.risk = in_.read_number(item["risk"], p.key("risk"));
    if (item["positions"])
      actor.positions = parse_number_map(item["positions"], p.key("positions"));
    if (item["salience"]) actor.salience = parse_number_map(item["salience"], p.key("salience"));
    if (item["recognition"])
      actor.recognition = in_.read_number(item["recognition"], p.key("recognition"));
    in_.pop_default_provenance();
    scenario_.actors.push_back(actor);
  });
}

std::map<std::string, double> ScenarioParser::parse_number_map(const YAML::Node& node,
                                                               const FieldPath& at) {
  std::map<std::string, double> values;
  in_.remember(node, at);
  if (!node.IsMap()) {
    in_.error("E012", node, at,
              std::string("expected a map of id: number, got ") + (node.IsSequence() ? "a list"
                                                                   : node.IsScalar()
                                                                       ? "'" + node.Scalar() + "'"
                                                                       : "nothing"));
    return values;
  }
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    FieldPath field = at.key(key);
    if (values.count(key)) {
      in_.error("E020", entry.first, field, "duplicate key '" + key + "'");
      continue;
    }
    in_.remember(entry.first, {field.path + key_suffix, field.id_path});
    if (auto value = in_.read_number(entry.second, field)) values[key] = *value;
  }
  return values;
}

void ScenarioParser::parse_blocs(const YAML::Node& node, const FieldPath& at) {
  each_element(node, at, [&](const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p, {"id", "label", "members", "baseline"})) {
      return scenario_.blocs.push_back({});
    }
    Bloc bloc;
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), bloc.id);
    if (item["label"]) set_if(in_.read_string(item["label"], p.key("label")), bloc.label);
    if (item["members"]) bloc.members = in_.read_id_list(item["members"], p.key("members"));
    if (item["baseline"]) bloc.baseline = parse_policy(item["baseline"], p.key("baseline"));
    scenario_.blocs.push_back(bloc);
  });
}

std::optional<UtilityWeights> ScenarioParser::parse_weights(const YAML::Node& node,
                                                            const FieldPath& at) {
  if (!in_.check_map(node, at, {"cohesion", "ideology", "revenue", "recognition"})) {
    return std::nullopt;
  }
  UtilityWeights weights;
  const std::pair<const char*, double*> fields[] = {{"cohesion", &weights.cohesion},
                                                    {"ideology", &weights.ideology},
                                                    {"revenue", &weights.revenue},
                                                    {"recognition", &weights.recognition}};
  for (auto [name, target] : fields) {
    if (in_.require(node, name, at)) set_if(in_.read_number(node[name], at.key(name)), *target);
  }
  return weights;
}

void ScenarioParser::parse_regime(const YAML::Node& node, const FieldPath& at) {
  if (!in_.check_map(node, at,
                     {"factions", "leader", "weights", "cohesion", "revenue_usd_bn", "source",
                      "judgement", "note"})) {
    return;
  }
  in_.push_default_provenance(node, at);
  Regime regime;
  if (in_.require(node, "factions", at)) {
    each_element(
        node["factions"], at.key("factions"),
        [&](const YAML::Node& item, const FieldPath& p) {
          if (!in_.check_map(item, p, {"actor", "weights"})) return regime.factions.push_back({});
          Faction faction;
          if (in_.require(item, "actor", p))
            set_if(in_.read_id(item["actor"], p.key("actor")), faction.actor);
          if (item["weights"]) faction.weights = parse_weights(item["weights"], p.key("weights"));
          regime.factions.push_back(faction);
        },
        "actor");
  }
  if (in_.require(node, "leader", at))
    set_if(in_.read_id(node["leader"], at.key("leader")), regime.leader);
  if (in_.require(node, "weights", at))
    set_if(parse_weights(node["weights"], at.key("weights")), regime.weights);
  if (node["cohesion"])
    set_if(in_.read_number(node["cohesion"], at.key("cohesion")), regime.cohesion);
  if (node["revenue_usd_bn"]) {
    regime.revenue_usd_bn = in_.read_number(node["revenue_usd_bn"], at.key("revenue_usd_bn"));
  }
  in_.pop_default_provenance();
  scenario_.regime = regime;
}

void ScenarioParser::parse_spoiler(const YAML::Node& node, const FieldPath& at) {
  if (!in_.check_map(node, at,
                     {"actor", "strength", "recruitment_from_defection", "attacks_per_month",
                      "source", "judgement", "note"})) {
    return;
  }
  in_.push_default_provenance(node, at);
  Spoiler spoiler;
  if (in_.require(node, "actor", at))
    set_if(in_.read_id(node["actor"], at.key("actor")), spoiler.actor);
  if (in_.require(node, "strength", at)) {
    set_if(in_.read_number(node["strength"], at.key("strength")), spoiler.strength);
  }
  if (node["recruitment_from_defection"]) {
    set_if(
        in_.read_number(node["recruitment_from_defection"], at.key("recruitment_from_defection")),
        spoiler.recruitment_from_defection);
  }
  if (node["attacks_per_month"]) {
    spoiler.attacks_per_month =
        in_.read_number(node["attacks_per_month"], at.key("attacks_per_month"));
  }
  in_.pop_default_provenance();
  scenario_.spoiler = spoiler;
}

void ScenarioParser::parse_population(const YAML::Node& node, const FieldPath& at) {
  if (!in_.check_map(node, at,
                     {"total_millions", "acute_food_insecure_millions",
                      "humanitarian_need_millions", "gdp_usd_bn", "source", "judgement", "note"})) {
    return;
  }
  in_.push_default_provenance(node, at);
  Population population;
  if (in_.require(node, "total_millions", at)) {
    set_if(in_.read_number(node["total_millions"], at.key("total_millions")),
           population.total_millions);
  }
  if (in_.require(node, "acute_food_insecure_millions", at)) {
    set_if(in_.read_number(node["acute_food_insecure_millions"],
                           at.key("acute_food_insecure_millions")),
           population.acute_food_insecure_millions);
  }
  if (node["humanitarian_need_millions"]) {
    population.humanitarian_need_millions =
        in_.read_number(node["humanitarian_need_millions"], at.key("humanitarian_need_millions"));
  }
  if (node["gdp_usd_bn"])
    population.gdp_usd_bn = in_.read_number(node["gdp_usd_bn"], at.key("gdp_usd_bn"));
  in_.pop_default_provenance();
  scenario_.population = population;
}

void ScenarioParser::parse_instruments(const YAML::Node& node, const FieldPath& at) {
  each_element(node, at, [&](const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p,
                       {"id", "label", "kind", "controlled_by", "size", "unit", "track", "effects",
                        "source", "judgement", "note"})) {
      return scenario_.instruments.push_back({});
    }
    in_.push_default_provenance(item, p);
    Instrument instrument;
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), instrument.id);
    if (item["label"]) set_if(in_.read_string(item["label"], p.key("label")), instrument.label);
    if (in_.require(item, "kind", p)) {
      set_if(in_.read_enum(item["kind"], p.key("kind"),
                           {InstrumentKind::sanctions, InstrumentKind::frozen_assets,
                            InstrumentKind::aid, InstrumentKind::recognition,
                            InstrumentKind::ct_cooperation, InstrumentKind::technical_assistance,
                            InstrumentKind::dialogue, InstrumentKind::other}),
             instrument.kind);
    }
    if (item["controlled_by"]) {
      instrument.controlled_by = in_.read_id_list(item["controlled_by"], p.key("controlled_by"));
    }
    if (item["size"]) set_if(in_.read_number(item["size"], p.key("size")), instrument.size);
    if (item["unit"]) set_if(in_.read_string(item["unit"], p.key("unit")), instrument.unit);
    if (item["track"]) set_if(in_.read_id(item["track"], p.key("track")), instrument.track);
    if (item["effects"]) instrument.effects = parse_number_map(item["effects"], p.key("effects"));
    in_.pop_default_provenance();
    scenario_.instruments.push_back(instrument);
  });
}

std::map<std::string, double> ScenarioParser::parse_level_map(const YAML::Node& node,
                                                              const FieldPath& at) {
  return parse_number_map(node, at);
}

std::optional<Condition> ScenarioParser::parse_condition(const YAML::Node& node,
                                                         const FieldPath& at) {
  if (!in_.check_map(node, at, {"when", "set"})) return std::nullopt;
  Condition condition;
  // Both checks run, so that a condition missing both fields reports both.
  const bool has_when = in_.require(node, "when", at);
  const bool has_set = in_.require(node, "set", at);
  if (!has_when || !has_set) return std::nullopt;
  auto text = in_.read_string(node["when"], at.key("when"));
  if (text) {
    // "<subject> <op> <number>", e.g. "girls_education >= 50".
    std::istringstream words(*text);
    std::string number, rest;
    words >> condition.subject >> condition.op >> number;
    const char* ops[] = {"<", "<=", ">", ">=", "=="};
    bool known_op = std::find(std::begin(ops), std::end(ops), condition.op) != std::end(ops);
    std::size_t used = 0;
    bool parsed_number = false;
    try {
      condition.threshold = std::stod(number, &used);
      parsed_number = used == number.size() && std::isfinite(condition.threshold);
    } catch (const std::exception&) {
    }
    if (!known_op || !parsed_number || condition.subject.empty() || (words >> rest)) {
      in_.error("E040", node["when"], at.key("when"),
                "expected '<issue or indicator> <op> <number>' with op one of < <= > >= ==, got '" +
                    *text + "'");
      return std::nullopt;
    }
    if (auto problem = magnitude_problem(condition.threshold)) {
      in_.error("E016", node["when"], at.key("when"), "the threshold: " + *problem);
      return std::nullopt;
    }
  }
  condition.set = parse_level_map(node["set"], at.key("set"));
  if (!text) return std::nullopt;
  return condition;
}

std::optional<BlocPolicy> ScenarioParser::parse_policy(const YAML::Node& node,
                                                       const FieldPath& at) {
  if (!in_.check_map(node, at,
                     {"linkage", "dialogue", "public_conditionality", "instruments", "tracks",
                      "conditions"})) {
    return std::nullopt;
  }
  BlocPolicy policy;
  if (node["linkage"]) {
    set_if(
        in_.read_enum(node["linkage"], at.key("linkage"), {Linkage::bundled, Linkage::piecemeal}),
        policy.linkage);
  }
  if (node["dialogue"])
    set_if(in_.read_bool(node["dialogue"], at.key("dialogue")), policy.dialogue);
  if (node["public_conditionality"]) {
    set_if(in_.read_bool(node["public_conditionality"], at.key("public_conditionality")),
           policy.public_conditionality);
  }
  if (node["instruments"])
    policy.instruments = parse_level_map(node["instruments"], at.key("instruments"));
  if (node["tracks"]) policy.tracks = in_.read_id_list(node["tracks"], at.key("tracks"));
  if (node["conditions"] && in_.check_sequence(node["conditions"], at.key("conditions"))) {
    for (std::size_t i = 0; i < node["conditions"].size(); ++i) {
      // A malformed condition still takes its slot, so later ones keep their index.
      auto condition = parse_condition(node["conditions"][i], at.key("conditions").index(i, ""));
      policy.conditions.push_back(condition.value_or(Condition{}));
    }
  }
  return policy;
}

void ScenarioParser::parse_strategies(const YAML::Node& node, const FieldPath& at) {
  each_element(node, at, [&](const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p, {"id", "label", "description", "policies"})) {
      return scenario_.strategies.push_back({});
    }
    Strategy strategy;
    if (in_.require(item, "id", p)) set_if(in_.read_id(item["id"], p.key("id")), strategy.id);
    if (item["label"]) set_if(in_.read_string(item["label"], p.key("label")), strategy.label);
    if (item["description"]) {
      set_if(in_.read_string(item["description"], p.key("description")), strategy.description);
    }
    if (in_.require(item, "policies", p)) {
      const YAML::Node policies = item["policies"];
      FieldPath policies_at = p.key("policies");
      in_.remember(policies, policies_at);
      if (!policies.IsMap()) {
        in_.error("E012", policies, policies_at, "expected a map of bloc or state id: policy");
      } else {
        for (const auto& entry : policies) {
          const std::string bloc = entry.first.Scalar();
          FieldPath field = policies_at.key(bloc);
          if (strategy.policies.count(bloc)) {
            in_.error("E020", entry.first, field, "duplicate key '" + bloc + "'");
            continue;
          }
          in_.remember(entry.first, {field.path + key_suffix, field.id_path});
          if (auto policy = parse_policy(entry.second, field)) strategy.policies[bloc] = *policy;
        }
      }
    }
    scenario_.strategies.push_back(strategy);
  });
}

// A month of the timeline: "YYYY-MM" (counted from meta.as_of) or a month number.
std::optional<int> ScenarioParser::read_month(const YAML::Node& node, const FieldPath& at) {
  in_.remember(node, at);
  if (!node.IsScalar()) {
    in_.error("E012", node, at, "expected a month, YYYY-MM or a month number");
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  if (const auto month = month_index(text)) {
    const auto start = month_index(scenario_.meta.as_of);
    if (!start) {
      in_.error("E050", node, at,
                fmt::format("a date needs meta.as_of as YYYY-MM (month 0), got '{}'; or give a "
                            "month number",
                            scenario_.meta.as_of));
      return std::nullopt;
    }
    return *month - *start;
  }
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) {
    in_.error("E012", node, at, "expected a month, YYYY-MM or a month number, got '" + text + "'");
    return std::nullopt;
  }
  return number;
}

void ScenarioParser::parse_timeline(const YAML::Node& node, const FieldPath& at) {
  if (!in_.check_sequence(node, at)) return;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    // Entries are addressed by their id when they have one, else by their index.
    const std::string id = element_id(item);
    const FieldPath p = at.index(i, id.empty() ? std::to_string(i) : id);
    TimelineEntry entry;
    if (!in_.check_map(item, p,
                       {"id", "from", "until", "at", "bloc", "state", "set", "dialogue",
                        "public_conditionality", "shock", "flow", "seasonal", "profile", "trend",
                        "per_year", "source", "judgement", "note"})) {
      scenario_.timeline.push_back(entry);
      continue;
    }
    in_.push_default_provenance(item, p);
    if (item["id"]) set_if(in_.read_id(item["id"], p.key("id")), entry.id);
    // A policy entry names a bloc or a state; every other kind is named by its own key.
    const char* kinds[] = {"shock", "flow", "seasonal", "trend"};
    std::vector<std::string> given;
    if (item["bloc"] || item["state"] || item["set"]) given.push_back("policy");
    for (const char* kind : kinds) {
      if (item[kind]) given.push_back(kind);
    }
    if (given.size() != 1) {
      in_.error("E050", item, p,
                given.empty()
                    ? std::string("expected one of a policy (bloc or state, with set, "
                                  "dialogue or public_conditionality), shock, flow, "
                                  "seasonal, trend")
                    : fmt::format("expected one kind of entry, got {}", fmt::join(given, " and ")));
    }
    const std::string kind = given.empty() ? "" : given.front();
    if (item["at"]) set_if(read_month(item["at"], p.key("at")), entry.from);
    if (item["from"]) set_if(read_month(item["from"], p.key("from")), entry.from);
    if (item["until"]) entry.until = read_month(item["until"], p.key("until"));
    if (item["bloc"]) set_if(in_.read_id(item["bloc"], p.key("bloc")), entry.actor);
    if (item["state"]) set_if(in_.read_id(item["state"], p.key("state")), entry.actor);
    if (kind == "policy") {
      entry.kind = TimelineKind::policy;
      if (!item["bloc"] && !item["state"]) {
        in_.error("E010", item, p, "a policy entry names the bloc or the state that acts");
      }
      if (item["set"]) entry.values = parse_level_map(item["set"], p.key("set"));
      if (item["dialogue"]) entry.dialogue = in_.read_bool(item["dialogue"], p.key("dialogue"));
      if (item["public_conditionality"]) {
        entry.public_conditionality =
            in_.read_bool(item["public_conditionality"], p.key("public_conditionality"));
      }
      if (!item["set"] && !item["dialogue"] && !item["public_conditionality"]) {
        in_.error("E010", item, p,
                  "a policy entry sets instruments (set), dialogue or public_conditionality");
      }
    } else if (kind == "shock" || kind == "flow") {
      entry.kind = kind == "shock" ? TimelineKind::shock : TimelineKind::flow;
      entry.values = parse_number_map(item[kind], p.key(kind));
    } else if (kind == "seasonal") {
      entry.kind = TimelineKind::seasonal;
      set_if(in_.read_id(item["seasonal"], p.key("seasonal")), entry.variable);
      // Read one by one, so that each factor can carry its own provenance.
      const FieldPath profile_at = p.key("profile");
      if (in_.require(item, "profile", p) && in_.check_sequence(item["profile"], profile_at)) {
        for (std::size_t m = 0; m < item["profile"].size(); ++m) {
          const auto factor =
              in_.read_number(item["profile"][m], profile_at.index(m, std::to_string(m)));
          entry.profile.push_back(factor.value_or(1.0));
        }
      }
    } else if (kind == "trend") {
      entry.kind = TimelineKind::trend;
      set_if(in_.read_id(item["trend"], p.key("trend")), entry.variable);
      if (in_.require(item, "per_year", p)) {
        if (auto rate = in_.read_number(item["per_year"], p.key("per_year"))) {
          entry.values[entry.variable] = *rate;
        }
      }
    }
    in_.pop_default_provenance();
    scenario_.timeline.push_back(entry);
  }
}

std::optional<Distribution> ScenarioParser::parse_distribution(const YAML::Node& node,
                                                               const FieldPath& at) {
  if (!in_.check_map(node, at,
                     {"uniform", "triangular", "normal", "beta", "spread", "relative", "empirical",
                      "fixed"})) {
    return std::nullopt;
  }
  if (node.size() != 1) {
    in_.error("E031", node, at,
              fmt::format("expected exactly one of uniform, triangular, normal, beta, spread, "
                          "relative, empirical, fixed; got {}",
                          node.size()));
    return std::nullopt;
  }
  const std::string name = node.begin()->first.Scalar();
  const std::pair<const char*, DistributionKind> kinds[] = {
      {"uniform", DistributionKind::uniform},     {"triangular", DistributionKind::triangular},
      {"normal", DistributionKind::normal},       {"beta", DistributionKind::beta},
      {"spread", DistributionKind::spread},       {"relative", DistributionKind::relative},
      {"empirical", DistributionKind::empirical}, {"fixed", DistributionKind::fixed}};
  Distribution distribution;
  for (auto [kind_name, kind] : kinds) {
    if (name == kind_name) distribution.kind = kind;
  }
  const YAML::Node params = node.begin()->second;
  // spread and relative take one number, written bare or as a one-element list.
  const bool one_number = distribution.kind == DistributionKind::spread ||
                          distribution.kind == DistributionKind::relative;
  if (one_number && params.IsScalar()) {
    auto value = in_.read_number(params, at.key(name));
    if (!value) return std::nullopt;
    distribution.params = {*value};
    return distribution;
  }
  auto list = in_.read_number_list(params, at.key(name));
  if (!list) return std::nullopt;
  distribution.params = *list;
  return distribution;
}

void ScenarioParser::parse_uncertainty(const YAML::Node& node, const FieldPath& at) {
  in_.remember(node, at);
  if (!node.IsMap()) {
    in_.error("E012", node, at, "expected a map of field path: distribution");
    return;
  }
  for (const auto& entry : node) {
    const std::string path = entry.first.Scalar();
    FieldPath field{at.path + "[\"" + path + "\"]", path};
    in_.remember(entry.first, field);
    if (auto distribution = parse_distribution(entry.second, field)) {
      scenario_.uncertainty.push_back({path, *distribution});
    }
  }
}

void ScenarioParser::parse_parameters(const YAML::Node& node, const FieldPath& at) {
  scenario_.parameters = parse_number_map(node, at);
}

}  // namespace

Parsed parse_yaml_scenario(std::string_view text, const std::string& file) {
  Parsed parsed;
  DiagnosticSink sink(file, parsed.locations, parsed.diagnostics);
  if (auto deep = nesting_beyond(text, limits::max_nesting_depth)) {
    sink.error_at("E004", deep->where, "", deep->message);
    parsed.readable = false;
    return parsed;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // Nesting that the scan above did not count (it follows YAML's layout only roughly).
    sink.error_at("E004", {e.mark.line + 1, e.mark.column + 1}, "",
                  fmt::format("maps and lists nest too deep here; parley reads at most {} levels",
                              limits::max_nesting_depth));
    parsed.readable = false;
    return parsed;
  } catch (const YAML::Exception& e) {
    SyntaxProblem problem = explain_yaml_error(text, e.mark.line, e.mark.column, e.msg);
    sink.error_at("E002", problem.where, "", problem.message);
    parsed.readable = false;
    return parsed;
  }
  parsed.locations[""] = {1, 1};
  ScenarioParser(parsed, sink).parse(root);
  return parsed;
}

Parsed parse_json_scenario(std::string_view text, const std::string& file) {
  // nlohmann/json checks strict JSON syntax; the structure is then read with the YAML reader
  // (JSON is YAML's flow style), which keeps line and column for every field.
  try {
    const nlohmann::json checked = nlohmann::json::parse(text);
    (void)checked;
  } catch (const nlohmann::json::parse_error& e) {
    Parsed parsed;
    DiagnosticSink sink(file, parsed.locations, parsed.diagnostics);
    SyntaxProblem problem = explain_json_error(text, e.byte, e.what());
    const bool not_finite = problem.message.rfind("JSON has no NaN", 0) == 0;
    sink.error_at(not_finite ? "E014" : "E002", problem.where, "", problem.message);
    parsed.readable = false;
    return parsed;
  } catch (const nlohmann::json::exception&) {
    // Valid syntax that nlohmann cannot hold (a number like 1e999): the YAML reader reports it
    // at its own line and column.
  }
  return parse_yaml_scenario(text, file);
}

}  // namespace parley::detail
