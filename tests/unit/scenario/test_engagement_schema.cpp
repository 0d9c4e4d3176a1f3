// The engagement parameter table is the one list of the model's coefficients: every field of
// EngagementParameters has exactly one row, and a scenario's `parameters:` override the defaults.
#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "parley/scenario.hpp"

namespace parley {
namespace {

TEST(EngagementSchema, EveryFieldHasExactlyOneRow) {
  static_assert(sizeof(EngagementParameters) % sizeof(double) == 0);
  constexpr std::size_t fields = sizeof(EngagementParameters) / sizeof(double);
  EngagementParameters marked;
  std::memset(&marked, 0, sizeof marked);
  std::set<std::string> names;
  for (const EngagementParameterSpec& spec : engagement_parameter_specs()) {
    EXPECT_TRUE(names.insert(spec.name).second) << "two rows named " << spec.name;
    EXPECT_EQ(marked.*spec.field, 0.0) << spec.name << " shares its field with another row";
    marked.*spec.field = 1.0;
    EXPECT_LE(spec.min, spec.default_value) << spec.name;
    EXPECT_LE(spec.default_value, spec.max) << spec.name;
  }
  EXPECT_EQ(engagement_parameter_specs().size(), fields);
  double values[fields];
  std::memcpy(values, &marked, sizeof marked);
  for (std::size_t i = 0; i < fields; ++i)
    EXPECT_EQ(values[i], 1.0) << "field " << i << " has no row";
}

TEST(EngagementSchema, ScenarioParametersOverrideDefaults) {
  Scenario scenario;
  scenario.parameters["track_rate"] = 0.5;
  const EngagementParameters p = engagement_parameters(scenario);
  EXPECT_EQ(p.track_rate, 0.5);
  for (const EngagementParameterSpec& spec : engagement_parameter_specs()) {
    if (std::string(spec.name) != "track_rate") {
      EXPECT_EQ(p.*spec.field, spec.default_value);
    }
  }
}

}  // namespace
}  // namespace parley
