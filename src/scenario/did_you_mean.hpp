// Internal: suggesting the nearest known name for a misspelt one.
#pragma once

#include <string>
#include <vector>

namespace parley::detail {

// "; did you mean 'salience'?" when a candidate is within a small edit distance, else "".
std::string did_you_mean(const std::string& given, const std::vector<std::string>& candidates);

}  // namespace parley::detail
