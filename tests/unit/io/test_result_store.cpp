// results.sqlite: what goes in comes out bit for bit, the summaries computed from it equal the
// in-memory ones, a store reopened after an interruption completes to the same tables, and a
// different run is refused.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

ComparisonPlan small_plan() {
  ComparisonPlan plan;
  plan.strategies = {"isolation", "piecemeal", "quiet-benchmarks"};
  plan.runs = 30;
  plan.seed = 3;
  plan.threads = 2;
  plan.engagement.months = 14;
  return plan;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

void expect_same_summaries(const std::vector<SeriesSummary>& a,
                           const std::vector<SeriesSummary>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].strategy, b[i].strategy);
    EXPECT_EQ(a[i].series, b[i].series);
    EXPECT_EQ(a[i].month, b[i].month);
    for (auto [x, y] : {std::pair{a[i].value.p10, b[i].value.p10},
                        {a[i].value.p50, b[i].value.p50},
                        {a[i].value.p90, b[i].value.p90},
                        {a[i].difference.p10, b[i].difference.p10},
                        {a[i].difference.p90, b[i].difference.p90}}) {
      EXPECT_TRUE(same_bits(x, y)) << a[i].strategy << " " << a[i].series << " " << a[i].month;
    }
  }
}

TEST(ResultStore, SummariesFromTheDatabaseEqualTheInMemoryOnes) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store = ResultStore::create(dir / "results.sqlite", s, test::store_plan_of(plan), {});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(1.5);
  EXPECT_TRUE(store->complete());
  EXPECT_EQ(store->runs_stored(), 30u);
  EXPECT_TRUE(store->missing_runs().empty());
  expect_same_summaries(summarise(*store, "isolation"),
                        summarise(s, run_comparison(s, plan), "isolation"));
}

TEST(ResultStore, ValuesComeBackBitForBit) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  ComparisonPlan plan = small_plan();
  plan.runs = 3;
  const auto runs = run_comparison(s, plan);
  // Awkward values a store may not change: -0, NaN, infinities, integers, a denormal.
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double awkward[] = {-0.0, std::numeric_limits<double>::quiet_NaN(),
                            inf,  -inf,
                            3.0,  1e-310,
                            0.1,  9007199254740993.0};
  RunResult result;
  result.strategies = {runs[0].runs[0], runs[1].runs[0], runs[2].runs[0]};
  for (std::size_t i = 0; i < std::size(awkward); ++i) {
    result.strategies[1].months[1].values[i] = awkward[i];
  }
  result.numbers = {-0.0, 2.5};
  auto store = ResultStore::create(dir / "results.sqlite", s, test::store_plan_of(plan), {});
  store->begin({"a.b", "c.d"});
  store->accept(result);
  store->flush();
  std::vector<double> values;
  for (std::size_t k = 0; k < std::size(awkward); ++k) {
    store->read_values(1, k, 1, values);
    ASSERT_EQ(values.size(), 1u);
    if (std::isnan(awkward[k])) {
      EXPECT_TRUE(std::isnan(values[0]));
    } else {
      EXPECT_TRUE(same_bits(values[0], awkward[k])) << k << ": " << values[0];
    }
  }
  store->read_values(0, 3, 5, values);
  EXPECT_TRUE(same_bits(values.at(0), runs[0].runs[0].months[5].values[3]));
}

// A store reopened after a kill holds the runs committed before it; resuming adds the others and
// the summaries equal an uninterrupted run's.
TEST(ResultStore, ResumedRunEqualsAnUninterruptedOne) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  const auto file = dir / "results.sqlite";
  {
    auto store = ResultStore::create(file, s, test::store_plan_of(plan),
                                     {.command_line = "first", .scenario_file = "", .threads = 1});
    stream_comparison(s, plan, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, *store);
    store->flush();
    // Runs accepted but not committed are lost with the process.
    stream_comparison(s, plan, {12, 13}, *store);
  }
  auto store = ResultStore::resume(file, s, test::store_plan_of(plan),
                                   {.command_line = "second", .scenario_file = "", .threads = 1});
  const auto missing = store->missing_runs();
  ASSERT_EQ(missing.size(), 30u - 12u);
  EXPECT_EQ(missing.front(), 12u);
  EXPECT_FALSE(store->complete());
  stream_comparison(s, plan, missing, *store);
  store->finish(1.0);
  EXPECT_TRUE(store->complete());
  EXPECT_EQ(store->sessions(), 2);
  expect_same_summaries(summarise(*store, "piecemeal"),
                        summarise(s, run_comparison(s, plan), "piecemeal"));
}

TEST(ResultStore, RefusesToResumeADifferentRun) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  const auto file = dir / "results.sqlite";
  ResultStore::create(file, s, test::store_plan_of(plan), {});
  StorePlan other = test::store_plan_of(plan);
  other.seed = 4;
  test::expect_error([&] { ResultStore::resume(file, s, other, {}); },
                     ErrorId::request_different_run, "seed is 3 in the database, 4 here");
  other = test::store_plan_of(plan);
  other.strategies.pop_back();
  EXPECT_TRUE(ResultStore::read(file)->difference(s, other).has_value());
  other = test::store_plan_of(plan);
  other.engine = "compromise";
  EXPECT_TRUE(ResultStore::read(file)->difference(s, other).has_value());
  Scenario changed = s;
  changed.actors[0].capability += 1;
  EXPECT_EQ(*ResultStore::read(file)->difference(changed, test::store_plan_of(plan)),
            "the scenario (after resolution) is another one");
  EXPECT_FALSE(ResultStore::read(file)->difference(s, test::store_plan_of(plan)).has_value());
}

