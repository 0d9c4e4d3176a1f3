// Internal: long names in terminal tables. Ids (at most limits::max_id_length characters in a
// validated scenario) and titles are shown whole up to a width and cut with an ellipsis beyond
// it, so a table's size follows its rows, never the length of a name. JSON and CSV outputs keep
// every name whole.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace parley::detail {

inline constexpr std::size_t max_id_column = 40;  // an actor, issue or strategy id in a column
inline constexpr std::size_t max_title = 100;     // a scenario's name in a table's heading

// Characters (UTF-8 code points) in `text`.
inline std::size_t display_length(std::string_view text) {
  std::size_t length = 0;
  for (unsigned char c : text) length += (c & 0xC0) != 0x80;
  return length;
}

// `text` if it has at most `width` characters, else its first width - 1 and "…".
inline std::string fit(std::string_view text, std::size_t width) {
  if (display_length(text) <= width) return std::string(text);
  std::size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    const bool starts_character = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
    if (starts_character && kept++ == width - 1) break;
  }
  return std::string(text.substr(0, end)) + "…";
}

// The width of a column of ids: the longest, at least `header`, at most max_id_column.
inline std::size_t id_column(std::size_t longest, std::size_t header) {
  return std::max(header, std::min(longest, max_id_column));
}

}  // namespace parley::detail
