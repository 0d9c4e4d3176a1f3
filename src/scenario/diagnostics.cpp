#include <fmt/format.h>

#include <algorithm>

#include "scenario/parsed.hpp"

namespace parley {

std::string format_diagnostic(const Diagnostic& d) {
  std::string where = d.file;
  if (d.line > 0) where += fmt::format(":{}:{}", d.line, d.column);
  std::string field = d.path.empty() ? "" : d.path + ": ";
  return fmt::format("{}: error {}: {}{}", where, d.code, field, d.message);
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid scenario";
  std::string text = format_diagnostic(diagnostics.front());
  if (diagnostics.size() > 1) text += fmt::format(" (and {} more)", diagnostics.size() - 1);
  return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace detail {

Location DiagnosticSink::locate(const std::string& path) const {
  // Walk up the path ("a[1].b.c" -> "a[1].b" -> "a[1]" -> "a") until a written field is found.
  std::string current = path;
  while (!current.empty()) {
    if (auto it = locations_.find(current); it != locations_.end()) return it->second;
    std::size_t cut = current.find_last_of(".[");
    if (cut == std::string::npos) break;
    current.erase(cut);
  }
  if (auto it = locations_.find(""); it != locations_.end()) return it->second;
  return {};
}

namespace {
// `ancestor` is `path` or a field that contains it ("actors[1]" contains "actors[1].capability").
bool contains_path(const std::string& ancestor, const std::string& path) {
  if (ancestor.empty()) return false;  // whole-file problems do not hide field problems
  if (path.compare(0, ancestor.size(), ancestor) != 0) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' ||
         path[ancestor.size()] == '[' || path[ancestor.size()] == '@';
}
}  // namespace

bool DiagnosticSink::reported(const std::string& path) const {
  // A duplicate (E020) leaves the first occurrence readable, so it hides nothing below it.
  return std::any_of(out_.begin(), out_.end(), [&](const Diagnostic& d) {
    return d.code != "E020" && contains_path(d.path, path);
  });
}

void DiagnosticSink::error(std::string code, const std::string& path, std::string message) {
  error_at(std::move(code), locate(path), path, std::move(message));
}

void DiagnosticSink::error_at_key(std::string code, const std::string& path, std::string message) {
  if (auto it = locations_.find(path + key_suffix); it != locations_.end()) {
    error_at(std::move(code), it->second, path, std::move(message));
  } else {
    error(std::move(code), path, std::move(message));
  }
}

void DiagnosticSink::error_at(std::string code, Location where, const std::string& path,
                              std::string message) {
  if (reported(path)) return;
  out_.push_back({std::move(code), file_, where.line, where.column, path, std::move(message)});
}

}  // namespace detail
}  // namespace parley