TEST(ResultStore, CheckpointsKeepMonthZeroEveryTwelfthAndTheLast) {
  EXPECT_EQ(recorded_months(Record::checkpoints, 36), (std::vector<int>{0, 12, 24, 36}));
  EXPECT_EQ(recorded_months(Record::checkpoints, 30), (std::vector<int>{0, 12, 24, 30}));
  EXPECT_EQ(recorded_months(Record::checkpoints, 5), (std::vector<int>{0, 5}));
  EXPECT_EQ(recorded_months(Record::every, 3), (std::vector<int>{0, 1, 2, 3}));
  // The default comparison: 5 strategies x 42 series x 37 months = 7,770 values a run.
  EXPECT_EQ(default_record(6435, 5, 42, 36), Record::every);
  EXPECT_EQ(default_record(6436, 5, 42, 36), Record::checkpoints);

  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store = ResultStore::create(dir / "results.sqlite", s,
                                   test::store_plan_of(plan, "compare", Record::checkpoints), {});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(0);
  EXPECT_EQ(store->months(), (std::vector<int>{0, 12, 14}));
  const auto summaries = summarise(*store, "isolation");
  EXPECT_EQ(summaries.size(), 3 * store->series().size() * 3);
  // Every recorded month's rows equal the full summary's.
  const auto full = summarise(s, run_comparison(s, plan), "isolation");
  for (const SeriesSummary& row : summaries) {
    const auto match = std::find_if(full.begin(), full.end(), [&](const SeriesSummary& f) {
      return f.strategy == row.strategy && f.series == row.series && f.month == row.month;
    });
    ASSERT_NE(match, full.end());
    EXPECT_EQ(match->value.p50, row.value.p50);
    EXPECT_EQ(match->difference.p90, row.difference.p90);
  }
}

TEST(ResultStore, ATemporaryStoreSummarisesLikeAFile) {
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store = ResultStore::temporary(s, test::store_plan_of(plan), {});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(0);
  expect_same_summaries(summarise(*store, "isolation"),
                        summarise(s, run_comparison(s, plan), "isolation"));
}

TEST(ResultStore, AgreementMonthsAreTheRunsOwn) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  ComparisonPlan plan = small_plan();
  plan.engagement.months = 36;
  auto store = ResultStore::create(dir / "results.sqlite", s, test::store_plan_of(plan), {});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(0);
  const auto runs = run_comparison(s, plan);
  std::vector<double> months;
  std::size_t agreed = 0;
  for (std::size_t k = 0; k < plan.strategies.size(); ++k) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      store->read_agreement_months(k, i, months);
      std::vector<double> expected;
      for (const EngagementRun& run : runs[k].runs) {
        if (run.agreement_month[i] >= 0) expected.push_back(run.agreement_month[i]);
      }
      EXPECT_EQ(months, expected) << plan.strategies[k] << " " << s.issues[i].id;
      agreed += months.size();
    }
  }
  EXPECT_GT(agreed, 0u);  // the case has agreements to store
}

TEST(ResultStore, ClosedDatabaseIsOneFile) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store = ResultStore::create(dir / "results.sqlite", s, test::store_plan_of(plan), {});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(0);
  store->close();
  EXPECT_TRUE(std::filesystem::exists(dir / "results.sqlite"));
  EXPECT_FALSE(std::filesystem::exists(dir / "results.sqlite-wal"));
  EXPECT_FALSE(std::filesystem::exists(dir / "results.sqlite-shm"));
  EXPECT_TRUE(ResultStore::read(dir / "results.sqlite")->complete());
}

TEST(ResultStore, ADatabaseBeyondTheLimitIsRefusedBeforeItIsCreated) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  StorePlan plan = test::store_plan_of(small_plan());
  const double per_run = 3.0 * double(series_names(s).size()) * 15.0;  // every month 0 ... 14
  plan.runs = static_cast<std::uint64_t>(limits::max_stored_values / per_run) + 1;
  test::expect_error([&] { ResultStore::create(dir / "big.sqlite", s, plan, {}); },
                     ErrorId::request_too_large,
                     fmt::format("{} runs x 3 strategies x {} series x 15 recorded months would "
                                 "store 1.00 billion values",
                                 plan.runs, series_names(s).size()));
  EXPECT_FALSE(std::filesystem::exists(dir / "big.sqlite"));
  test::expect_error([&] { ResultStore::temporary(s, plan, {}); }, ErrorId::request_too_large,
                     "or --record checkpoints");
}

TEST(ResultStore, ReadingSomethingElseSaysWhat) {
  test::TempDir dir;
  test::expect_error([&] { ResultStore::read(dir / "missing.sqlite"); }, ErrorId::io_read,
                     "cannot read " + (dir / "missing.sqlite").string() + ": unable to open");
  const auto text = dir / "text.sqlite";
  write_file_atomically(text, "not a database");
  test::expect_error([&] { ResultStore::read(text); }, ErrorId::io_read,
                     "cannot read " + text.string() + ": file is not a database");
  EXPECT_FALSE(ResultStore::holds_plan(dir / "missing.sqlite"));
}

}  // namespace
}  // namespace parley
