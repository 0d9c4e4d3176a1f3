// Internal: what every reader produces before validation.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parley/scenario.hpp"

namespace parley::detail {

struct Location {
  int line = 0;  // 1-based
  int column = 0;
};

// Field path (index form, "actors[3].positions.girls_education") -> where it was written.
// A map entry's key is also recorded, under the path with key_suffix appended.
using SourceMap = std::map<std::string, Location>;
inline constexpr const char* key_suffix = "@key";

struct Parsed {
  Scenario scenario;
  SourceMap locations;
  std::vector<Diagnostic> diagnostics;  // problems found while reading
  bool readable = true;  // false when the file could not be read into a structure at all
};

// Collects diagnostics for one input file, filling in locations from the source map.
class DiagnosticSink {
 public:
  DiagnosticSink(std::string file, const SourceMap& locations, std::vector<Diagnostic>& out)
      : file_(std::move(file)), locations_(locations), out_(out) {}

  // Reports at the location of `path`, or of its nearest written ancestor.
  void error(std::string code, const std::string& path, std::string message);
  // Reports at the key of map entry `path` (an unknown id used as a key), else as error().
  void error_at_key(std::string code, const std::string& path, std::string message);
  // Reports at an explicit location.
  void error_at(std::string code, Location where, const std::string& path, std::string message);
  const std::string& file() const { return file_; }

  // True when a problem was already reported at `path` or at a field that contains it. Such
  // problems are not reported again: one mistake, one message.
  bool reported(const std::string& path) const;
  // True when the file wrote `path` itself (not only an ancestor).
  bool written(const std::string& path) const { return locations_.count(path) > 0; }
  // Where `path` (or its nearest written ancestor) stands in the file.
  Location locate(const std::string& path) const;

 private:
  std::string file_;
  const SourceMap& locations_;
  std::vector<Diagnostic>& out_;
  // The paths of out_[0, indexed_) that hide the fields below them (every code but E020), for
  // reported() to look up instead of scanning every diagnostic: readers add to out_ directly.
  mutable std::set<std::string> hiding_;
  mutable std::size_t indexed_ = 0;
};

// The uncertainty entries by the path they are written with, to find the entries that match a
// number's id path in a few lookups instead of a pass over every entry.
class UncertaintyIndex {
 public:
  explicit UncertaintyIndex(const std::vector<UncertainValue>& entries);
  // fn(spelling, entry) for every entry whose path matches `id_path`: the path itself, or a
  // pattern (`*` parts) that matches it.
  void for_each_spelling(std::string_view id_path,
                         const std::function<void(const std::string&, int)>& fn) const;
  // The entry that governs `id_path` (exact path first, then the first pattern), or -1.
  int governing(std::string_view id_path) const;

 private:
  static constexpr std::size_t max_parts = 8;  // number_fields' paths have at most 5
  std::unordered_map<std::string, std::vector<int>> by_path_;  // entries in file order
};

// Reads `path` into `out`; false, without reading far past it, when it holds more than `cap`
// bytes. Throws std::runtime_error when it cannot be read.
bool read_capped(const std::filesystem::path& path, std::size_t cap, std::string& out);
std::string too_large_message(const std::filesystem::path& path);

Parsed parse_yaml_scenario(std::string_view text, const std::string& file);
Parsed parse_json_scenario(std::string_view text, const std::string& file);
Parsed parse_ktab_csv(std::string_view text, const std::string& file);
Parsed parse_eu_csv(std::string_view text, const std::string& file);
Parsed parse_decide(std::string_view text, const std::string& file);

// Semantic checks on a structurally parsed scenario: ranges, references, duplicates.
void validate_scenario(const Scenario& scenario, DiagnosticSink& sink);

// E060 for every evidence number without a source or `judgement: true`.
void check_provenance(const Scenario& scenario, DiagnosticSink& sink);

}  // namespace parley::detail
