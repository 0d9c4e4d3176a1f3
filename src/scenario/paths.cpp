#include <fmt/format.h>

#include <limits>

#include "parley/scenario.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

// Fields without a range of their own take the magnitude every number is held to.
constexpr double unbounded = limits::max_magnitude;

class Collector {
 public:
  explicit Collector(std::vector<NumberField>& out) : out_(out) {}

  void add(std::string id_path, std::string index_path, double& value, double min, double max,
           bool evidence = true) {
    out_.push_back({std::move(id_path), std::move(index_path), &value, min, max, evidence});
  }
  void add(std::string id_path, std::string index_path, std::optional<double>& value, double min,
           double max) {
    if (value) add(std::move(id_path), std::move(index_path), *value, min, max);
  }

 private:
  std::vector<NumberField>& out_;
};

void collect_weights(Collector& c, const std::string& id, const std::string& index,
                     UtilityWeights& w) {
  // Each weight is a share in [0, 1]; models normalise by their sum.
  c.add(id + ".cohesion", index + ".cohesion", w.cohesion, 0, 1);
  c.add(id + ".ideology", index + ".ideology", w.ideology, 0, 1);
  c.add(id + ".revenue", index + ".revenue", w.revenue, 0, 1);
  c.add(id + ".recognition", index + ".recognition", w.recognition, 0, 1);
}

void collect_actors(Collector& c, Scenario& s) {
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    Actor& a = s.actors[i];
    const std::string id = "actors." + a.id, index = fmt::format("actors[{}]", i);
    c.add(id + ".capability", index + ".capability", a.capability, 0, unbounded);
    c.add(id + ".risk", index + ".risk", a.risk, -1, 1);
    for (auto& [issue_id, position] : a.positions) {
      const Issue* issue = find_issue(s, issue_id);
      c.add(id + ".positions." + issue_id, index + ".positions." + issue_id, position,
            issue ? issue->scale_min : -unbounded, issue ? issue->scale_max : unbounded);
    }
    for (auto& [issue_id, salience] : a.salience) {
      c.add(id + ".salience." + issue_id, index + ".salience." + issue_id, salience, 0, 100);
    }
    c.add(id + ".recognition", index + ".recognition", a.recognition, 0, 3);
  }
}

void collect_timeline(Collector& c, Scenario& s) {
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    TimelineEntry& e = s.timeline[i];
    const std::string id = "timeline." + (e.id.empty() ? std::to_string(i) : e.id),
                      index = fmt::format("timeline[{}]", i);
    switch (e.kind) {
      case TimelineKind::policy:
        for (auto& [instrument, level] : e.values) {
          c.add(id + ".set." + instrument, index + ".set." + instrument, level, 0, 1);
        }
        break;
      case TimelineKind::shock:
      case TimelineKind::flow: {
        const char* kind = e.kind == TimelineKind::shock ? ".shock." : ".flow.";
        for (auto& [variable, change] : e.values) {
          c.add(id + kind + variable, index + kind + variable, change, -unbounded, unbounded);
        }
        break;
      }
      case TimelineKind::trend:
        for (auto& [variable, rate] : e.values) {
          c.add(id + ".per_year", index + ".per_year", rate, -unbounded, unbounded);
        }
        break;
      case TimelineKind::seasonal:
        for (std::size_t m = 0; m < e.profile.size(); ++m) {
          c.add(fmt::format("{}.profile.{}", id, m), fmt::format("{}.profile[{}]", index, m),
                e.profile[m], std::numeric_limits<double>::min(), unbounded);
        }
        break;
    }
  }
}

void collect_context(Collector& c, Scenario& s) {
  if (s.regime) {
    Regime& r = *s.regime;
    collect_weights(c, "regime.weights", "regime.weights", r.weights);
    for (std::size_t i = 0; i < r.factions.size(); ++i) {
      if (r.factions[i].weights) {
        collect_weights(c, "regime.factions." + r.factions[i].actor + ".weights",
                        fmt::format("regime.factions[{}].weights", i), *r.factions[i].weights);
      }
    }
    c.add("regime.cohesion", "regime.cohesion", r.cohesion, 0, 1);
    c.add("regime.revenue_usd_bn", "regime.revenue_usd_bn", r.revenue_usd_bn, 0, unbounded);
  }
  if (s.spoiler) {
    Spoiler& sp = *s.spoiler;
    c.add("spoiler.strength", "spoiler.strength", sp.strength, 0, 1);
    c.add("spoiler.recruitment_from_defection", "spoiler.recruitment_from_defection",
          sp.recruitment_from_defection, 0, 1);
    c.add("spoiler.attacks_per_month", "spoiler.attacks_per_month", sp.attacks_per_month, 0,
          unbounded);
  }
  if (s.population) {
    Population& p = *s.population;
    // Bounded by the total only when the total itself is valid (else that is the one error).
    const double population_bound = p.total_millions > 0 ? p.total_millions : unbounded;
    c.add("population.total_millions", "population.total_millions", p.total_millions,
          std::numeric_limits<double>::min(), unbounded);
    c.add("population.acute_food_insecure_millions", "population.acute_food_insecure_millions",
          p.acute_food_insecure_millions, 0, population_bound);
    c.add("population.humanitarian_need_millions", "population.humanitarian_need_millions",
          p.humanitarian_need_millions, 0, population_bound);
    c.add("population.gdp_usd_bn", "population.gdp_usd_bn", p.gdp_usd_bn, 0, unbounded);
  }
}

