// The comparison table shows what was simulated: the checkpoints within the horizon and always
// the horizon itself, with the paired difference and the policy block at the last month.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "parley/io.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

std::string table_for(int months) {
  const Scenario s = test::leverage_case();
  ComparisonContext context;
  context.plan.strategies = {"isolation", "piecemeal"};
  context.plan.runs = 4;
  context.plan.engagement.months = months;
  context.plan.engagement.engine = "compromise";
  context.reference = "isolation";
  const auto runs = run_comparison(s, context.plan);
  return comparison_table(s, context, summarise(s, runs, context.reference));
}

TEST(ComparisonTable, AShortHorizonEndsAtItsLastMonth) {
  const std::string table = table_for(21);
  EXPECT_NE(table.find("month 12"), std::string::npos);
  EXPECT_NE(table.find("month 21"), std::string::npos);
  EXPECT_EQ(table.find("month 24"), std::string::npos);
  EXPECT_NE(table.find("difference to 'isolation' at month 21"), std::string::npos);
  EXPECT_NE(table.find("The regime's policy at month 21"), std::string::npos);
}

TEST(ComparisonTable, PolicyRowsKeepTheirColumnsWhateverTheIssueIdsLength) {
  // The 2024 scenario's "institutional_capacity (25)" is longer than the usual label column.
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  ComparisonContext context;
  context.plan.strategies = {"isolation", "piecemeal"};
  context.plan.runs = 2;
  context.plan.engagement.months = 2;
  context.reference = "isolation";
  const std::string table =
      comparison_table(s, context, summarise(s, run_comparison(s, context.plan), "isolation"));
  const std::size_t block = table.find("The regime's policy at month");
  ASSERT_NE(block, std::string::npos);
  std::istringstream lines(table.substr(block));
  std::string line;
  std::getline(lines, line);  // the block's title
  std::getline(lines, line);
  const std::size_t header_width = line.size();
  int rows = 0;
  while (std::getline(lines, line) && !line.empty()) {
    EXPECT_EQ(line.size(), header_width) << line;
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<int>(s.issues.size()));
}

TEST(ComparisonTable, AHorizonBeyondTheCheckpointsAddsItsLastMonth) {
  const std::string table = table_for(40);
  for (const char* month : {"month 12", "month 24", "month 36", "month 40"}) {
    EXPECT_NE(table.find(month), std::string::npos) << month;
  }
  EXPECT_NE(table.find("at month 40"), std::string::npos);
}

TEST(ComparisonTable, MonthZeroShowsTheScenariosOwnRevenue) {
  const Scenario s = test::leverage_case();
  // leverage.yaml: revenue 2.0 observed; the blocs' baselines hold it at month 0.
  const EngagementRun run = simulate_engagement(s, "isolation", {}, 1, 0);
  EXPECT_EQ(run.months[0][Indicator::revenue_usd_bn], *s.regime->revenue_usd_bn);
  EXPECT_LT(run.months[1][Indicator::revenue_usd_bn], *s.regime->revenue_usd_bn)
      << "isolation's sanctions bite from month 1";
}

}  // namespace
}  // namespace parley
