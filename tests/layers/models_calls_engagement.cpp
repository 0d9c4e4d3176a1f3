// A models-layer function that runs the engagement simulator, which sits above it: must not link.
#include "parley/engagement.hpp"

int probe(const parley::Scenario& scenario) {
  return static_cast<int>(parley::simulate_engagement(scenario, "", {}, 1, 0).months.size());
}
