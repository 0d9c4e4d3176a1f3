// Entry points: detect the format, read, validate.
#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "scenario/input_checks.hpp"
#include "scenario/parsed.hpp"

namespace parley {
namespace {

detail::Parsed parse_any(std::string_view text, const std::string& file, InputFormat format) {
  switch (format) {
    case InputFormat::json:
      return detail::parse_json_scenario(text, file);
    case InputFormat::ktab_csv:
      return detail::parse_ktab_csv(text, file);
    case InputFormat::eu_csv:
      return detail::parse_eu_csv(text, file);
    case InputFormat::decide:
      return detail::parse_decide(text, file);
    case InputFormat::yaml:
      break;
  }
  return detail::parse_yaml_scenario(text, file);
}

}  // namespace

LoadResult check_scenario_text(std::string_view text, const std::string& file,
                               const LoadOptions& options) {
  LoadResult result;
  result.format = options.format.value_or(detect_format(text));
  // A YAML file may be one flow map ("{parley: 1, ...}"), which sniffs as JSON; trust the name.
  const std::string extension = std::filesystem::path(file).extension().string();
  if (!options.format && result.format == InputFormat::json &&
      (extension == ".yaml" || extension == ".yml")) {
    result.format = InputFormat::yaml;
  }
  detail::Parsed parsed;
  if (std::optional<Diagnostic> problem = detail::raw_text_problem(text, file)) {
    parsed.diagnostics.push_back(std::move(*problem));
    parsed.readable = false;
  } else {
    parsed = parse_any(text, file, result.format);
  }
  if (parsed.readable) {
    detail::DiagnosticSink sink(file, parsed.locations, parsed.diagnostics);
    detail::validate_scenario(parsed.scenario, sink);
    if (options.require_provenance) detail::check_provenance(parsed.scenario, sink);
  }
  // In file order, as a reader goes through the file; problems without a location last.
  std::stable_sort(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     auto key = [](const Diagnostic& d) {
                       return std::pair(d.line == 0 ? INT_MAX : d.line, d.column);
                     };
                     return key(a) < key(b);
                   });
  result.diagnostics = std::move(parsed.diagnostics);
  if (result.diagnostics.empty()) result.scenario = std::move(parsed.scenario);
  return result;
}

LoadResult check_scenario_file(const std::filesystem::path& path, const LoadOptions& options) {
  std::string text;
  try {
    if (!detail::read_capped(path, limits::max_input_bytes, text)) {
      LoadResult result;
      result.diagnostics.push_back(
          {"E004", path.string(), 0, 0, "", detail::too_large_message(path)});
      return result;
    }
  } catch (const Error& e) {
    LoadResult result;
    result.diagnostics.push_back({"E001", path.string(), 0, 0, "", std::string(e.message())});
    return result;
  }
  return check_scenario_text(text, path.string(), options);
}

Scenario load_scenario_text(std::string_view text, const std::string& file) {
  LoadResult result = check_scenario_text(text, file);
  if (!result.scenario) throw ScenarioError(std::move(result.diagnostics));
  return std::move(*result.scenario);
}

Scenario load_scenario_file(const std::filesystem::path& path) {
  LoadResult result = check_scenario_file(path);
  if (!result.scenario) throw ScenarioError(std::move(result.diagnostics));
  return std::move(*result.scenario);
}

}  // namespace parley
