// Internal: the small grammar of event predicates and months in observation files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/scenario.hpp"

namespace parley::detail {

// A month written as "YYYY-MM" (calendar) or "month N" / N (months after the start).
struct MonthText {
  std::optional<int> calendar;  // year * 12 + (month - 1), when written as YYYY-MM
  std::optional<int> relative;  // N, when written as a month number
  std::string text;             // as written: "2024-01", "month 28"
};

// Reads "YYYY-MM" (month 01-12), "month N" or "N" (N >= 0). Nothing when it is neither.
std::optional<MonthText> parse_month_text(std::string_view text);

// year * 12 + (month - 1) of a "YYYY-MM" text, or nothing.
std::optional<int> calendar_index(std::string_view text);

// "recognition[china]" and "recognition:china" both give "recognition:china"; nothing for text
// that is not a series name.
std::optional<std::string> canonical_series(const std::string& word);

// The outcome of parsing a predicate: the predicate with its horizon still as written, or what
// was expected where the text went wrong.
struct PredicateParse {
  std::optional<EventPredicate> predicate;
  std::optional<MonthText> horizon;
  std::string problem;  // set when predicate is empty
};

// predicate  := disjunction WINDOW TIME
// disjunction:= conjunction ('or' conjunction)*
// conjunction:= test ('and' test)*
// test       := SERIES [OP NUMBER]          (a bare series holds when it is not 0)
// SERIES     := name | name ':' id | name '[' id ']'
// OP         := < <= > >= == !=
// WINDOW     := by | at | throughout
// TIME       := YYYY-MM | month N
PredicateParse parse_predicate(std::string_view text);

}  // namespace parley::detail
