// Reads and checks observation files (docs/observations.md): what happened after a scenario's
// date, to score runs against. Structure and types are read with the scenario's YAML reader, so
// mistakes are reported the same way; the checks particular to observations are E100-E109.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

#include "scenario/did_you_mean.hpp"
#include "scenario/event_predicate.hpp"
#include "scenario/input_checks.hpp"
#include "scenario/parsed.hpp"
#include "scenario/syntax_errors.hpp"
#include "scenario/yaml_reader.hpp"

namespace parley {

bool passes(const SeriesTest& test, double value) {
  const std::string& op = test.op;
  if (op == "<") return value < test.threshold;
  if (op == "<=") return value <= test.threshold;
  if (op == ">") return value > test.threshold;
  if (op == ">=") return value >= test.threshold;
  if (op == "==") return value == test.threshold;
  return value != test.threshold;
}

const char* to_string(EventWindow window) {
  switch (window) {
    case EventWindow::by:
      return "by";
    case EventWindow::at:
      return "at";
    case EventWindow::throughout:
      return "throughout";
  }
  return "?";
}

std::string month_label(const std::string& start, int month) {
  const auto first = detail::calendar_index(start);
  if (!first) return fmt::format("month {}", month);
  const int index = *first + month;
  return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
}

int last_month(const Observations& observations) {
  int last = 0;
  for (const ObservedEvent& e : observations.events) last = std::max(last, e.predicate.month);
  for (const IndicatorObservation& i : observations.indicators) last = std::max(last, i.month);
  return last;
}

Observations observations_between(const Observations& observations, int first, int last) {
  Observations kept = observations;
  for (const IndicatorObservation& i : observations.indicators) {
    if (i.month < first) kept.earlier_indicators.push_back(i);
  }
  std::erase_if(kept.events, [&](const ObservedEvent& e) {
    return e.predicate.month < first || e.predicate.month > last;
  });
  std::erase_if(kept.indicators,
                [&](const IndicatorObservation& i) { return i.month < first || i.month > last; });
  if (kept.events.empty() && kept.indicators.empty()) {
    throw Error(
        ErrorId::request_value_out_of_range,
        fmt::format("no observation of '{}' lies between {} and {}", observations.name,
                    month_label(observations.start, first), month_label(observations.start, last)));
  }
  return kept;
}

int observation_month(const Observations& observations, std::string_view text) {
  const auto month = detail::parse_month_text(text);
  const auto start = detail::calendar_index(observations.start);
  std::optional<int> offset;
  if (month && month->relative) offset = month->relative;
  if (month && month->calendar && start) offset = *month->calendar - *start;
  if (!offset || *offset < 0) {
    throw Error(ErrorId::request_value_out_of_range,
                fmt::format("'{}' is not a month of the observations: expected YYYY-MM from {} on, "
                            "or 'month N'",
                            text, observations.start));
  }
  return *offset;
}

bool looks_like_observations(std::string_view text) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return root.IsMap() && root["observations"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

namespace detail {
namespace {

class ObservationsParser {
 public:
  ObservationsParser(Parsed& parsed, DiagnosticSink& sink, const ObservationContext* context,
                     Observations& out)
      : sink_(sink), in_(parsed, sink), context_(context), out_(out) {}

  void parse(const YAML::Node& root) {
    const FieldPath top{};
    if (!root.IsMap()) {
      in_.error("E012", root, top,
                root.IsNull() ? "the file is empty; an observations file starts with 'parley: 1'"
                              : "expected observations (a map with parley, observations, events, "
                                "indicators)");
      return;
    }
    if (root["issues"] || root["actors"]) {
      in_.error("E100", root, top,
                "this is a scenario, not an observations file (expected the keys parley, "
                "observations, events, indicators; docs/observations.md)");
      return;
    }
    in_.check_map(root, top, {"parley", "observations", "events", "indicators"});
    if (in_.require(root, "parley", top)) {
      auto version = in_.read_int(root["parley"], top.key("parley"));
      if (version && *version != 1) {
        in_.error("E013", root["parley"], top.key("parley"),
                  fmt::format("expected format version 1, got {}", *version));
      }
    }
    if (in_.require(root, "observations", top))
      parse_meta(root["observations"], top.key("observations"));
    if (root["events"]) parse_events(root["events"], top.key("events"));
    if (root["indicators"]) parse_indicators(root["indicators"], top.key("indicators"));
    if (!root["events"] && !root["indicators"]) {
      in_.error("E109", root, top, "nothing to score: give at least one event or indicator");
    }
    check_unique_ids();
  }

 private:
  void parse_meta(const YAML::Node& node, const FieldPath& at) {
    if (!in_.check_map(node, at, {"name", "description", "start", "scenario_as_of", "sources"}))
      return;
    if (in_.require(node, "name", at))
      set(in_.read_string(node["name"], at.key("name")), out_.name);
    if (node["description"])
      set(in_.read_string(node["description"], at.key("description")), out_.description);
    if (in_.require(node, "start", at)) {
      auto text = in_.read_string(node["start"], at.key("start"));
      if (text && !calendar_index(*text)) {
        in_.error("E101", node["start"], at.key("start"),
                  "expected the month a run's month 0 stands for, as YYYY-MM, got '" + *text + "'");
      } else if (text) {
        out_.start = *text;
        start_ = calendar_index(*text);
      }
    }
    if (node["scenario_as_of"])
      set(in_.read_string(node["scenario_as_of"], at.key("scenario_as_of")), out_.scenario_as_of);
    if (node["sources"]) parse_sources(node["sources"], at.key("sources"));
    if (context_ && start_) check_start(node, at);
  }

  // Month 0 of a run is the scenario's as_of; a file written for another start says so.
  void check_start(const YAML::Node& node, const FieldPath& at) {
    const std::string& as_of = context_->as_of;
    if (as_of.empty()) return;
    if (!out_.scenario_as_of.empty()) {
      if (out_.scenario_as_of != as_of) {
        in_.error("E104", node["scenario_as_of"], at.key("scenario_as_of"),
                  fmt::format("this file maps its start to a scenario as of '{}', but the "
                              "scenario's meta.as_of is '{}'",
                              out_.scenario_as_of, as_of));
      }
      return;
    }
    if (out_.start != as_of) {
      in_.error("E104", node["start"], at.key("start"),
                fmt::format("start '{}' is not the scenario's meta.as_of '{}': a run's month 0 is "
                            "the scenario's as_of; set start to '{}', or add scenario_as_of: "
                            "'{}' to map this start to it explicitly",
                            out_.start, as_of, as_of, as_of));
    }
  }

  void parse_sources(const YAML::Node& node, const FieldPath& at) {
    if (!in_.check_sequence(node, at)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const FieldPath p = at.index(i, "");
      SourceRef source;
      if (!in_.check_map(item, p, {"id", "title", "url", "date"})) continue;
      if (in_.require(item, "id", p)) set(in_.read_id(item["id"], p.key("id")), source.id);
      if (item["title"]) set(in_.read_string(item["title"], p.key("title")), source.title);
      if (item["url"]) set(in_.read_string(item["url"], p.key("url")), source.url);
      if (item["date"]) set(in_.read_string(item["date"], p.key("date")), source.date);
      out_.sources.push_back(source);
    }
  }

  void parse_events(const YAML::Node& node, const FieldPath& at) {
    if (!in_.check_sequence(node, at)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const FieldPath p = at.index(i, "");
      if (auto event = parse_event(node[i], p)) {
        event_paths_.push_back(p.path);
        out_.events.push_back(std::move(*event));
      }
    }
  }

  std::optional<ObservedEvent> parse_event(const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p,
                       {"id", "label", "predicate", "happened", "month", "source", "note"})) {
      return std::nullopt;
    }
    ObservedEvent event;
    bool ok = true;
    if (in_.require(item, "id", p)) set(in_.read_id(item["id"], p.key("id")), event.id);
    if (item["label"]) set(in_.read_string(item["label"], p.key("label")), event.label);
    if (item["note"]) set(in_.read_string(item["note"], p.key("note")), event.note);
    ok = read_source(item, p, event.source) && ok;
    std::optional<EventPredicate> predicate;
    if (in_.require(item, "predicate", p)) predicate = parse_event_predicate(item["predicate"], p);
    std::optional<bool> happened;
    if (in_.require(item, "happened", p))
      happened = in_.read_bool(item["happened"], p.key("happened"));
    std::optional<int> month;
    // Checked against the horizon below, which is checked against the runs.
    if (item["month"]) month = read_month(item["month"], p.key("month"), false);
    if (!predicate || !happened || (item["month"] && !month)) return std::nullopt;
    event.predicate = *predicate;
    event.happened = *happened;
    event.month = month;
    if (!check_outcome(event, item, p)) return std::nullopt;
    return ok ? std::optional(event) : std::nullopt;
  }

  std::optional<EventPredicate> parse_event_predicate(const YAML::Node& node, const FieldPath& p) {
    const FieldPath at = p.key("predicate");
    auto text = in_.read_string(node, at);
    if (!text) return std::nullopt;
    PredicateParse parsed = parse_predicate(*text);
    if (!parsed.predicate) {
      in_.error("E102", node, at, parsed.problem + " in '" + *text + "'");
      return std::nullopt;
    }
    EventPredicate predicate = *parsed.predicate;
    predicate.text = *text;
    auto horizon = resolve(*parsed.horizon, node, at, true);
    if (!horizon) return std::nullopt;
    predicate.month = *horizon;
    bool known = true;
    for (const auto& group : predicate.any_of) {
      for (const SeriesTest& test : group) known = check_series(test.series, node, at) && known;
    }
    return known ? std::optional(predicate) : std::nullopt;
  }

  // The observed outcome must fit the predicate: a month only for a `by` event that happened,
  // and not after its horizon.
  bool check_outcome(const ObservedEvent& event, const YAML::Node& item, const FieldPath& p) {
    if (!event.month) return true;
    const YAML::Node node = item["month"];
    const FieldPath at = p.key("month");
    if (!event.happened) {
      in_.error("E106", node, at, "an event that did not happen has no month; remove it");
      return false;
    }
    if (event.predicate.window != EventWindow::by) {
      in_.error("E106", node, at,
                fmt::format("a month is the month a 'by' event first held; this event's window "
                            "is '{}'",
                            to_string(event.predicate.window)));
      return false;
    }
    if (*event.month > event.predicate.month) {
      in_.error("E106", node, at,
                fmt::format("the event happened in {}, after its horizon {}: it did not happen "
                            "by then",
                            month_label(out_.start, *event.month),
                            month_label(out_.start, event.predicate.month)));
      return false;
    }
    return true;
  }

  void parse_indicators(const YAML::Node& node, const FieldPath& at) {
    if (!in_.check_sequence(node, at)) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (auto indicator = parse_indicator(node[i], at.index(i, ""))) {
        out_.indicators.push_back(std::move(*indicator));
      }
    }
  }

  std::optional<IndicatorObservation> parse_indicator(const YAML::Node& item, const FieldPath& p) {
    if (!in_.check_map(item, p, {"series", "month", "value", "interval", "source", "note"})) {
      return std::nullopt;
    }
    IndicatorObservation observation;
    bool ok = read_source(item, p, observation.source);
    if (item["note"]) set(in_.read_string(item["note"], p.key("note")), observation.note);
    if (in_.require(item, "series", p)) {
      auto text = in_.read_string(item["series"], p.key("series"));
      auto name = text ? canonical_series(*text) : std::nullopt;
      if (text && !name) {
        in_.error("E103", item["series"], p.key("series"),
                  "expected a series name such as food_insecure_millions or policy:<issue>, got '" +
                      *text + "'");
      }
      ok = name && check_series(*name, item["series"], p.key("series")) && ok;
      if (name) observation.series = *name;
    } else {
      ok = false;
    }
    std::optional<int> month;
    if (in_.require(item, "month", p)) month = read_month(item["month"], p.key("month"), true);
    std::optional<double> value;
    if (in_.require(item, "value", p)) value = in_.read_number(item["value"], p.key("value"));
    if (!month || !value) return std::nullopt;
    observation.month = *month;
    observation.value = *value;
    if (item["interval"]) {
      observation.interval = read_interval(item["interval"], p.key("interval"), *value);
      ok = observation.interval.has_value() && ok;
    }
    return ok ? std::optional(observation) : std::nullopt;
  }

  std::optional<std::pair<double, double>> read_interval(const YAML::Node& node,
                                                         const FieldPath& at, double value) {
    auto bounds = in_.read_number_list(node, at);
    if (!bounds) return std::nullopt;
    if (bounds->size() != 2 || !((*bounds)[0] <= (*bounds)[1])) {
      in_.error("E108", node, at, "expected [low, high] with low <= high");
      return std::nullopt;
    }
    if (value < (*bounds)[0] || value > (*bounds)[1]) {
      in_.error("E108", node, at,
                fmt::format("the interval [{}, {}] does not contain the value {}", (*bounds)[0],
                            (*bounds)[1], value));
      return std::nullopt;
    }
    return std::pair((*bounds)[0], (*bounds)[1]);
  }

  bool read_source(const YAML::Node& item, const FieldPath& p, std::string& source) {
    if (!in_.require(item, "source", p)) return false;
    auto text = in_.read_string(item["source"], p.key("source"));
    if (!text) return false;
    if (text->find_first_not_of(" \t") == std::string::npos) {
      in_.error("E107", item["source"], p.key("source"),
                "expected a citation (fact-row ids such as P2, A32), got an empty text");
      return false;
    }
    source = *text;
    return true;
  }

  // A month field: "YYYY-MM" or a month number, as months after the start.
  std::optional<int> read_month(const YAML::Node& node, const FieldPath& at, bool within_runs) {
    auto text = in_.read_string(node, at);
    if (!text) return std::nullopt;
    auto month = parse_month_text(*text);
    if (!month) {
      in_.error("E101", node, at,
                "expected a month as YYYY-MM or a month number, got '" + *text + "'");
      return std::nullopt;
    }
    return resolve(*month, node, at, within_runs);
  }

  // Months after the start; with `within_runs`, also no later than the runs' last month.
  std::optional<int> resolve(const MonthText& month, const YAML::Node& node, const FieldPath& at,
                             bool within_runs) {
    const std::string& text = month.text;
    int relative = 0;
    if (month.relative) {
      relative = *month.relative;
    } else if (!start_) {
      return std::nullopt;  // the start is missing or wrong, reported there
    } else {
      relative = *month.calendar - *start_;
      if (relative < 0) {
        in_.error("E105", node, at,
                  fmt::format("'{}' names a month before the start {}", text, out_.start));
        return std::nullopt;
      }
    }
    if (within_runs && context_ && context_->months >= 0 && relative > context_->months) {
      const std::string which =
          month.calendar ? fmt::format("'{}' is month {},", text, relative) : "'" + text + "' is";
      in_.error("E105", node, at,
                fmt::format("{} beyond the {} months the runs cover", which, context_->months));
      return std::nullopt;
    }
    return relative;
  }

  bool check_series(const std::string& name, const YAML::Node& node, const FieldPath& at) {
    if (!context_) return true;
    const auto& known = context_->series;
    if (std::find(known.begin(), known.end(), name) != known.end()) return true;
    in_.error("E103", node, at,
              "unknown series '" + name + "'" +
                  (did_you_mean(name, known).empty()
                       ? "; the runs record indicators such as food_insecure_millions, "
                         "policy:<issue>, recognition:<state>, agreement:<track>"
                       : did_you_mean(name, known)));
    return false;
  }

  void check_unique_ids() {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < out_.events.size(); ++i) {
      const std::string& id = out_.events[i].id;
      if (id.empty()) continue;
      auto [it, inserted] = first.emplace(id, i);
      if (!inserted) {
        sink_.error("E020", event_paths_[i] + ".id",
                    fmt::format("duplicate event id '{}' (first used at line {})", id,
                                sink_.locate(event_paths_[it->second] + ".id").line));
      }
    }
  }

