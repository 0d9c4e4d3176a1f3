// Tells the input formats apart by content, so a file's extension (often .csv or .txt for
// several of them) never decides. Each test looks for what only that format writes in its first
// lines; anything else is read as YAML, whose parser then gives the most helpful errors.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "parley/scenario.hpp"
#include "scenario/import_text.hpp"

namespace parley {
namespace {

std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The first `count` lines that hold anything but blanks, without their line endings.
std::vector<std::string_view> first_lines(std::string_view text, std::size_t count) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < count) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty()) lines.push_back(line);
  }
  return lines;
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool starts_with_decide_tag(std::string_view line) {
  std::string_view first = trim(line.substr(0, line.find_first_of("\t;,")));
  if (first.size() >= 2 && (first.front() == '\'' || first.front() == '"') &&
      first.back() == first.front()) {
    first = first.substr(1, first.size() - 2);
  }
  constexpr std::array<std::string_view, 6> tags = {"#A", "#P", "#D", "#M", "#/", "#O"};
  return std::find(tags.begin(), tags.end(), first) != tags.end();
}

bool is_eu_header(std::string_view line) {
  auto fields = detail::split_line(line, {',', false, false});
  static const char* const names[] = {"actor", "capability", "position", "salience"};
  if (fields.size() < 4) return false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i < 4 && lowercase(fields[i].text) != names[i]) return false;
    if (i >= 4 && !fields[i].text.empty()) return false;
  }
  return true;
}

bool is_ktab_start(std::string_view first, std::string_view second) {
  if (lowercase(trim(second)).rfind("actor,", 0) != 0) return false;
  auto fields = detail::split_line(first, {',', false, true});
  return fields.size() >= 4 && detail::parse_whole_number(fields[2].text) &&
         detail::parse_whole_number(fields[3].text);
}

}  // namespace

InputFormat detect_format(std::string_view text) {
  text = strip_bom(text);
  std::string_view content = trim(text);
  if (!content.empty() && content.front() == '{') return InputFormat::json;
  auto lines = first_lines(text, 2);
  if (lines.empty()) return InputFormat::yaml;
  if (starts_with_decide_tag(lines[0])) return InputFormat::decide;
  if (is_eu_header(lines[0])) return InputFormat::eu_csv;
  if (lines.size() == 2 && is_ktab_start(lines[0], lines[1])) return InputFormat::ktab_csv;
  return InputFormat::yaml;
}

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::yaml:
      return "yaml";
    case InputFormat::json:
      return "json";
    case InputFormat::ktab_csv:
      return "ktab_csv";
    case InputFormat::eu_csv:
      return "eu_csv";
    case InputFormat::decide:
      return "decide";
  }
  return "?";
}

}  // namespace parley
