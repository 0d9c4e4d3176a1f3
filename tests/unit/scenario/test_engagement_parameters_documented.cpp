// Every engagement coefficient is documented in docs/engagement.md with its default.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "parley/engagement.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

TEST(EngagementParameters, EveryOneIsInTheDocsWithItsDefault) {
  const std::string docs = read_file(std::string(PARLEY_SOURCE_DIR) + "/docs/engagement.md");
  for (const auto& spec : engagement_parameter_specs()) {
    const std::string row = fmt::format("| `{}` | {} |", spec.name, spec.default_value);
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/engagement.md lacks the row " << row;
    EXPECT_GT(std::string(spec.rationale).size(), 20u) << spec.name;
  }
}

}  // namespace
}  // namespace parley