  template <typename T>
  static void set(std::optional<T> value, T& target) {
    if (value) target = std::move(*value);
  }

  DiagnosticSink& sink_;
  YamlReader in_;
  const ObservationContext* context_;
  Observations& out_;
  std::optional<int> start_;              // calendar index of out_.start
  std::vector<std::string> event_paths_;  // per parsed event, its field path
};

}  // namespace
}  // namespace detail

ObservationsLoadResult check_observations_text(std::string_view text, const std::string& file,
                                               const ObservationContext* context) {
  detail::Parsed parsed;
  detail::DiagnosticSink sink(file, parsed.locations, parsed.diagnostics);
  Observations observations;
  YAML::Node root;
  bool readable = true;
  // The limits every input file meets (docs/scenario-format.md, section 2).
  if (std::optional<Diagnostic> problem = detail::raw_text_problem(text, file)) {
    parsed.diagnostics.push_back(std::move(*problem));
    readable = false;
  } else if (auto deep = detail::nesting_beyond(text, limits::max_nesting_depth)) {
    sink.error_at("E004", deep->where, "", deep->message);
    readable = false;
  } else {
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      detail::SyntaxProblem problem =
          detail::explain_yaml_error(text, e.mark.line, e.mark.column, e.msg);
      sink.error_at("E002", problem.where, "", problem.message);
      readable = false;
    }
  }
  if (readable) {
    parsed.locations[""] = {1, 1};
    detail::ObservationsParser(parsed, sink, context, observations).parse(root);
  }
  std::stable_sort(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     auto key = [](const Diagnostic& d) {
                       return std::pair(d.line == 0 ? INT_MAX : d.line, d.column);
                     };
                     return key(a) < key(b);
                   });
  ObservationsLoadResult result;
  result.diagnostics = std::move(parsed.diagnostics);
  if (result.diagnostics.empty()) result.observations = std::move(observations);
  return result;
}

ObservationsLoadResult check_observations_file(const std::filesystem::path& path,
                                               const ObservationContext* context) {
  std::string text;
  try {
    if (!detail::read_capped(path, limits::max_input_bytes, text)) {
      ObservationsLoadResult result;
      result.diagnostics.push_back(
          {"E004", path.string(), 0, 0, "", detail::too_large_message(path)});
      return result;
    }
  } catch (const Error& e) {
    ObservationsLoadResult result;
    result.diagnostics.push_back({"E001", path.string(), 0, 0, "", std::string(e.message())});
    return result;
  }
  return check_observations_text(text, path.string(), context);
}

Observations load_observations_file(const std::filesystem::path& path,
                                    const ObservationContext* context) {
  ObservationsLoadResult result = check_observations_file(path, context);
  if (!result.observations) throw ScenarioError(std::move(result.diagnostics));
  return std::move(*result.observations);
}

}  // namespace parley
