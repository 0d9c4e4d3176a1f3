#include "scenario/syntax_errors.hpp"

#include <fmt/format.h>

#include <vector>

#include "scenario/input_checks.hpp"

namespace parley::detail {
namespace {

Location location_of_byte(std::string_view text, std::size_t byte) {
  Location at{1, 1};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

std::size_t byte_of(std::string_view text, int line, int column) {
  std::size_t byte = 0;
  for (int l = 1; l < line && byte < text.size(); ++byte) {
    if (text[byte] == '\n') ++l;
  }
  return std::min(text.size(), byte + static_cast<std::size_t>(std::max(column - 1, 0)));
}

// The first line indented with a tab, which YAML forbids; 0 when there is none.
Location tab_indentation(std::string_view text) {
  int line = 1;
  bool at_line_start = true;
  int column = 1;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
      at_line_start = true;
      continue;
    }
    if (at_line_start && c == '\t') return {line, column};
    if (c != ' ' && c != '-') at_line_start = false;
    ++column;
  }
  return {};
}

struct OpenAtError {
  Location quote;    // a double quote still open, if any
  Location bracket;  // the innermost '{' or '[' still open, if any
};

// What is still open at `end` (outside quotes and comments).
OpenAtError still_open(std::string_view text, std::size_t end) {
  std::vector<Location> open;
  Location at{1, 1};
  Location quote_start;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < end && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++at.line;
      at.column = 1;
      comment = false;
      if (quote == '\'') quote = 0;  // keep going: a single quote may also be an apostrophe
      continue;
    }
    if (!comment && !quote && c == '#' && (i == 0 || text[i - 1] == ' ')) comment = true;
    if (!comment) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' ||
                 (c == '\'' && i > 0 &&
                  std::string_view(" [{,:").find(text[i - 1]) != std::string_view::npos)) {
        quote = c;
        quote_start = at;
      } else if (c == '{' || c == '[') {
        open.push_back(at);
      } else if ((c == '}' || c == ']') && !open.empty()) {
        open.pop_back();
      }
    }
    ++at.column;
  }
  return {quote == '"' ? quote_start : Location{}, open.empty() ? Location{} : open.back()};
}

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

SyntaxProblem explain_yaml_error(std::string_view text, int mark_line, int mark_column,
                                 const std::string& parser_message) {
  // yaml-cpp may quote one byte of a multi-byte character ("unknown escape character").
  const std::string what = valid_utf8(parser_message);
  if (Location tab = tab_indentation(text); tab.line > 0) {
    return {tab, fmt::format("YAML syntax error: line {} is indented with a tab; YAML allows only "
                             "spaces",
                             tab.line)};
  }
  Location where{mark_line + 1, mark_column + 1};
  if (contains(what, "flow not found") || contains(what, "illegal block entry") ||
      contains(what, "end of map not found") || contains(what, "illegal map value")) {
    OpenAtError open = still_open(text, byte_of(text, where.line, where.column));
    if (open.quote.line > 0) {
      return {open.quote, "YAML syntax error: this quoted text is not closed"};
    }
    if (open.bracket.line > 0) {
      return {open.bracket,
              "YAML syntax error: this '{' or '[' is not closed (text containing "
              "[ ] { } , or : inside {...} or [...] must be quoted)"};
    }
  }
  if (contains(what, "end of sequence not found") || contains(what, "end of map not found")) {
    return {where, "YAML syntax error: " + what +
                       "; check this line's indentation against the lines above it"};
  }
  if (contains(what, "end of string not found") || contains(what, "unclosed")) {
    return {where, "YAML syntax error: a quoted text is not closed"};
  }
  return {where, "YAML syntax error: " + what};
}

SyntaxProblem explain_json_error(std::string_view text, std::size_t byte, const std::string& what) {
  const std::size_t at = byte > 0 ? byte - 1 : 0;
  Location where = location_of_byte(text, at);
  std::string message = valid_utf8(what);  // "last read: '...'" may end inside a character
  if (auto start = message.find("syntax error"); start != std::string::npos) {
    message = message.substr(start);
  }
  if (at < text.size() && (text[at] == ']' || text[at] == '}')) {
    std::size_t previous = at;
    while (previous > 0 &&
           std::string_view(" \t\r\n").find(text[previous - 1]) != std::string_view::npos) {
      --previous;
    }
    if (previous > 0 && text[previous - 1] == ',') {
      return {location_of_byte(text, previous - 1),
              "JSON syntax error: a comma after the last element is not allowed"};
    }
  }
  // nlohmann stops a few characters into an invalid literal; look back for NaN or Infinity.
  const std::size_t from = at >= 8 ? at - 8 : 0;
  const std::string_view around = text.substr(from, std::min<std::size_t>(16, text.size() - from));
  if (around.find("NaN") != std::string_view::npos ||
      around.find("Infinity") != std::string_view::npos) {
    const std::size_t literal = text.find_first_of("NI-", from);
    return {location_of_byte(text, literal == std::string_view::npos ? at : literal),
            "JSON has no NaN or Infinity: expected a finite number"};
  }
  return {where, "JSON " + message};
}

}  // namespace parley::detail
