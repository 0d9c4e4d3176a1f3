#include "scenario/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

#include "scenario/did_you_mean.hpp"
#include "scenario/input_checks.hpp"

namespace parley::detail {
namespace {

Location location_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    default:
      return "an undefined value";
  }
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// YAML spells non-finite numbers .nan/.inf; users also write nan, inf, Infinity.
bool names_non_finite(const std::string& scalar) {
  std::string text = lowercase(scalar);
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.erase(0, 1);
  if (!text.empty() && text[0] == '.') text.erase(0, 1);
  return text == "nan" || text == "inf" || text == "infinity";
}

// A well-formed number whose magnitude is beyond double's range (e.g. 1e400).
bool overflows(const std::string& scalar) {
  errno = 0;
  char* end = nullptr;
  std::strtod(scalar.c_str(), &end);
  return errno == ERANGE && end == scalar.c_str() + scalar.size() && !scalar.empty();
}

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
}

}  // namespace

FieldPath FieldPath::key(const std::string& name) const {
  return {path.empty() ? name : path + "." + name, id_path.empty() ? name : id_path + "." + name};
}

FieldPath FieldPath::index(std::size_t i, const std::string& id) const {
  return {fmt::format("{}[{}]", path, i), id_path + "." + (id.empty() ? std::to_string(i) : id)};
}

void YamlReader::remember(const YAML::Node& node, const FieldPath& where) {
  Location at = location_of(node);
  if (at.line > 0) parsed_.locations.emplace(where.path, at);
}

void YamlReader::error(const char* code, const YAML::Node& node, const FieldPath& where,
                       std::string message) {
  Location at = location_of(node);
  if (at.line > 0) {
    sink_.error_at(code, at, where.path, std::move(message));
  } else {
    sink_.error(code, where.path, std::move(message));
  }
}

bool YamlReader::check_map(const YAML::Node& node, const FieldPath& where,
                           std::initializer_list<const char*> allowed) {
  remember(node, where);
  if (!node.IsMap()) {
    error("E012", node, where, "expected a map, got " + describe(node));
    return false;
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const FieldPath field = where.key(key);
    if (!seen.insert(key).second) {
      error("E020", entry.first, field, "duplicate key '" + key + "'");
      continue;
    }
    bool known =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* name) { return key == name; });
    if (!known) {
      std::vector<std::string> names(allowed.begin(), allowed.end());
      std::string hint = did_you_mean(key, names);
      std::string expected;
      for (const char* name : allowed)
        expected += (expected.empty() ? "" : ", ") + std::string(name);
      error(
          "E011", entry.first, field,
          "unknown field '" + key + "'" + (hint.empty() ? "; expected one of " + expected : hint));
    }
  }
  return true;
}

bool YamlReader::check_sequence(const YAML::Node& node, const FieldPath& where) {
  remember(node, where);
  if (node.IsSequence()) return true;
  error("E012", node, where, "expected a list, got " + describe(node));
  return false;
}

bool YamlReader::require(const YAML::Node& parent, const char* key, const FieldPath& parent_where) {
  if (parent.IsMap() && parent[key]) return true;
  FieldPath field = parent_where.key(key);
  error("E010", parent, field, std::string("missing required field '") + key + "'");
  return false;
}

