// Test helper: the synthetic leverage case (tests/data/engagement/leverage.yaml) that the
// engagement and analysis tests share, loaded from one place so they all test the same file.
#pragma once

#include <string>

#include "parley/scenario.hpp"

namespace parley::test {

inline Scenario leverage_case() {
  return load_scenario_file(std::string(PARLEY_TEST_DATA_DIR) + "/engagement/leverage.yaml");
}

}  // namespace parley::test
