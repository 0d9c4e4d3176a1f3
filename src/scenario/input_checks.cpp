#include "scenario/input_checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace parley::detail {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is invalid.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Block scalars (`key: |`, `key: >-`) hold text whose indentation is not structure.
bool opens_block_scalar(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  while (!line.empty() &&
         (line.back() == '-' || line.back() == '+' || (line.back() >= '1' && line.back() <= '9'))) {
    line.remove_suffix(1);
  }
  return line.size() >= 2 && (line.back() == '|' || line.back() == '>') &&
         (line[line.size() - 2] == ' ' || line[line.size() - 2] == ':');
}

class NestingScan {
 public:
  explicit NestingScan(int max_depth) : max_depth_(max_depth) {}

  std::optional<TextProblem> run(std::string_view text) {
    int line = 0;
    while (!text.empty()) {
      const std::size_t newline = text.find('\n');
      const std::string_view content = text.substr(0, newline);
      text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
      ++line;
      if (auto problem = scan_line(content, line)) return problem;
    }
    return std::nullopt;
  }

 private:
  std::optional<TextProblem> scan_line(std::string_view text, int line) {
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') ++i;
    const int indent = static_cast<int>(i);
    if (block_scalar_ >= 0) {
      if (i == text.size() || indent > block_scalar_) return std::nullopt;
      block_scalar_ = -1;
    }
    if (i == text.size() || text[i] == '#') return std::nullopt;  // blank or comment
    int dashes = 0;
    if (flow_ == 0 && quote_ == 0) {
      while (!indents_.empty() && indents_.back() >= indent) indents_.pop_back();
      indents_.push_back(indent);
      // "- - x": each entry marker opens one more level.
      while (i + 1 < text.size() && text[i] == '-' && text[i + 1] == ' ') {
        ++dashes;
        i += 2;
        while (i < text.size() && text[i] == ' ') ++i;
      }
      if (depth(dashes) > max_depth_) return problem(line, i);
      if (opens_block_scalar(text)) block_scalar_ = indent;
    }
    char previous = ' ';
    // In block context, a '{' or '[' opens a collection only where a node starts; inside plain
    // text ("name: Z{{x") it is a character like any other, and so is a quote.
    bool plain = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (quote_ != 0) {
        if (c == '\\' && quote_ == '"') {
          ++i;
        } else if (c == quote_) {
          quote_ = 0;
        }
        previous = c;
        continue;
      }
      if (c == '#' && (previous == ' ' || previous == '\t')) break;
      if (flow_ == 0) {
        if (auto skip = block_token(text, i, plain); skip > 0) {
          i += skip - 1;
          previous = text[i];
          continue;
        }
      }
      const bool starts_value =
          std::string_view(" \t:,[{-").find(previous) != std::string_view::npos;
      if ((c == '"' || c == '\'') && starts_value) {
        quote_ = c;
      } else if ((c == '[' || c == '{') && (flow_ > 0 || starts_value)) {
        ++flow_;
        if (depth(dashes) > max_depth_) return problem(line, i);
      } else if ((c == ']' || c == '}') && flow_ > 0) {
        --flow_;
      }
      previous = c;
    }
    if (quote_ == '\'') quote_ = 0;  // an apostrophe in plain text, not a quote
    return std::nullopt;
  }

  // In block context, at text[i]: how many characters to pass over without looking for quotes
  // and brackets, updating `plain` (inside a plain scalar); 0 when text[i] starts a quoted text
  // or a flow collection, or is a blank. A node starts at the line's start, after ": ", "- " or
  // "? ", and after an anchor or a tag; plain text runs until ": ".
  static std::size_t block_token(std::string_view text, std::size_t i, bool& plain) {
    const char c = text[i];
    const bool blank_after = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t';
    if (plain) {
      if (c == ':' && blank_after) plain = false;
      return 1;
    }
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '[' || c == '{') return 0;
    if ((c == '-' || c == '?' || c == ':') && blank_after) return 1;
    if (c == '&' || c == '!') {
      std::size_t end = text.find_first_of(" \t", i);
      return (end == std::string_view::npos ? text.size() : end) - i;
    }
    plain = true;
    return 1;
  }

  int depth(int dashes) const { return static_cast<int>(indents_.size()) + dashes + flow_; }

  std::optional<TextProblem> problem(int line, std::size_t byte) const {
    return TextProblem{{line, static_cast<int>(byte) + 1},
                       fmt::format("maps and lists nest more than {} levels deep here; parley "
                                   "reads at most {} (a scenario needs about 8)",
                                   max_depth_, max_depth_)};
  }

  int max_depth_;
  std::vector<int> indents_;  // the indentation of each open block level
  int flow_ = 0;              // open flow brackets
  char quote_ = 0;            // the quote of an open quoted text
  int block_scalar_ = -1;     // the indentation of the line that opened a block scalar
};

}  // namespace

std::optional<TextProblem> invalid_utf8(std::string_view text) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      return TextProblem{{line, column},
                         "the file holds a NUL byte here, which no text format allows (a file "
                         "saved as UTF-16 or UTF-32 has many); save the file as UTF-8"};
    }
    const std::size_t length = sequence_length(text, i);
    if (length == 0) {
      return TextProblem{
          {line, column},
          fmt::format("the file is not valid UTF-8: byte 0x{:02X} here does not start or "
                      "continue a UTF-8 character; save the file as UTF-8",
                      static_cast<unsigned char>(text[i]))};
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

std::optional<Diagnostic> raw_text_problem(std::string_view text, const std::string& file) {
  if (text.size() > limits::max_input_bytes) {
    return Diagnostic{"E004", file, 0, 0, "", too_large_message(file)};
  }
  if (auto problem = invalid_utf8(text)) {
    return Diagnostic{"E003",          file, problem->where.line, problem->where.column, "",
                      problem->message};
  }
  return std::nullopt;
}

std::optional<std::string> magnitude_problem(double value, double max_magnitude) {
  const double magnitude = std::abs(value);
  if (magnitude > max_magnitude) {
    // The limits are powers of ten, written as in the docs: 1e6, not 1e+06.
    return fmt::format("expected a number of magnitude at most 1e{}, got {}",
                       std::lround(std::log10(max_magnitude)), value);
  }
  if (magnitude > 0 && magnitude < limits::min_magnitude) {
    return fmt::format(
        "expected 0 or a number of magnitude at least 1e-9, got {} (such small numbers are "
        "rejected, not rounded to 0)",
        value);
  }
  return std::nullopt;
}

std::optional<TextProblem> nesting_beyond(std::string_view text, int max_depth) {
  return NestingScan(max_depth).run(text);
}

}  // namespace parley::detail
