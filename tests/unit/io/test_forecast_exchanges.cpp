// What the io layer writes about the exchange model's rounds: the comparison of piecemeal and
// bundled outcomes, and the realised exchanges in the rounds text and the JSON.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "parley/io.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

std::string fmt_two(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

TEST(ExchangeCompare, AfghanistanReportsPiecemealAndBundledForEveryIssue) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  const Forecast piecemeal = make_model("compromise")->forecast(s);
  const Forecast bundled = make_model("exchange")->forecast(s);
  const std::string text = unbundled_comparison_text(s, piecemeal, bundled);
  EXPECT_NE(text.find("piecemeal"), std::string::npos);
  EXPECT_NE(text.find("bundled"), std::string::npos);
  EXPECT_NE(text.find("difference"), std::string::npos);
  for (std::size_t d = 0; d < s.issues.size(); ++d) {
    SCOPED_TRACE(s.issues[d].id);
    const std::size_t at = text.find("\n" + s.issues[d].id + " ");
    ASSERT_NE(at, std::string::npos);
    const std::string row = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    EXPECT_NE(row.find(fmt_two(piecemeal.issues[d].outcome)), std::string::npos) << row;
    EXPECT_NE(row.find(fmt_two(bundled.issues[d].outcome)), std::string::npos) << row;
  }
  EXPECT_FALSE(bundled.exchange_rounds.at(0).exchanges.empty());
}

TEST(ExchangeReport, RoundsTextAndJsonListTheRealisedExchanges) {
  const Scenario s = load_scenario_file(test::test_data_path("exchange/sample_data.txt"));
  const Forecast f = make_model("exchange(rounds=2)")->forecast(s);
  const std::string text = forecast_exchanges_text(s, f);
  EXPECT_NE(text.find("round 1: 240 candidate exchanges, 39 realised"), std::string::npos);
  EXPECT_NE(text.find("final outcomes"), std::string::npos);
  const std::string json = forecast_json(s, {f});
  EXPECT_NE(json.find("\"exchange_rounds\""), std::string::npos);
  EXPECT_NE(json.find("\"outcome_before\""), std::string::npos);
}

}  // namespace
}  // namespace parley
