// Imports the input files of the decide exchange-model software (Stokman & van Oosten's model).
// One record per line, the first field a tag:
//
//   #A  actor id, name [, comment]
//   #P  issue id, name [, description]
//   #M  issue id, position [, meaning]       labelled points; their min and max bound the issue
//   #D  actor id, issue id, position, salience, power [, comment]
//   #/  comment                              #O  free description of the case
//
// The shipped files are tab-separated with single quotes, the R package's are semicolon-separated
// and unquoted, so the delimiter is sniffed. Extra trailing fields belong to the last (free-text)
// field. Power in decide is given per actor and issue; parley has one capability per actor, so an
// actor whose power differs between issues is reported rather than silently averaged.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "scenario/import_text.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {
namespace {

constexpr std::size_t sniff_bytes = 1024;
constexpr const char* known_tags = "#A, #P, #M, #D, #/ or #O";

// The candidate that separates fields on the most of the first lines; ties go to tab, then
// semicolon, then comma, in the order decide's own files use them.
char sniff_delimiter(std::string_view text) {
  text = text.substr(0, sniff_bytes);
  const char candidates[] = {'\t', ';', ','};
  int lines_with[3] = {0, 0, 0};
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    for (int c = 0; c < 3; ++c) {
      if (line.find(candidates[c]) != std::string_view::npos) ++lines_with[c];
    }
  }
  int best = 0;
  for (int c = 1; c < 3; ++c) {
    if (lines_with[c] > lines_with[best]) best = c;
  }
  return candidates[best];
}

struct Marker {
  double value = 0.0;
  std::string meaning;
  Location at;
};

struct Power {
  double value = 0.0;
  int line = 0;
  std::string issue;
};

class DecideReader {
 public:
  DecideReader(std::string_view text, const std::string& file)
      : delimiter_(sniff_delimiter(text)),
        records_(read_records(text, {delimiter_, true, false})),
        file_(file) {}

  Parsed read();

 private:
  void declare(const TextRecord& record);
  void declare_actor(const TextRecord& record);
  void declare_issue(const TextRecord& record);
  void read_marker(const TextRecord& record);
  void read_data(const TextRecord& record);
  std::optional<std::size_t> find_declared(const std::map<std::string, std::size_t>& declared,
                                           const TextField& field, int line, const char* what);
  void check_power(std::size_t actor, double power, const TextField& field, int line,
                   const std::string& issue);
  void set_scales();
  void report_missing_declarations();
  void scale_saliences_given_on_0_1();
  std::string join_from(const TextRecord& record, std::size_t first) const;
  bool has_fields(const TextRecord& record, std::size_t count, const char* layout);

  char delimiter_;
  std::vector<TextRecord> records_;
  std::string file_;
  Parsed parsed_;
  ImportReport report_{parsed_, file_};
  std::map<std::string, std::size_t> actor_index_;  // id as written -> index in actors
  std::map<std::string, std::size_t> issue_index_;  // id as written -> index in issues
  std::map<std::string, int> declared_on_line_;     // "A:id" / "P:id" -> line
  IdAllocator actor_ids_;
  IdAllocator issue_ids_;
  std::vector<std::vector<Marker>> markers_;       // per issue
  std::map<std::size_t, bool> unreadable_marker_;  // issue -> a #M row's number was reported
  std::vector<std::optional<Power>> powers_;       // per actor, the first power read
  // Per actor, issue id -> the salience as written, for exact 0-1 -> 0-100 scaling.
  std::vector<std::map<std::string, std::string>> salience_texts_;
  std::map<std::pair<std::size_t, std::size_t>, int> data_line_;  // (actor, issue) -> #D line
  std::vector<std::string> descriptions_;                         // #O texts
};

Parsed DecideReader::read() {
  // Declarations first, so #M and #D rows may come before the #A or #P they refer to.
  for (const TextRecord& record : records_) declare(record);
  for (const TextRecord& record : records_) {
    const std::string& tag = record.fields[0].text;
    if (tag == "#M") read_marker(record);
    if (tag == "#D") read_data(record);
  }
  set_scales();
  report_missing_declarations();
  Meta& meta = parsed_.scenario.meta;
  meta.name = file_stem(file_);
  meta.description =
      fmt::format("Imported from the decide exchange-model file {}.", file_name(file_));
  scale_saliences_given_on_0_1();
  for (const std::string& text : descriptions_) meta.description += "\n" + text;
  return std::move(parsed_);
}

void DecideReader::report_missing_declarations() {
  // Where the missing rows would go: after the last line of the file.
  const int end = records_.empty() ? 1 : records_.back().line + 1;
  parsed_.locations.emplace("", Location{1, 1});
  if (parsed_.scenario.issues.empty()) {
    report_.error("E022", end, 1, "issues",
                  "expected at least one issue: a decide file declares each with a '#P, issue id, "
                  "name' row");
  }
  if (parsed_.scenario.actors.empty()) {
    report_.error("E022", end, 1, "actors",
                  "expected at least one actor: a decide file declares each with a '#A, actor id, "
                  "name' row");
  }
}

