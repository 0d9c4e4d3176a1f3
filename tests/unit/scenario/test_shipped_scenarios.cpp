// What the shipped scenarios promise: they load, every judgement is uncertain, the built-in
// strategies exist.
#include <gtest/gtest.h>

#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

class ShippedScenario : public ::testing::TestWithParam<const char*> {
 protected:
  Scenario load() { return test::shipped_scenario(GetParam()); }
};

TEST_P(ShippedScenario, EveryJudgementHasAnUncertaintyRange) {
  Scenario s = load();
  const auto fields = number_fields(s);
  const auto governing = governing_uncertainty(s, fields);
  int judgements = 0;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    auto p = s.provenance.find(fields[f].id_path);
    if (p == s.provenance.end() || !p->second.judgement) continue;
    ++judgements;
    EXPECT_GE(governing[f], 0) << fields[f].id_path << " is a judgement without a range";
  }
  EXPECT_GT(judgements, 100);
}

TEST_P(ShippedScenario, HasTheBuiltInStrategiesAndTheThreeBlocs) {
  Scenario s = load();
  for (const char* id :
       {"isolation", "benchmarks", "piecemeal", "normalisation", "ct-partnership"}) {
    EXPECT_NE(find_strategy(s, id), nullptr) << id;
  }
  for (const char* id : {"regional", "isolationist", "pragmatist"})
    EXPECT_NE(find_bloc(s, id), nullptr) << id;
  for (const char* id : {"kandahar", "haqqani", "doha_wing", "iskp", "un", "qatar", "pakistan"}) {
    EXPECT_NE(find_actor(s, id), nullptr) << id;
  }
  for (const char* id :
       {"girls_education", "women_work", "inclusive_government", "recognition", "sanctions_relief",
        "humanitarian_access", "counter_terrorism", "counter_narcotics", "institutional_capacity",
        "agriculture", "infrastructure", "airport_security", "border_control",
        "water_management"}) {
    EXPECT_NE(find_issue(s, id), nullptr) << id;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario,
                         ::testing::Values("afghanistan-2021.yaml", "afghanistan-2024.yaml"),
                         [](const auto& info) { return std::string(info.param).substr(12, 4); });

}  // namespace
}  // namespace parley
