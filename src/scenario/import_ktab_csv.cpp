// Imports the CSV input of KTAB's spatial model of politics (smpc):
//
//   line 1    scenario name, description, number of actors, number of dimensions [, ignored...]
//   line 2    Actor, Description, Power, <dimension 1 name>, <salience 1 header>, ...
//   line 3..  actor name, description, capability, position 1, salience 1, ... [, ignored...]
//
// Positions and saliences are on 0-100 in the file and stay so: each dimension becomes an issue
// with scale [0, 100]. The actor's description column has no place in a parley Actor and is
// dropped. Ranges that parley itself checks (negative capability, positions outside the scale)
// are left to validation; rules that only KTAB imposes are checked here.
#include <fmt/format.h>

#include <algorithm>

#include "scenario/import_text.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {
namespace {

constexpr int ktab_min_actors = 3;
constexpr int ktab_max_actors = 250;
constexpr int leading_columns = 3;  // name, description, capability (Power)
// KTAB reads capabilities up to 1e8; parley's limit is lower (limits::max_magnitude), and only
// the ratios between capabilities matter to the models, so larger ones are scaled down.
constexpr double ktab_max_capability = 1e8;
// KTAB rejects an actor whose saliences sum above 100; allow for rounding in the file's decimals.
constexpr double salience_sum_tolerance = 1e-9;

class KtabReader {
 public:
  KtabReader(std::string_view text, const std::string& file)
      : records_(read_records(text, {',', false, true})), file_(file) {}

  Parsed read();

 private:
  bool read_scenario_line(const TextRecord& record);
  bool read_header(const TextRecord& record);
  void read_actor(const TextRecord& record, std::size_t index);
  void assign_actor_ids();
  void scale_capabilities_to_parleys_limit();
  void check_actor_count();
  std::size_t fields_per_actor() const { return leading_columns + 2 * dimensions_; }

