#include "scenario/event_predicate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace parley::detail {
namespace {

bool is_operator_char(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }

// Words and operators; an operator needs no spaces around it ("recognition[china]>=2").
std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    if (is_operator_char(text[i])) {
      while (i < text.size() && is_operator_char(text[i])) ++i;
    } else {
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             !is_operator_char(text[i])) {
        ++i;
      }
    }
    tokens.emplace_back(text.substr(begin, i - begin));
  }
  return tokens;
}

bool is_keyword(const std::string& word) {
  return word == "and" || word == "or" || word == "by" || word == "at" || word == "throughout" ||
         word == "month";
}

bool id_chars(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

}  // namespace

std::optional<std::string> canonical_series(const std::string& word) {
  if (word.empty() || !std::isalpha(static_cast<unsigned char>(word[0]))) return std::nullopt;
  std::string name = word;
  if (const auto open = name.find('['); open != std::string::npos) {
    if (name.back() != ']') return std::nullopt;
    name = name.substr(0, open) + ":" + name.substr(open + 1, name.size() - open - 2);
  }
  const auto colon = name.find(':');
  if (colon == std::string::npos) return id_chars(name) ? std::optional(name) : std::nullopt;
  if (!id_chars(std::string_view(name).substr(0, colon)) ||
      !id_chars(std::string_view(name).substr(colon + 1))) {
    return std::nullopt;
  }
  return name;
}

namespace {

std::optional<double> number(const std::string& word) {
  if (word.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(word.c_str(), &end);
  if (end != word.c_str() + word.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

class PredicateParser {
 public:
  explicit PredicateParser(std::string_view text) : tokens_(tokenize(text)) {}

  PredicateParse parse() {
    PredicateParse out;
    EventPredicate predicate;
    predicate.any_of.emplace_back();
    for (;;) {
      auto test = parse_test();
      if (!test) return fail(out);
      predicate.any_of.back().push_back(*test);
      const std::string word = next();
      if (word == "and") continue;
      if (word == "or") {
        predicate.any_of.emplace_back();
        continue;
      }
      if (word == "by" || word == "at" || word == "throughout") {
        predicate.window = word == "by"   ? EventWindow::by
                           : word == "at" ? EventWindow::at
                                          : EventWindow::throughout;
        break;
      }
      problem_ = "expected 'and', 'or', or a window (by, at, throughout) after '" +
                 describe_test(*test) + "', got " + shown(word);
      return fail(out);
    }
    out.horizon = parse_time();
    if (!out.horizon) return fail(out);
    if (position_ < tokens_.size()) {
      problem_ = "unexpected '" + tokens_[position_] + "' after the month";
      return fail(out);
    }
    out.predicate = std::move(predicate);
    return out;
  }

 private:
  std::string next() { return position_ < tokens_.size() ? tokens_[position_++] : std::string(); }
  std::string peek() const { return position_ < tokens_.size() ? tokens_[position_] : ""; }
  static std::string shown(const std::string& word) {
    return word.empty() ? "the end of the text" : "'" + word + "'";
  }
  static std::string describe_test(const SeriesTest& test) {
    if (test.op == "!=" && test.threshold == 0) return test.series;
    return fmt::format("{} {} {}", test.series, test.op, test.threshold);
  }

  std::optional<SeriesTest> parse_test() {
    const std::string word = next();
    const auto name = is_keyword(word) ? std::nullopt : canonical_series(word);
    if (!name) {
      problem_ =
          "expected a series name such as recognition:china, recognition[china] or "
          "policy:girls_education, got " +
          shown(word);
      return std::nullopt;
    }
    SeriesTest test{*name, "!=", 0.0};
    if (peek().empty() || !is_operator_char(peek()[0])) return test;  // a bare series
    test.op = next();
    static const char* ops[] = {"<", "<=", ">", ">=", "==", "!="};
    if (std::find(std::begin(ops), std::end(ops), test.op) == std::end(ops)) {
      problem_ = "expected an operator < <= > >= == or !=, got '" + test.op + "'";
      return std::nullopt;
    }
    const std::string value = next();
    const auto threshold = number(value);
    if (!threshold) {
      problem_ = "expected a number after '" + *name + " " + test.op + "', got " + shown(value);
      return std::nullopt;
    }
    test.threshold = *threshold;
    return test;
  }

  std::optional<MonthText> parse_time() {
    std::string word = next();
    if (word == "month") {
      const std::string n = next();
      if (auto value = whole_number(n)) return MonthText{std::nullopt, *value, "month " + n};
      problem_ = "expected a month number (0, 1, ...) after 'month', got " + shown(n);
      return std::nullopt;
    }
    if (auto month = parse_month_text(word); month && !word.empty()) return month;
    problem_ = "expected a month, YYYY-MM or 'month N', after the window, got " + shown(word);
    return std::nullopt;
  }

  PredicateParse& fail(PredicateParse& out) {
    out.problem = problem_;
    out.predicate.reset();
    return out;
  }

  std::vector<std::string> tokens_;
  std::size_t position_ = 0;
  std::string problem_;
};

}  // namespace

std::optional<int> calendar_index(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const auto year = whole_number(text.substr(0, 4));
  const auto month = whole_number(text.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
  return *year * 12 + (*month - 1);
}

std::optional<MonthText> parse_month_text(std::string_view text) {
  const std::string written(text);
  if (auto calendar = calendar_index(text)) return MonthText{*calendar, std::nullopt, written};
  if (text.substr(0, 6) == "month ") text.remove_prefix(6);
  if (auto relative = whole_number(text)) return MonthText{std::nullopt, *relative, written};
  return std::nullopt;
}

PredicateParse parse_predicate(std::string_view text) { return PredicateParser(text).parse(); }

}  // namespace parley::detail
