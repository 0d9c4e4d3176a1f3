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

bool DiagnosticSink::reported(const std::string& path) const {
  // A duplicate (E020) leaves the first occurrence readable, so it hides nothing below it;
  // whole-file problems (no path) do not hide field problems.
  for (; indexed_ < out_.size(); ++indexed_) {
    const Diagnostic& d = out_[indexed_];
    if (d.code != "E020" && !d.path.empty()) hiding_.insert(d.path);
  }
  if (hiding_.empty()) return false;
  // `path` and each field that contains it: "actors[1].capability" is inside "actors[1]" and
  // "actors"; a map key's location ("...@key") inside its entry.
  if (hiding_.count(path)) return true;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if ((c == '.' || c == '[' || c == '@') && hiding_.count(path.substr(0, i))) return true;
  }
  return false;
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
