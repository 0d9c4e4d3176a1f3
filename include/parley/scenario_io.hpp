// Reading, validating and writing scenarios.
//
// Every problem found in an input is a Diagnostic with a stable code, a location (file, line and
// column, 1-based) and the field path (e.g. "actors[3].positions.girls_education"). Loading
// collects every diagnostic it can before giving up, so a user sees all problems at once.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.hpp"

namespace parley {

struct Diagnostic {
  std::string code;  // stable id, e.g. "E012"; documented in docs/scenario-format.md
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string path;  // field path; empty for whole-file problems
  std::string message;
};

// "file:line:column: error E012: path: message"
std::string format_diagnostic(const Diagnostic& diagnostic);

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

enum class InputFormat { yaml, json, ktab_csv, eu_csv, decide };
const char* to_string(InputFormat format);

// Decides the format from the content (not the file name).
InputFormat detect_format(std::string_view text);

struct LoadResult {
  std::optional<Scenario> scenario;  // set iff diagnostics is empty
  std::vector<Diagnostic> diagnostics;
  InputFormat format = InputFormat::yaml;
};

struct LoadOptions {
  std::optional<InputFormat> format;  // unset: detected from the content
  // Also report (E060) every number about the world that has neither a source nor
  // `judgement: true`: capabilities, positions, saliences, regime, spoiler, population, ...
  bool require_provenance = false;
};

// Parses and validates text in any supported format. `file` names the input in diagnostics.
LoadResult check_scenario_text(std::string_view text, const std::string& file,
                               const LoadOptions& options = {});
LoadResult check_scenario_file(const std::filesystem::path& path, const LoadOptions& options = {});

// As above, throwing ScenarioError when there is any diagnostic.
Scenario load_scenario_text(std::string_view text, const std::string& file);
Scenario load_scenario_file(const std::filesystem::path& path);

// The default scenario compiled into the program (scenarios/afghanistan-2024.yaml).
std::string_view embedded_default_scenario();
inline constexpr const char* embedded_default_scenario_name = "afghanistan-2024.yaml";

// Writers. YAML output is parley's format v1 and loads back to an equal Scenario.
std::string to_yaml(const Scenario& scenario);
std::string to_json(const Scenario& scenario);
// KTAB's smpc CSV: every issue a dimension, positions and saliences rescaled to 0-100.
// Saliences are scaled down per actor where they would sum above 100, as KTAB requires.
std::string to_ktab_csv(const Scenario& scenario);

// Writes `content` to `path` atomically: a temporary file beside it, then a rename.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);
std::string read_file(const std::filesystem::path& path);

}  // namespace parley