std::optional<std::string> YamlReader::read_string(const YAML::Node& node, const FieldPath& where) {
  remember(node, where);
  if (!node.IsScalar()) {
    error("E012", node, where, "expected text, got " + describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> YamlReader::read_id(const YAML::Node& node, const FieldPath& where) {
  auto text = read_string(node, where);
  if (text && text->size() > limits::max_id_length) {
    // Ids are repeated in every table and output file: keep them short (labels may be long).
    error("E004", node, where,
          fmt::format("expected an id of at most {} characters, got {} characters; put the long "
                      "form in a label or name",
                      limits::max_id_length, text->size()));
    return text;
  }
  if (text && !valid_id(*text)) {
    // Reported once here; the raw text is kept so references to it do not fail again.
    error("E012", node, where,
          "expected an id of letters, digits, '_' or '-', got '" + *text + "'");
  }
  return text;
}

std::optional<bool> YamlReader::read_bool(const YAML::Node& node, const FieldPath& where) {
  remember(node, where);
  bool value = false;
  if (node.IsScalar() && YAML::convert<bool>::decode(node, value)) return value;
  error("E012", node, where, "expected true or false, got " + describe(node));
  return std::nullopt;
}

std::optional<int> YamlReader::read_int(const YAML::Node& node, const FieldPath& where) {
  remember(node, where);
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return value;
  }
  error("E012", node, where, "expected a whole number, got " + describe(node));
  return std::nullopt;
}

std::optional<double> YamlReader::read_plain_number(const YAML::Node& node,
                                                    const FieldPath& where) {
  remember(node, where);
  if (node.IsScalar() && node.Tag() == "!") {
    error("E012", node, where, "expected a number, got the quoted text \"" + node.Scalar() + "\"");
    return std::nullopt;
  }
  if (node.IsScalar()) {
    if (names_non_finite(node.Scalar())) {
      error("E014", node, where, "expected a finite number, got '" + node.Scalar() + "'");
      return std::nullopt;
    }
    double value = 0.0;
    if (YAML::convert<double>::decode(node, value)) {
      if (!std::isfinite(value)) {
        error("E014", node, where, "expected a finite number, got '" + node.Scalar() + "'");
        return std::nullopt;
      }
      if (auto problem = magnitude_problem(value)) {
        error("E016", node, where, *problem);
        return std::nullopt;
      }
      return value;
    }
    if (overflows(node.Scalar())) {
      error("E014", node, where, "number too large for a double: '" + node.Scalar() + "'");
      return std::nullopt;
    }
  }
  error("E012", node, where, "expected a number, got " + describe(node));
  return std::nullopt;
}

std::optional<double> YamlReader::read_number(const YAML::Node& node, const FieldPath& where) {
  Provenance provenance = default_provenance_.empty() ? Provenance{} : default_provenance_.back();
  std::optional<double> value;
  if (node.IsMap()) {
    if (!check_map(node, where, {"value", "source", "judgement", "note"})) return std::nullopt;
    if (!require(node, "value", where)) return std::nullopt;
    value = read_plain_number(node["value"], where);
    if (node["source"])
      provenance.source = read_string(node["source"], where.key("source")).value_or("");
    if (node["judgement"])
      provenance.judgement = read_bool(node["judgement"], where.key("judgement")).value_or(false);
    if (node["note"]) provenance.note = read_string(node["note"], where.key("note")).value_or("");
    remember(node, where);
  } else {
    value = read_plain_number(node, where);
  }
  if (value && (!provenance.source.empty() || provenance.judgement)) {
    parsed_.scenario.provenance[where.id_path] = provenance;
  }
  return value;
}

std::optional<std::vector<double>> YamlReader::read_number_list(const YAML::Node& node,
                                                                const FieldPath& where) {
  if (!check_sequence(node, where)) return std::nullopt;
  std::vector<double> values;
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    auto value = read_plain_number(node[i], {fmt::format("{}[{}]", where.path, i), where.id_path});
    if (value) values.push_back(*value);
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return values;
}

std::vector<std::string> YamlReader::read_id_list(const YAML::Node& node, const FieldPath& where) {
  std::vector<std::string> ids;
  if (!check_sequence(node, where)) return ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    auto id = read_id(node[i], {fmt::format("{}[{}]", where.path, i), where.id_path});
    if (id) ids.push_back(*id);
  }
  return ids;
}

void YamlReader::push_default_provenance(const YAML::Node& map, const FieldPath& where) {
  Provenance provenance = default_provenance_.empty() ? Provenance{} : default_provenance_.back();
  if (map.IsMap() && map["source"]) {
    provenance.source = read_string(map["source"], where.key("source")).value_or("");
  }
  if (map.IsMap() && map["judgement"]) {
    provenance.judgement = read_bool(map["judgement"], where.key("judgement")).value_or(false);
  }
  default_provenance_.push_back(provenance);
}

void YamlReader::pop_default_provenance() { default_provenance_.pop_back(); }

}  // namespace parley::detail
