// Named choices for model parameters, e.g. `voting=prop`: one table per parameter maps the names a
// user may write to the option's values, and gives the error message and the documentation.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parley/models.hpp"

namespace parley::detail {

template <typename E>
using Choices = std::vector<std::pair<const char*, E>>;

// "a|b|c", for messages and ParameterSpec descriptions.
template <typename E>
std::string choice_names(const Choices<E>& choices) {
  std::string text;
  for (const auto& [name, value] : choices) text += (text.empty() ? "" : "|") + std::string(name);
  return text;
}

// Sets `value` from parameter `key` when the spec gives it; throws Error model.bad_parameter_value
// naming the model, the key and the allowed names otherwise.
template <typename E>
void read_choice(const ModelParameters& parameters, const char* model, const char* key,
                 const Choices<E>& choices, E& value) {
  const std::string text = parameters.text(key, "");
  if (text.empty()) return;
  auto found = std::find_if(choices.begin(), choices.end(),
                            [&](const auto& choice) { return text == choice.first; });
  if (found == choices.end()) {
    throw Error(ErrorId::model_bad_parameter_value,
                fmt::format("{} parameter '{}': expected {}, got '{}'", model, key,
                            choice_names(choices), text));
  }
  value = found->second;
}

template <typename E>
const char* choice_name(const Choices<E>& choices, E value) {
  for (const auto& [name, v] : choices) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace parley::detail