  std::vector<TextRecord> records_;
  std::string file_;
  Parsed parsed_;
  ImportReport report_{parsed_, file_};
  std::optional<int> declared_actors_;
  std::size_t dimensions_ = 0;
  TextField declared_actors_field_;
};

Parsed KtabReader::read() {
  if (records_.empty()) {
    report_.error("E002", 1, 1, "", "the file is empty; expected KTAB's scenario line");
    parsed_.readable = false;
    return std::move(parsed_);
  }
  if (!read_scenario_line(records_[0])) {
    parsed_.readable = false;
    return std::move(parsed_);
  }
  if (records_.size() < 2) {
    report_.error(
        "E002", records_[0].line + 1, 1, "",
        "expected the column header line (Actor, Description, Power, then a position and a "
        "salience column per dimension)");
    parsed_.readable = false;
    return std::move(parsed_);
  }
  // Without a header that names every dimension the columns of the actor rows have no meaning.
  if (!read_header(records_[1])) {
    parsed_.readable = false;
    return std::move(parsed_);
  }
  parsed_.locations.emplace("", Location{1, 1});
  for (std::size_t i = 2; i < records_.size(); ++i) read_actor(records_[i], i - 2);
  assign_actor_ids();
  check_actor_count();
  scale_capabilities_to_parleys_limit();
  return std::move(parsed_);
}

bool KtabReader::read_scenario_line(const TextRecord& record) {
  const auto& fields = record.fields;
  if (fields.size() < 4) {
    report_.error(
        "E002", record.line, record.end_column, "",
        fmt::format("expected 4 fields on the scenario line (name, description, number of "
                    "actors, number of dimensions), found {}",
                    fields.size()));
    return false;
  }
  Meta& meta = parsed_.scenario.meta;
  meta.name = fields[0].text;
  meta.description = fields[1].text;
  report_.remember("meta.name", record.line, fields[0].column);
  report_.remember("meta.description", record.line, fields[1].column);

  declared_actors_field_ = fields[2];
  declared_actors_ = parse_whole_number(fields[2].text);
  if (!declared_actors_) {
    report_.error("E012", record.line, fields[2].column, "",
                  "expected the number of actors (3rd field of line 1) as a whole number, got " +
                      describe_field(fields[2].text));
  } else if (*declared_actors_ < ktab_min_actors || *declared_actors_ > ktab_max_actors) {
    report_.error("E013", record.line, fields[2].column, "",
                  fmt::format("KTAB requires {} to {} actors, line 1 declares {}", ktab_min_actors,
                              ktab_max_actors, *declared_actors_));
  }

  std::optional<int> dimensions = parse_whole_number(fields[3].text);
  if (!dimensions) {
    report_.error(
        "E012", record.line, fields[3].column, "",
        "expected the number of dimensions (4th field of line 1) as a whole number, got " +
            describe_field(fields[3].text));
    return false;
  }
  if (*dimensions < 1) {
    report_.error("E013", record.line, fields[3].column, "",
                  fmt::format("expected at least 1 dimension, line 1 declares {}", *dimensions));
    return false;
  }
  dimensions_ = static_cast<std::size_t>(*dimensions);
  return true;
}

bool KtabReader::read_header(const TextRecord& record) {
  const auto& fields = record.fields;
  // An actor row where the header should be means the header line was left out; reading it as
  // a header would turn numbers into dimension names.
  if (fields.size() > 2 && parse_number(fields[2].text).status == NumberStatus::ok) {
    report_.error(
        "E002", record.line, fields[2].column, "",
        "expected the column header line (Actor, Description, Power, ...) on line 2, but it "
        "holds numbers like an actor row");
    return false;
  }
  if (fields.size() < fields_per_actor()) {
    report_.error(
        "E002", record.line, record.end_column, "",
        fmt::format("expected {} header fields (Actor, Description, Power, then a position and "
                    "a salience column for each of {} dimensions), found {}",
                    fields_per_actor(), dimensions_, fields.size()));
    return false;
  }
  IdAllocator ids;
  for (std::size_t d = 0; d < dimensions_; ++d) {
    std::size_t column = leading_columns + 2 * d;
    Issue issue;
    issue.kind = IssueKind::political;
    issue.scale_min = 0.0;
    issue.scale_max = 100.0;
    issue.label = fields[column].text;
    issue.id = ids.make(issue.label, fmt::format("dimension_{}", d + 1));
    const std::string path = fmt::format("issues[{}]", d);
    report_.remember(path, record.line, fields[column].column);
    report_.remember(path + ".label", record.line, fields[column].column);
    report_.remember(path + ".id", record.line, fields[column].column);
    parsed_.scenario.issues.push_back(std::move(issue));
  }
  return true;
}

void KtabReader::read_actor(const TextRecord& record, std::size_t index) {
  const auto& fields = record.fields;
  const std::string path = fmt::format("actors[{}]", index);
  report_.remember(path, record.line, fields[0].column);
  if (fields.size() < fields_per_actor()) {
    report_.error(
        "E002", record.line, record.end_column, path,
        fmt::format("expected {} fields (name, description, capability, then a position and a "
                    "salience for each of {} dimensions), found {}",
                    fields_per_actor(), dimensions_, fields.size()));
  }
  Actor actor;
  actor.kind = ActorKind::state;
  actor.name = fields[0].text;
  report_.remember(path + ".name", record.line, fields[0].column);
  report_.remember(path + ".id", record.line, fields[0].column);
  if (fields.size() > 2) {
    actor.capability = report_
                           .number(fields[2], record.line, path + ".capability",
                                   "the actor's capability", ktab_max_capability)
                           .value_or(0.0);
  }
  double salience_sum = 0.0;
  int first_salience_column = 0;
  for (std::size_t d = 0; d < dimensions_; ++d) {
    std::size_t column = leading_columns + 2 * d;
    if (column + 1 >= fields.size()) break;
    const std::string& issue = parsed_.scenario.issues[d].id;
    auto position = report_.number(fields[column], record.line, path + ".positions." + issue,
                                   "a position on 0-100");
    auto salience = report_.number(fields[column + 1], record.line, path + ".salience." + issue,
                                   "a salience on 0-100");
    if (d == 0) {
      report_.remember(path + ".positions", record.line, fields[column].column);
      report_.remember(path + ".salience", record.line, fields[column + 1].column);
      first_salience_column = fields[column + 1].column;
    }
    // A position without its salience would only add a second, misleading error.
    if (!position || !salience) continue;
    actor.positions[issue] = *position;
    actor.salience[issue] = *salience;
    salience_sum += *salience;
  }
  if (salience_sum > 100.0 + salience_sum_tolerance) {
    report_.error(
        "E013", record.line, first_salience_column, path + ".salience",
        fmt::format("saliences sum to {}; KTAB requires each actor's saliences to sum to at "
                    "most 100",
                    salience_sum));
  }
  parsed_.scenario.actors.push_back(std::move(actor));
}

void KtabReader::scale_capabilities_to_parleys_limit() {
  auto& actors = parsed_.scenario.actors;
  double largest = 0.0;
  for (const Actor& actor : actors) largest = std::max(largest, actor.capability);
  if (largest <= limits::max_magnitude) return;
  const double factor = limits::max_magnitude / largest;
  for (Actor& actor : actors) actor.capability *= factor;
  parsed_.scenario.meta.description +=
      fmt::format("{}Capabilities were scaled by {:g} to stay within 1e6, keeping their ratios.",
                  parsed_.scenario.meta.description.empty() ? "" : " ", factor);
}

void KtabReader::assign_actor_ids() {
  // Ids are given once all rows are read, so that slug clashes are resolved in file order.
  IdAllocator ids;
  auto& actors = parsed_.scenario.actors;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    actors[i].id = ids.make(actors[i].name, fmt::format("actor_{}", i + 1));
  }
}

void KtabReader::check_actor_count() {
  if (!declared_actors_) return;
  const std::size_t rows = parsed_.scenario.actors.size();
  if (rows == static_cast<std::size_t>(*declared_actors_)) return;
  std::string found = rows == 0 ? std::string("no actor rows")
                                : fmt::format("{} actor rows (lines {}-{})", rows, records_[2].line,
                                              records_.back().line);
  // With no rows at all this is also why the scenario has no actors: one mistake, one message.
  report_.error(
      "E002", records_[0].line, declared_actors_field_.column, rows == 0 ? "actors" : "",
      fmt::format("line 1 declares {} actors, but the file has {}", *declared_actors_, found));
}

}  // namespace

Parsed parse_ktab_csv(std::string_view text, const std::string& file) {
  return KtabReader(text, file).read();
}

}  // namespace parley::detail
