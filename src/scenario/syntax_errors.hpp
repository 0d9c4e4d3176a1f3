// Internal: turning YAML and JSON parser errors into messages a user can act on.
#pragma once

#include <string>
#include <string_view>

#include "scenario/parsed.hpp"

namespace parley::detail {

struct SyntaxProblem {
  Location where;
  std::string message;
};

// `mark_line`/`mark_column` are yaml-cpp's 0-based mark; `parser_message` its message. The
// messages returned are valid UTF-8 even where the parser's is not.
SyntaxProblem explain_yaml_error(std::string_view text, int mark_line, int mark_column,
                                 const std::string& parser_message);

// `byte` is nlohmann/json's 1-based byte position of the error; `what` its message.
SyntaxProblem explain_json_error(std::string_view text, std::size_t byte, const std::string& what);

}  // namespace parley::detail
