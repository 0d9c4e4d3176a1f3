// The model interface's shared machinery: issue inputs, parameters, spec parsing.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "parley/models.hpp"

namespace parley {

std::vector<IssueInput> issue_inputs(const Scenario& scenario) {
  std::vector<IssueInput> inputs;
  inputs.reserve(scenario.issues.size());
  for (const Issue& issue : scenario.issues) {
    IssueInput input;
    input.issue_id = issue.id;
    input.scale_min = issue.scale_min;
    input.scale_max = issue.scale_max;
    input.status_quo = issue.status_quo.value_or(0.5 * (issue.scale_min + issue.scale_max));
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      const Actor& actor = scenario.actors[a];
      auto position = actor.positions.find(issue.id);
      if (position == actor.positions.end()) continue;
      auto salience = actor.salience.find(issue.id);
      input.actors.push_back(a);
      input.capability.push_back(actor.capability);
      input.position.push_back(position->second);
      input.salience.push_back(salience == actor.salience.end() ? 0.0 : salience->second / 100.0);
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

namespace {
const std::string* find_value(const std::map<std::string, std::string>& values,
                              const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? nullptr : &it->second;
}
}  // namespace

double ModelParameters::number(const std::string& key, double fallback) const {
  const std::string* text = find_value(values_, key);
  if (!text) return fallback;
  double value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(value)) {
    throw Error(ErrorId::model_bad_parameter_value,
                fmt::format("model parameter '{}': expected a number, got '{}'", key, *text));
  }
  return value;
}

int ModelParameters::integer(const std::string& key, int fallback) const {
  const std::string* text = find_value(values_, key);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    throw Error(ErrorId::model_bad_parameter_value,
                fmt::format("model parameter '{}': expected a whole number, got '{}'", key, *text));
  }
  return value;
}

int ModelParameters::rounds(const std::string& model, int fallback) const {
  const std::string* text = find_value(values_, "rounds");
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0 ||
      value > limits::max_rounds) {
    throw Error(ErrorId::model_bad_parameter_value,
                fmt::format("{} parameter 'rounds': expected a whole number in [0, {}], got '{}'",
                            model, limits::max_rounds, *text));
  }
  return value;
}

std::string ModelParameters::spec(std::string_view model) const {
  std::string body;
  for (const auto& [key, value] : values_) {
    body += (body.empty() ? "" : ",") + key + "=" + value;
  }
  return body.empty() ? std::string(model) : std::string(model) + "(" + body + ")";
}

std::string ModelParameters::text(const std::string& key, const std::string& fallback) const {
  const std::string* text = find_value(values_, key);
  return text ? *text : fallback;
}

Forecast PerIssueModel::forecast(const Scenario& scenario, ForecastObserver* observer) const {
  Forecast forecast;
  forecast.model = spec_;
  for (const IssueInput& input : issue_inputs(scenario)) {
    forecast.issues.push_back(forecast_issue(input, observer));
  }
  return forecast;
}

namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// "name(k=v,k2=v2)" -> name and the key/value pairs.
std::pair<std::string, std::map<std::string, std::string>> split_spec(std::string_view spec) {
  std::map<std::string, std::string> values;
  const auto open = spec.find('(');
  if (open == std::string_view::npos) return {trim(spec), values};
  if (spec.back() != ')') {
    throw Error(ErrorId::model_bad_spec,
                fmt::format("model spec '{}': expected name(key=value,...)", spec));
  }
  std::string_view body = spec.substr(open + 1, spec.size() - open - 2);
  while (!body.empty()) {
    const auto comma = body.find(',');
    std::string_view item = body.substr(0, comma);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos || trim(item.substr(0, equals)).empty()) {
      throw Error(ErrorId::model_bad_spec,
                  fmt::format("model spec '{}': expected key=value, got '{}'", spec, item));
    }
    const std::string key = trim(item.substr(0, equals));
    if (!values.emplace(key, trim(item.substr(equals + 1))).second) {
      throw Error(ErrorId::model_bad_spec,
                  fmt::format("model spec '{}': parameter '{}' is given twice", spec, key));
    }
    body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
  }
  return {trim(spec.substr(0, open)), values};
}

const ModelEntry* find_entry(const std::string& name) {
  const auto& registry = model_registry();
  auto entry = std::find_if(registry.begin(), registry.end(),
                            [&](const ModelEntry& e) { return e.info.name == name; });
  return entry == registry.end() ? nullptr : &*entry;
}

}  // namespace

const char* to_string(OfferKind kind) {
  switch (kind) {
    case OfferKind::conflict:
      return "conflict";
    case OfferKind::compromise:
      return "compromise";
    case OfferKind::capitulation:
      return "capitulation";
    case OfferKind::bargain:
      return "bargain";
  }
  return "?";
}

std::string spec_with_default(std::string_view spec, const std::string& key,
                              const std::string& value) {
  auto [name, values] = split_spec(spec);
  const ModelEntry* entry = find_entry(name);
  if (!entry || values.count(key)) return std::string(spec);
  const auto& specs = entry->info.parameters;
  if (std::none_of(specs.begin(), specs.end(),
                   [&](const ParameterSpec& p) { return p.name == key; })) {
    return std::string(spec);
  }
  const std::string item = key + "=" + value;
  const auto close = spec.rfind(')');
  if (close == std::string_view::npos) return name + "(" + item + ")";
  const bool empty_body = values.empty();
  return std::string(spec.substr(0, close)) + (empty_body ? "" : ",") + item + ")";
}

namespace {

// The registry entry a spec names and its parameters, checked against what the model declares.
std::pair<const ModelEntry*, ModelParameters> resolve_spec(std::string_view spec) {
  auto [name, values] = split_spec(spec);
  const ModelEntry* entry = find_entry(name);
  if (!entry) {
    std::string known;
    for (const ModelEntry& e : model_registry()) known += (known.empty() ? "" : ", ") + e.info.name;
    throw Error(ErrorId::model_unknown,
                fmt::format("unknown model '{}'; known models: {}", name, known));
  }
  for (const auto& [key, value] : values) {
    const auto& specs = entry->info.parameters;
    // An explicit capture: C++20 lets a lambda name a structured binding, clang 14 does not.
    bool known = std::any_of(specs.begin(), specs.end(),
                             [&key = key](const ParameterSpec& p) { return p.name == key; });
    if (!known) {
      throw Error(ErrorId::model_unknown_parameter,
                  fmt::format("model '{}' has no parameter '{}'", name, key));
    }
  }
  return {entry, ModelParameters(values)};
}

}  // namespace

std::unique_ptr<Model> make_model(std::string_view spec) {
  auto [entry, parameters] = resolve_spec(spec);
  return entry->make(parameters);
}

std::unique_ptr<PerIssueModel> make_per_issue_model(std::string_view spec) {
  auto [entry, parameters] = resolve_spec(spec);
  if (!entry->make_per_issue) {
    throw Error(ErrorId::model_not_per_issue,
                fmt::format("model '{}' treats issues jointly; per-issue models: {}",
                            entry->info.name, model_names(ModelScope::per_issue)));
  }
  return entry->make_per_issue(parameters);
}

const ModelInfo& model_info(std::string_view spec) { return resolve_spec(spec).first->info; }

std::string model_names(ModelScope scope) {
  std::string names;
  for (const ModelEntry& e : model_registry()) {
    if (e.info.scope == scope) names += (names.empty() ? "" : ", ") + e.info.name;
  }
  return names;
}

const char* to_string(ModelScope scope) {
  return scope == ModelScope::per_issue ? "per-issue" : "joint";
}

}  // namespace parley