void DecideReader::declare(const TextRecord& record) {
  const TextField& tag = record.fields[0];
  if (tag.text == "#A") return declare_actor(record);
  if (tag.text == "#P") return declare_issue(record);
  if (tag.text == "#O") {
    if (std::string text = join_from(record, 1); !text.empty()) descriptions_.push_back(text);
    return;
  }
  if (tag.text == "#M" || tag.text == "#D" || tag.text == "#/") return;
  // decide's documentation names the description tag "#0" (zero) but its reader wants "#O".
  std::string hint = tag.text == "#0" ? " (the description tag is the letter O: #O)" : "";
  report_.error(
      "E002", record.line, tag.column, "",
      fmt::format("unknown tag {}; expected {}{}", describe_field(tag.text), known_tags, hint));
}

bool DecideReader::has_fields(const TextRecord& record, std::size_t count, const char* layout) {
  if (record.fields.size() < count) {
    report_.error("E002", record.line, record.end_column, "",
                  fmt::format("expected '{}', found {} field(s)", layout, record.fields.size()));
    return false;
  }
  if (record.fields[1].text.empty()) {
    report_.error("E002", record.line, record.fields[1].column, "",
                  fmt::format("expected '{}', but the id in the 2nd field is empty", layout));
    return false;
  }
  return true;
}

void DecideReader::declare_actor(const TextRecord& record) {
  if (!has_fields(record, 2, "#A, actor id, name [, comment]")) return;
  const TextField& id = record.fields[1];
  auto [it, fresh] = declared_on_line_.emplace("A:" + id.text, record.line);
  if (!fresh) {
    report_.error(
        "E020", record.line, id.column, "",
        fmt::format("actor '{}' is declared twice (first on line {})", id.text, it->second));
    return;
  }
  const std::size_t index = parsed_.scenario.actors.size();
  const std::string path = fmt::format("actors[{}]", index);
  Actor actor;
  actor.kind = ActorKind::state;
  actor.name =
      record.fields.size() > 2 && !record.fields[2].text.empty() ? record.fields[2].text : id.text;
  actor.id = actor_ids_.make(id.text, fmt::format("actor_{}", index + 1));
  report_.remember(path, record.line, record.fields[0].column);
  report_.remember(path + ".id", record.line, id.column);
  report_.remember(path + ".name", record.line,
                   record.fields.size() > 2 ? record.fields[2].column : id.column);
  actor_index_[id.text] = index;
  parsed_.scenario.actors.push_back(std::move(actor));
  powers_.emplace_back();
  salience_texts_.emplace_back();
}

void DecideReader::declare_issue(const TextRecord& record) {
  if (!has_fields(record, 2, "#P, issue id, name [, description]")) return;
  const TextField& id = record.fields[1];
  auto [it, fresh] = declared_on_line_.emplace("P:" + id.text, record.line);
  if (!fresh) {
    report_.error(
        "E020", record.line, id.column, "",
        fmt::format("issue '{}' is declared twice (first on line {})", id.text, it->second));
    return;
  }
  const std::size_t index = parsed_.scenario.issues.size();
  const std::string path = fmt::format("issues[{}]", index);
  Issue issue;
  issue.kind = IssueKind::political;
  // The name column reads best as a label; the description after it has no place in an Issue.
  issue.label =
      record.fields.size() > 2 && !record.fields[2].text.empty() ? record.fields[2].text : id.text;
  issue.id = issue_ids_.make(id.text, fmt::format("issue_{}", index + 1));
  report_.remember(path, record.line, record.fields[0].column);
  report_.remember(path + ".id", record.line, id.column);
  report_.remember(path + ".label", record.line,
                   record.fields.size() > 2 ? record.fields[2].column : id.column);
  issue_index_[id.text] = index;
  parsed_.scenario.issues.push_back(std::move(issue));
  markers_.emplace_back();
}

std::optional<std::size_t> DecideReader::find_declared(
    const std::map<std::string, std::size_t>& declared, const TextField& field, int line,
    const char* what) {
  auto it = declared.find(field.text);
  if (it != declared.end()) return it->second;
  const char* tag = std::string_view(what) == "actor" ? "#A" : "#P";
  report_.error("E021", line, field.column, "",
                fmt::format("unknown {} '{}': no {} row declares it", what, field.text, tag));
  return std::nullopt;
}

