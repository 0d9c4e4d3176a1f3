#include "scenario/import_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "scenario/input_checks.hpp"

namespace parley::detail {
namespace {

bool is_blank(char c, char delimiter) { return c == ' ' || (c == '\t' && delimiter != '\t'); }

std::string_view trim(std::string_view text, char delimiter) {
  while (!text.empty() && is_blank(text.front(), delimiter)) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back(), delimiter)) text.remove_suffix(1);
  return text;
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

bool is_quote(char c, const DelimitedOptions& options) {
  return c == '"' || (options.single_quotes && c == '\'');
}

// Reads the quoted field starting at `open`; returns its content and sets `end` to the index
// just past the closing quote (or the end of the line when the quote is never closed).
std::string read_quoted(std::string_view line, std::size_t open, std::size_t& end) {
  const char quote = line[open];
  std::string content;
  std::size_t i = open + 1;
  while (i < line.size()) {
    if (line[i] != quote) {
      content += line[i++];
    } else if (i + 1 < line.size() && line[i + 1] == quote) {
      content += quote;
      i += 2;
    } else {
      ++i;
      break;
    }
  }
  end = i;
  return content;
}

}  // namespace

std::vector<TextField> split_line(std::string_view line, const DelimitedOptions& options) {
  std::vector<TextField> fields;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = pos;
    while (start < line.size() && is_blank(line[start], options.delimiter)) ++start;
    TextField field;
    field.column = static_cast<int>(start) + 1;
    std::size_t next = line.find(options.delimiter, start);
    if (start < line.size() && is_quote(line[start], options)) {
      std::size_t after_quote = start;
      field.text = read_quoted(line, start, after_quote);
      // Text between the closing quote and the delimiter is kept rather than dropped, so a
      // stray quote never silently loses data.
      next = line.find(options.delimiter, after_quote);
      std::size_t rest_end = next == std::string_view::npos ? line.size() : next;
      if (after_quote < rest_end) {
        field.text += trim(line.substr(after_quote, rest_end - after_quote), options.delimiter);
      }
    } else {
      std::size_t end = next == std::string_view::npos ? line.size() : next;
      field.text = std::string(trim(line.substr(start, end - start), options.delimiter));
    }
    if (options.ktab_escapes) {
      replace_all(field.text, "$$", ",");
      replace_all(field.text, "&quot;", "\"");
    }
    fields.push_back(std::move(field));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return fields;
}

std::vector<TextRecord> read_records(std::string_view text, const DelimitedOptions& options) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
  std::vector<TextRecord> records;
  int line_number = 0;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim_blanks(line).empty()) continue;
    TextRecord record{line_number, static_cast<int>(line.size()) + 1, split_line(line, options)};
    bool all_empty = std::all_of(record.fields.begin(), record.fields.end(),
                                 [](const TextField& field) { return field.text.empty(); });
    if (!all_empty) records.push_back(std::move(record));
  }
  return records;
}

ParsedNumber parse_number(std::string_view text) {
  text = trim_blanks(text);
  // from_chars rejects a leading '+', which people do write.
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  ParsedNumber result;
  if (text.empty()) return result;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, result.value);
  if (stop != end) return {NumberStatus::not_a_number, 0.0};
  if (error == std::errc::result_out_of_range || !std::isfinite(result.value)) {
    return {NumberStatus::not_finite, 0.0};
  }
  if (error != std::errc()) return {NumberStatus::not_a_number, 0.0};
  result.status = NumberStatus::ok;
  return result;
}

ParsedNumber parse_number_times_100(std::string_view text) {
  ParsedNumber plain = parse_number(text);
  if (plain.status != NumberStatus::ok) return plain;
  text = trim_blanks(text);
  std::size_t e = text.find_first_of("eE");
  int exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = text.substr(e + 1);
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    auto [stop, error] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (error != std::errc() || stop != digits.data() + digits.size()) {
      return {NumberStatus::ok, plain.value * 100.0};
    }
  }
  std::string mantissa(text.substr(0, e));
  return parse_number(fmt::format("{}e{}", mantissa, exponent + 2));
}

std::optional<int> parse_whole_number(std::string_view text) {
  text = trim_blanks(text);
  if (text.size() > 1 && text.front() == '+') text.remove_prefix(1);
  int value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::string describe_field(std::string_view text) {
  if (text.empty()) return "an empty field";
  return fmt::format("'{}'", text);
}

std::string slug(std::string_view name) {
  std::string id;
  for (unsigned char c : name) {
    bool keep = (c < 0x80 && std::isalnum(c)) || c == '-' || c == '_';
    if (keep) {
      id += static_cast<char>(std::tolower(c));
    } else if (!id.empty() && id.back() != '_') {
      id += '_';
    }
  }
  while (!id.empty() && (id.back() == '_' || id.back() == '-')) id.pop_back();
  std::size_t first = id.find_first_not_of("_-");
  return first == std::string::npos ? std::string() : id.substr(first);
}

namespace {
// The first `length` characters of an id, without a trailing separator.
std::string cut(const std::string& id, std::size_t length) {
  std::string out = id.substr(0, length);
  while (out.size() > 1 && (out.back() == '_' || out.back() == '-')) out.pop_back();
  return out;
}
}  // namespace

std::string IdAllocator::make(std::string_view name, const std::string& fallback) {
  std::string base = slug(name);
  if (base.empty()) base = fallback;
  // Long names keep their full text in the label; the id is cut to the limit.
  std::string id = cut(base, limits::max_id_length);
  for (int n = 2; used_.count(id); ++n) {
    const std::string suffix = fmt::format("_{}", n);
    id = cut(base, limits::max_id_length - suffix.size()) + suffix;
  }
  used_.insert(id);
  return id;
}

std::string file_stem(const std::string& file) {
  std::string stem = std::filesystem::path(file).stem().string();
  return stem.empty() ? "import" : stem;
}

std::string file_name(const std::string& file) {
  std::string name = std::filesystem::path(file).filename().string();
  return name.empty() ? file : name;
}

void ImportReport::error(const char* code, int line, int column, std::string path,
                         std::string message) {
  parsed_.diagnostics.push_back({code, file_, line, column, std::move(path), std::move(message)});
}

void ImportReport::remember(const std::string& path, int line, int column) {
  parsed_.locations.emplace(path, Location{line, column});
}

std::optional<double> ImportReport::number(const TextField& field, int line,
                                           const std::string& path, const char* what,
                                           double max_magnitude) {
  remember(path, line, field.column);
  ParsedNumber number = parse_number(field.text);
  if (number.status == NumberStatus::ok) {
    if (auto problem = magnitude_problem(number.value, max_magnitude)) {
      error("E016", line, field.column, path, fmt::format("{} ({})", *problem, what));
      return std::nullopt;
    }
    return number.value;
  }
  const bool infinite = number.status == NumberStatus::not_finite;
  error(infinite ? "E014" : "E012", line, field.column, path,
        fmt::format("expected {} ({}), got {}", infinite ? "a finite number" : "a number", what,
                    describe_field(field.text)));
  return std::nullopt;
}

}  // namespace parley::detail
