// Internal: checks on the raw text of an input file, before any parser sees it: the encoding
// (UTF-8, in every format) and how deep maps and lists nest (YAML and JSON); and the magnitude
// of every number the readers read. Parsers recurse per
// level of nesting; the check keeps that recursion far from the stack's end and says what is
// wrong, instead of yaml-cpp's "bad file".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scenario/parsed.hpp"

namespace parley::detail {

struct TextProblem {
  Location where;
  std::string message;
};

// The first byte that is not part of valid UTF-8 (overlong forms, surrogates and code points
// above U+10FFFF are invalid too), or the first NUL: valid UTF-8, but in no text format, and
// yaml-cpp takes text with NULs for UTF-16 or UTF-32 and misreads all of it. Columns count
// characters.
std::optional<TextProblem> invalid_utf8(std::string_view text);

// `text` with each byte that is not part of valid UTF-8 replaced by U+FFFD. For messages that
// quote a parser's own (yaml-cpp and nlohmann/json print single bytes of a multi-byte character),
// so that a diagnostic is always valid UTF-8, as a terminal and JSON output need.
std::string valid_utf8(std::string_view text);

// The checks every input format shares, on the raw text: its size (E004) and its encoding
// (E003), reported for `file`; nothing when both are fine.
std::optional<Diagnostic> raw_text_problem(std::string_view text, const std::string& file);

// What is wrong with a finite number's magnitude (E016), or nothing: it must be 0 or have a
// magnitude in [limits::min_magnitude, limits::max_magnitude].
// A reader that rescales a field (KTAB's capabilities) may allow a larger `max_magnitude`.
std::optional<std::string> magnitude_problem(double value,
                                             double max_magnitude = limits::max_magnitude);

// The first map or list that opens more than `max_depth` levels deep, counting block
// indentation, "- " entries and flow brackets ({ and [ outside quotes and comments).
std::optional<TextProblem> nesting_beyond(std::string_view text, int max_depth);

}  // namespace parley::detail
