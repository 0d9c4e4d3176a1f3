// Addressing a scenario's numbers by path, for uncertainty, sweeps and provenance checks.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.hpp"

namespace parley {

struct NumberField {
  std::string id_path;     // "actors.kandahar.salience.girls_education"
  std::string index_path;  // "actors[0].salience.girls_education"
  double* value = nullptr;
  double min = 0.0;  // the range validation accepts
  double max = 0.0;
  bool evidence = false;  // a fact or judgement about the world, which must carry provenance
};

// Every numeric field present in the scenario, in file order.
std::vector<NumberField> number_fields(Scenario& scenario);

// The field at `id_path`, or nullptr.
double* find_number(Scenario& scenario, std::string_view id_path);

// True when `id_path` matches `pattern`, where a `*` part matches any one part.
bool path_matches(std::string_view pattern, std::string_view id_path);

// For each field, the uncertainty entry that governs it (index into Scenario::uncertainty), or
// -1: an exact path wins over patterns, and among patterns the first listed.
std::vector<int> governing_uncertainty(const Scenario& scenario,
                                       const std::vector<NumberField>& fields);

// Names a condition may test besides issue ids ("cohesion", "spoiler_strength", ...).
const std::vector<std::string>& condition_indicators();

}  // namespace parley
