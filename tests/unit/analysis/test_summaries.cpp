// Summaries of a comparison: the paired differences need the reference strategy's runs.
#include <gtest/gtest.h>

#include "parley/analysis.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

TEST(Summarise, RefusesAReferenceThatWasNotRun) {
  const Scenario s = test::leverage_case();
  std::vector<StrategyRuns> results(1);
  results[0].strategy = "isolation";
  test::expect_error([&] { summarise(s, results, "piecemeal"); },
                     ErrorId::request_reference_not_run,
                     "reference strategy 'piecemeal' was not run");
  EXPECT_NO_THROW(summarise(s, results, "isolation"));
}

}  // namespace
}  // namespace parley