void DecideReader::read_marker(const TextRecord& record) {
  if (!has_fields(record, 3, "#M, issue id, position [, meaning]")) return;
  auto issue = find_declared(issue_index_, record.fields[1], record.line, "issue");
  if (!issue) return;
  const std::string path = fmt::format("issues[{}].scale", *issue);
  const TextField& field = record.fields[2];
  auto value = report_.number(field, record.line, path, "a labelled point on the issue's scale");
  if (!value) {
    unreadable_marker_[*issue] = true;  // reported here; its scale is not checked again
    return;
  }
  markers_[*issue].push_back({*value, join_from(record, 3), {record.line, field.column}});
}

void DecideReader::read_data(const TextRecord& record) {
  if (!has_fields(record, 6, "#D, actor id, issue id, position, salience, power [, comment]")) {
    return;
  }
  const auto& fields = record.fields;
  auto actor = find_declared(actor_index_, fields[1], record.line, "actor");
  auto issue = find_declared(issue_index_, fields[2], record.line, "issue");
  if (!actor || !issue) return;
  Actor& target = parsed_.scenario.actors[*actor];
  const std::string& issue_id = parsed_.scenario.issues[*issue].id;
  auto [it, fresh] = data_line_.emplace(std::pair{*actor, *issue}, record.line);
  if (!fresh) {
    report_.error("E020", record.line, fields[1].column, "",
                  fmt::format("actor '{}' already has a #D row for issue '{}' (line {})",
                              fields[1].text, fields[2].text, it->second));
    return;
  }
  const std::string path = fmt::format("actors[{}]", *actor);
  auto position = report_.number(fields[3], record.line, path + ".positions." + issue_id,
                                 "the position, on the issue's scale");
  auto salience = report_.number(fields[4], record.line, path + ".salience." + issue_id,
                                 "the salience, on 0-1 or 0-100");
  auto power = report_.number(fields[5], record.line, path + ".capability", "the power");
  if (power) check_power(*actor, *power, fields[5], record.line, fields[2].text);
  if (!position || !salience) return;
  target.positions[issue_id] = *position;
  target.salience[issue_id] = *salience;
  salience_texts_[*actor][issue_id] = fields[4].text;
}

void DecideReader::check_power(std::size_t actor, double power, const TextField& field, int line,
                               const std::string& issue) {
  std::optional<Power>& first = powers_[actor];
  if (!first) {
    first = Power{power, line, issue};
    parsed_.scenario.actors[actor].capability = power;
    return;
  }
  if (first->value == power) return;
  report_.error(
      "E050", line, field.column, fmt::format("actors[{}].capability", actor),
      fmt::format("power {} on issue '{}' differs from power {} on issue '{}' (line {}); "
                  "parley gives each actor one capability, so decide's power must be the same "
                  "on every issue",
                  power, issue, first->value, first->issue, first->line));
}

void DecideReader::set_scales() {
  auto& issues = parsed_.scenario.issues;
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const auto& markers = markers_[i];
    if (markers.empty() || unreadable_marker_.count(i)) continue;  // default [0, 100] stands
    auto [low, high] =
        std::minmax_element(markers.begin(), markers.end(),
                            [](const Marker& a, const Marker& b) { return a.value < b.value; });
    const std::string path = fmt::format("issues[{}].scale", i);
    parsed_.locations[path] = markers.front().at;
    if (low->value == high->value) {
      report_.error(
          "E050", markers.front().at.line, markers.front().at.column, path,
          fmt::format("the #M rows of issue '{}' mark only one point ({}); its scale needs a "
                      "lowest and a highest point",
                      issues[i].label, low->value));
      continue;
    }
    issues[i].scale_min = low->value;
    issues[i].scale_max = high->value;
    issues[i].low = low->meaning;
    issues[i].high = high->meaning;
  }
}

void DecideReader::scale_saliences_given_on_0_1() {
  auto& actors = parsed_.scenario.actors;
  bool any = false;
  for (const Actor& actor : actors) {
    for (const auto& [issue, salience] : actor.salience) {
      if (salience > 1.0) return;
      any = true;
    }
  }
  if (!any) return;
  for (std::size_t a = 0; a < actors.size(); ++a) {
    for (auto& [issue, salience] : actors[a].salience) {
      salience = parse_number_times_100(salience_texts_[a][issue]).value;
    }
  }
  parsed_.scenario.meta.description +=
      " Every salience in the file was at most 1, so saliences were read as 0-1 and multiplied "
      "by 100.";
}

std::string DecideReader::join_from(const TextRecord& record, std::size_t first) const {
  // Free text split at the delimiter is put back together with the delimiter it was split at.
  const std::string separator = delimiter_ == '\t' ? " " : std::string(1, delimiter_) + " ";
  std::string text;
  for (std::size_t i = first; i < record.fields.size(); ++i) {
    if (record.fields[i].text.empty()) continue;
    if (!text.empty()) text += separator;
    text += record.fields[i].text;
  }
  return text;
}

}  // namespace

Parsed parse_decide(std::string_view text, const std::string& file) {
  return DecideReader(text, file).read();
}

}  // namespace parley::detail
