// An analysis-layer function that renders a table of the io layer above it: must not link.
#include "parley/io.hpp"

std::size_t probe(const parley::Scenario& scenario) {
  return parley::sensitivity_csv({}).size() + scenario.issues.size();
}
