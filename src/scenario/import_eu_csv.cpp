// Imports the one-issue CSV of expected-utility forecasting (Bueno de Mesquita's model and its
// re-implementations):
//
//   Actor,Capability,Position,Salience
//   Netherlands,0.08,4,80
//
// Positions are on the issue's own scale (years, in the EC emissions case), so the issue's scale
// is the range the positions span. Salience is on 0-100, or on 0-1 in some files: when every
// salience is at most 1 the file is read as 0-1 and scaled to parley's 0-100.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "scenario/import_text.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {
namespace {

constexpr const char* issue_id = "issue";
constexpr const char* expected_header = "Actor,Capability,Position,Salience";

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_header(const TextRecord& record) {
  static const char* const names[] = {"actor", "capability", "position", "salience"};
  const auto& fields = record.fields;
  if (fields.size() < 4) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (lowercase(fields[i].text) != names[i]) return false;
  }
  // Trailing empty columns are what spreadsheets add; anything else is a different format.
  return std::all_of(fields.begin() + 4, fields.end(),
                     [](const TextField& field) { return field.text.empty(); });
}

class EuReader {
 public:
  EuReader(std::string_view text, const std::string& file)
      : records_(read_records(text, {',', false, false})), file_(file) {}

  Parsed read();

 private:
  void read_row(const TextRecord& record, std::size_t index);
  void set_scale();
  void scale_saliences_given_on_0_1();

  std::vector<TextRecord> records_;
  std::string file_;
  Parsed parsed_;
  ImportReport report_{parsed_, file_};
  // The salience as written, per actor (empty when unreadable), for exact 0-1 -> 0-100 scaling.
  std::vector<std::string> salience_texts_;
  std::vector<double> positions_;
};

Parsed EuReader::read() {
  Scenario& scenario = parsed_.scenario;
  scenario.meta.name = file_stem(file_);
  scenario.meta.description =
      fmt::format("Imported from the expected-utility CSV {}.", file_name(file_));
  if (records_.empty() || !is_header(records_[0])) {
    const int line = records_.empty() ? 1 : records_[0].line;
    report_.error("E002", line, 1, "",
                  fmt::format("expected the header line '{}' (any letter case)", expected_header));
    parsed_.readable = false;
    return std::move(parsed_);
  }
  Issue issue;
  issue.id = issue_id;
  issue.label = file_stem(file_);
  issue.kind = IssueKind::political;
  scenario.issues.push_back(issue);
  report_.remember("issues[0]", records_[0].line, records_[0].fields[2].column);

  parsed_.locations.emplace("", Location{1, 1});
  for (std::size_t i = 1; i < records_.size(); ++i) read_row(records_[i], i - 1);
  if (records_.size() == 1) {
    report_.error("E022", records_[0].line + 1, 1, "actors",
                  fmt::format("expected at least one actor: a line per actor after the header "
                              "'{}'",
                              expected_header));
  }
  IdAllocator ids;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    scenario.actors[i].id = ids.make(scenario.actors[i].name, fmt::format("actor_{}", i + 1));
  }
  set_scale();
  scale_saliences_given_on_0_1();
  return std::move(parsed_);
}

void EuReader::read_row(const TextRecord& record, std::size_t index) {
  const auto& fields = record.fields;
  const std::string path = fmt::format("actors[{}]", index);
  report_.remember(path, record.line, fields[0].column);
  report_.remember(path + ".name", record.line, fields[0].column);
  report_.remember(path + ".id", record.line, fields[0].column);
  Actor actor;
  actor.kind = ActorKind::state;
  actor.name = fields[0].text;
  std::string salience_text;
  if (fields.size() < 4) {
    report_.error("E002", record.line, record.end_column, path,
                  fmt::format("expected 4 fields ({}), found {}", expected_header, fields.size()));
  } else {
    const std::string issue_path = std::string(".positions.") + issue_id;
    actor.capability =
        report_.number(fields[1], record.line, path + ".capability", "the actor's capability")
            .value_or(0.0);
    auto position = report_.number(fields[2], record.line, path + issue_path, "the position");
    auto salience = report_.number(fields[3], record.line, path + ".salience." + issue_id,
                                   "the salience, on 0-100 or 0-1");
    if (position && salience) {
      actor.positions[issue_id] = *position;
      actor.salience[issue_id] = *salience;
      positions_.push_back(*position);
      salience_text = fields[3].text;
    }
  }
  parsed_.scenario.actors.push_back(std::move(actor));
  salience_texts_.push_back(std::move(salience_text));
}

void EuReader::set_scale() {
  if (positions_.empty()) return;  // no readable row: the default [0, 100] stands
  auto [low, high] = std::minmax_element(positions_.begin(), positions_.end());
  Issue& issue = parsed_.scenario.issues[0];
  issue.scale_min = *low;
  issue.scale_max = *high;
  // Everyone agreeing is a legitimate input, but a scale needs min < max.
  if (*low == *high) {
    issue.scale_min = *low - 1.0;
    issue.scale_max = *high + 1.0;
  }
}

void EuReader::scale_saliences_given_on_0_1() {
  auto& actors = parsed_.scenario.actors;
  bool any = false;
  for (const Actor& actor : actors) {
    auto it = actor.salience.find(issue_id);
    if (it == actor.salience.end()) continue;
    if (it->second > 1.0) return;
    any = true;
  }
  if (!any) return;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    auto it = actors[i].salience.find(issue_id);
    if (it != actors[i].salience.end()) {
      it->second = parse_number_times_100(salience_texts_[i]).value;
    }
  }
  parsed_.scenario.meta.description +=
      " Every salience in the file was at most 1, so saliences were read as 0-1 and multiplied "
      "by 100.";
}

}  // namespace

Parsed parse_eu_csv(std::string_view text, const std::string& file) {
  return EuReader(text, file).read();
}

}  // namespace parley::detail
