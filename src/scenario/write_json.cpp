// Writes a scenario as JSON with the structure of format v1 (see scenario_tree.cpp).
#include "parley/scenario.hpp"
#include "scenario/scenario_tree.hpp"

namespace parley {

std::string to_json(const Scenario& scenario) {
  // Text read from other tools' files may not be valid UTF-8; replacing bad bytes beats throwing
  // in the middle of an export.
  return detail::scenario_tree(scenario).dump(2, ' ', false,
                                              nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace parley
