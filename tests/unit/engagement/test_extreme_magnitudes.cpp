// The engagement simulator on magnitudes that validation rejects (issue 13, F0 and F1: the
// leverage case with a faction capability of 1e308, a spoiler strength of 1e-320, 1e308 attacks a
// month). Called directly, without validation, a run must neither crash nor hang nor record NaN:
// it finishes with finite numbers or throws an Error model.non_finite that names the month.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "parley/engagement.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

Actor& actor(Scenario& s, const std::string& id) {
  for (Actor& a : s.actors) {
    if (a.id == id) return a;
  }
  throw std::logic_error("no actor " + id);
}

void expect_finite_or_located_error(const Scenario& s, const std::string& what) {
  for (const char* engine : {"eum", "compromise"}) {
    EngagementOptions options;
    options.months = 12;
    options.engine = engine;
    try {
      const EngagementRun run = simulate_engagement(s, "isolation", options, 1, 0);
      for (const MonthRecord& month : run.months) {
        for (double x : month.values) EXPECT_TRUE(std::isfinite(x)) << what;
      }
    } catch (const Error& e) {
      EXPECT_EQ(e.id(), ErrorId::model_non_finite) << e.what();
      const std::string message = e.what();
      EXPECT_NE(message.find("engagement simulation under strategy 'isolation', month "),
                std::string::npos)
          << message;
    }
  }
}

TEST(EngagementExtremeMagnitudes, RunsAreFiniteOrStopWithTheMonth) {
  const std::vector<std::pair<std::string, std::function<void(Scenario&)>>> cases = {
      {"faction capability 1e308", [](Scenario& s) { actor(s, "hardliners").capability = 1e308; }},
      {"spoiler strength 1e-320", [](Scenario& s) { s.spoiler->strength = 1e-320; }},
      {"1e308 attacks a month", [](Scenario& s) { s.spoiler->attacks_per_month = 1e308; }},
      {"revenue 1e308", [](Scenario& s) { s.regime->revenue_usd_bn = 1e308; }},
      {"population 1e308", [](Scenario& s) { s.population->total_millions = 1e308; }},
  };
  for (const auto& [what, change] : cases) {
    Scenario s = test::leverage_case();
    change(s);
    expect_finite_or_located_error(s, what);
  }
}

// 17-leverage-denormal-spoiler-strength.yaml printed -nan with exit 0: now the month and the
// indicator are named.
TEST(EngagementExtremeMagnitudes, OverflowingAttackRateNamesMonthAndIndicator) {
  Scenario s = test::leverage_case();
  s.spoiler->strength = 1e-320;
  EngagementOptions options;
  options.engine = "compromise";
  try {
    simulate_engagement(s, "isolation", options, 1, 0);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), ErrorId::model_non_finite);
    EXPECT_NE(std::string(e.what()).find("month 1: series attacks_per_month is inf"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace parley