void collect_instruments_and_parameters(Collector& c, Scenario& s) {
  for (std::size_t i = 0; i < s.instruments.size(); ++i) {
    Instrument& in = s.instruments[i];
    const std::string id = "instruments." + in.id, index = fmt::format("instruments[{}]", i);
    c.add(id + ".size", index + ".size", in.size, 0, unbounded);
    for (auto& [name, value] : in.effects) {
      c.add(id + ".effects." + name, index + ".effects." + name, value, -unbounded, unbounded);
    }
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    Issue& issue = s.issues[i];
    for (auto& [name, value] : issue.effects) {
      c.add("issues." + issue.id + ".effects." + name,
            fmt::format("issues[{}].effects.{}", i, name), value, -unbounded, unbounded);
    }
  }
  for (auto& [name, value] : s.parameters) {
    double min = -unbounded, max = unbounded;
    for (const auto& spec : engagement_parameter_specs()) {
      if (name == spec.name) min = spec.min, max = spec.max;
    }
    c.add("parameters." + name, "parameters." + name, value, min, max);
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    Issue& issue = s.issues[i];
    c.add("issues." + issue.id + ".status_quo", fmt::format("issues[{}].status_quo", i),
          issue.status_quo, issue.scale_min, issue.scale_max);
  }
}

}  // namespace

std::vector<NumberField> number_fields(Scenario& scenario) {
  std::vector<NumberField> fields;
  Collector collector(fields);
  collect_actors(collector, scenario);
  collect_context(collector, scenario);
  collect_instruments_and_parameters(collector, scenario);
  collect_timeline(collector, scenario);
  return fields;
}

double* find_number(Scenario& scenario, std::string_view id_path) {
  for (NumberField& field : number_fields(scenario)) {
    if (field.id_path == id_path) return field.value;
  }
  return nullptr;
}

bool path_matches(std::string_view pattern, std::string_view id_path) {
  while (true) {
    const auto pattern_dot = pattern.find('.');
    const auto path_dot = id_path.find('.');
    const std::string_view part = pattern.substr(0, pattern_dot);
    if (part != "*" && part != id_path.substr(0, path_dot)) return false;
    if (pattern_dot == std::string_view::npos || path_dot == std::string_view::npos) {
      return pattern_dot == std::string_view::npos && path_dot == std::string_view::npos;
    }
    pattern.remove_prefix(pattern_dot + 1);
    id_path.remove_prefix(path_dot + 1);
  }
}

namespace detail {

UncertaintyIndex::UncertaintyIndex(const std::vector<UncertainValue>& entries) {
  for (std::size_t e = 0; e < entries.size(); ++e) {
    by_path_[entries[e].path].push_back(static_cast<int>(e));
  }
}

namespace {

// The parts of an id path ("actors", "kandahar", "capability"); ids contain no '.'.
std::vector<std::string_view> split_parts(std::string_view path) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto dot = path.find('.');
    parts.push_back(path.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    path.remove_prefix(dot + 1);
  }
}

}  // namespace

void UncertaintyIndex::for_each_spelling(
    std::string_view id_path, const std::function<void(const std::string&, int)>& fn) const {
  // A pattern matches a path when each of its parts is the path's part or '*': the patterns that
  // can match a path of k parts are its 2^k spellings with some parts replaced by '*'. Paths
  // have at most 5 parts (regime.factions.<actor>.weights.<w>), so a lookup per spelling beats a
  // scan over every entry (issue 13, F9: validation was entries x numbers).
  const std::vector<std::string_view> parts = split_parts(id_path);
  const std::size_t k = parts.size();
  if (k > max_parts) return;
  std::string spelling;
  for (unsigned mask = 0; mask < (1u << k); ++mask) {
    spelling.clear();
    for (std::size_t i = 0; i < k; ++i) {
      if (i > 0) spelling += '.';
      spelling += (mask >> i) & 1u ? std::string_view("*") : parts[i];
    }
    auto it = by_path_.find(spelling);
    if (it == by_path_.end()) continue;
    for (int e : it->second) fn(spelling, e);
  }
}

int UncertaintyIndex::governing(std::string_view id_path) const {
  // An exact path wins (the spelling without '*', mask 0, comes first); among patterns the
  // first listed.
  int exact = -1, pattern = -1;
  for_each_spelling(id_path, [&](const std::string& spelling, int e) {
    if (spelling.size() == id_path.size() && spelling == id_path) {
      if (exact < 0) exact = e;
    } else if (pattern < 0 || e < pattern) {
      pattern = e;
    }
  });
  return exact >= 0 ? exact : pattern;
}

}  // namespace detail

std::vector<int> governing_uncertainty(const Scenario& scenario,
                                       const std::vector<NumberField>& fields) {
  const detail::UncertaintyIndex index(scenario.uncertainty);
  std::vector<int> governing(fields.size(), -1);
  for (std::size_t f = 0; f < fields.size(); ++f) governing[f] = index.governing(fields[f].id_path);
  return governing;
}

const std::vector<std::string>& condition_indicators() {
  static const std::vector<std::string> names = {"cohesion",
                                                 "revenue_usd_bn",
                                                 "spoiler_strength",
                                                 "attacks_per_month",
                                                 "acute_food_insecure_millions",
                                                 "month"};
  return names;
}

}  // namespace parley
