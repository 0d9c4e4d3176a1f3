// Internal: a Scenario as the tree of format v1, shared by the YAML and JSON writers so that both
// write exactly the same structure.
#pragma once

#include <nlohmann/json.hpp>

#include "parley/scenario.hpp"

namespace parley::detail {

// Keys keep the order the format documents (parley, meta, issues, actors, ...). Optional fields
// that are unset or empty are left out; a number with an entry in scenario.provenance is written
// as {value, source, judgement, note}.
nlohmann::ordered_json scenario_tree(const Scenario& scenario);

}  // namespace parley::detail
