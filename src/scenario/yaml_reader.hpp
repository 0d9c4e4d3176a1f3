// Internal: typed reading of YAML nodes with field paths, locations and provenance.
//
// Every read_* call either returns a value or reports exactly one diagnostic and returns nothing,
// so the parser keeps going and reports every problem in the file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "scenario/did_you_mean.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {

// A field's two names: `path` with indices for messages ("actors[3].capability"), `id_path`
// with ids for provenance and uncertainty ("actors.kandahar.capability").
struct FieldPath {
  std::string path;
  std::string id_path;

  FieldPath key(const std::string& name) const;
  FieldPath index(std::size_t i, const std::string& id) const;
};

class YamlReader {
 public:
  YamlReader(Parsed& parsed, DiagnosticSink& sink) : parsed_(parsed), sink_(sink) {}

  void remember(const YAML::Node& node, const FieldPath& where);
  void error(const char* code, const YAML::Node& node, const FieldPath& where, std::string message);

  // Reports keys outside `allowed` and duplicated keys; false when the node is not a map.
  bool check_map(const YAML::Node& node, const FieldPath& where,
                 std::initializer_list<const char*> allowed);
  bool check_sequence(const YAML::Node& node, const FieldPath& where);

  // A required field that is absent is reported at its parent map.
  bool require(const YAML::Node& parent, const char* key, const FieldPath& parent_where);

  std::optional<std::string> read_string(const YAML::Node& node, const FieldPath& where);
  std::optional<std::string> read_id(const YAML::Node& node, const FieldPath& where);
  std::optional<bool> read_bool(const YAML::Node& node, const FieldPath& where);
  std::optional<int> read_int(const YAML::Node& node, const FieldPath& where);
  // A number is a scalar or {value, source, judgement, note}; provenance is stored by id path.
  std::optional<double> read_number(const YAML::Node& node, const FieldPath& where);
  std::optional<std::vector<double>> read_number_list(const YAML::Node& node,
                                                      const FieldPath& where);
  std::vector<std::string> read_id_list(const YAML::Node& node, const FieldPath& where);

  template <typename Enum>
  std::optional<Enum> read_enum(const YAML::Node& node, const FieldPath& where,
                                std::initializer_list<Enum> values) {
    auto text = read_string(node, where);
    if (!text) return std::nullopt;
    std::string expected;
    std::vector<std::string> names;
    for (Enum value : values) {
      if (*text == to_string(value)) return value;
      expected += expected.empty() ? "" : ", ";
      expected += to_string(value);
      names.push_back(to_string(value));
    }
    error("E015", node, where,
          "expected one of " + expected + ", got '" + *text + "'" + did_you_mean(*text, names));
    return std::nullopt;
  }

  // Container defaults: `source:` and `judgement:` of a map apply to the numbers inside it.
  void push_default_provenance(const YAML::Node& map, const FieldPath& where);
  void pop_default_provenance();

 private:
  std::optional<double> read_plain_number(const YAML::Node& node, const FieldPath& where);

  Parsed& parsed_;
  DiagnosticSink& sink_;
  std::vector<Provenance> default_provenance_;
};

}  // namespace parley::detail
