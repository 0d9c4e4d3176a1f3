// Shards of a run's database (StorePlan::shard) and ResultStore::merge_shards: a shard holds and
// misses exactly its runs, and the shards merged give the summaries and rows of one database
// holding every run; merges that cannot be made are refused with their ids.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>

#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

ComparisonPlan small_plan() {
  ComparisonPlan plan;
  plan.strategies = {"isolation", "piecemeal"};
  plan.runs = 23;  // not a multiple of the shards: the last ones are one run shorter
  plan.seed = 5;
  plan.threads = 2;
  plan.engagement.months = 10;
  return plan;
}

StorePlan store_plan(const ComparisonPlan& plan, int shard, int shards) {
  StorePlan p = test::store_plan_of(plan);
  p.shard = shard;
  p.shards = shards;
  return p;
}

// Shard k of `shards`, every run made, at dir/name.
std::filesystem::path make_shard(const test::TempDir& dir, const std::string& name,
                                 const Scenario& s, const ComparisonPlan& plan, int k, int shards) {
  auto file = dir / name;
  auto store = ResultStore::create(file, s, store_plan(plan, k, shards), {});
  stream_comparison(s, plan, store->missing_runs(), *store);
  store->finish(0.5);
  store->close();
  return file;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(Shards, AShardHoldsTheRunsOfItsResidue) {
  const ComparisonPlan plan = small_plan();
  EXPECT_EQ(shard_runs(store_plan(plan, 1, 4)), (std::vector<std::uint64_t>{0, 4, 8, 12, 16, 20}));
  EXPECT_EQ(shard_runs(store_plan(plan, 4, 4)), (std::vector<std::uint64_t>{3, 7, 11, 15, 19}));
  EXPECT_EQ(shard_run_count(store_plan(plan, 3, 4)), 6u);
  EXPECT_EQ(shard_run_count(store_plan(plan, 4, 4)), 5u);
  EXPECT_EQ(shard_run_count(store_plan(plan, 1, 1)), 23u);
  std::uint64_t total = 0;
  for (int k = 1; k <= 7; ++k) total += shard_run_count(store_plan(plan, k, 7));
  EXPECT_EQ(total, 23u);
}

TEST(Shards, AShardIsCompleteWithItsRunsAndResumesOnlyThem) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  const auto file = dir / "shard.sqlite";
  {
    auto store = ResultStore::create(file, s, store_plan(plan, 2, 3), {});
    EXPECT_EQ(store->missing_runs(), (std::vector<std::uint64_t>{1, 4, 7, 10, 13, 16, 19, 22}));
    stream_comparison(s, plan, {1, 4, 7}, *store);
    store->finish(0.1);
    EXPECT_FALSE(store->complete());
  }
  // Another shard of the same run is a different run for --resume.
  test::expect_error([&] { ResultStore::resume(file, s, store_plan(plan, 3, 3), {}); },
                     ErrorId::request_different_run, "shard is 2/3 in the database, 3/3 here");
  auto store = ResultStore::resume(file, s, store_plan(plan, 2, 3), {});
  EXPECT_EQ(store->plan().shard, 2);
  EXPECT_EQ(store->plan().shards, 3);
  EXPECT_EQ(store->missing_runs(), (std::vector<std::uint64_t>{10, 13, 16, 19, 22}));
  stream_comparison(s, plan, store->missing_runs(), *store);
  store->finish(0.1);
  EXPECT_TRUE(store->complete());
  EXPECT_EQ(store->runs_stored(), 8u);
}

TEST(Shards, MergedShardsEqualOneDatabaseOfEveryRun) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto whole = ResultStore::create(dir / "whole.sqlite", s, store_plan(plan, 1, 1), {});
  stream_comparison(s, plan, whole->missing_runs(), *whole);
  whole->finish(1.0);
  // Named out of order: the merge orders them.
  const std::vector<std::filesystem::path> shards{make_shard(dir, "s3", s, plan, 3, 3),
                                                  make_shard(dir, "s1", s, plan, 1, 3),
                                                  make_shard(dir, "s2", s, plan, 2, 3)};
  std::vector<std::size_t> progress;
  const std::size_t blocks = 2 * series_names(s).size();  // strategies x series
  auto merged = ResultStore::merge_shards(shards, dir / "merged.sqlite",
                                          {.command_line = "merge", .scenario_file = "x.yaml"},
                                          [&](std::size_t n, std::size_t total) {
                                            EXPECT_EQ(total, blocks);
                                            progress.push_back(n);
                                          });
  ASSERT_EQ(progress.size(), blocks);
  EXPECT_EQ(progress.back(), blocks);
  EXPECT_TRUE(merged->complete());
  EXPECT_EQ(merged->runs_stored(), 23u);
  EXPECT_EQ(merged->sessions(), 4);
  EXPECT_EQ(merged->plan().shards, 1);
  EXPECT_FALSE(merged->difference(s, store_plan(plan, 1, 1)).has_value());
  EXPECT_EQ(merged->scenario_file(), "x.yaml");
  std::vector<double> a, b;
  for (std::size_t st = 0; st < 2; ++st) {
    for (std::size_t k = 0; k < whole->series().size(); ++k) {
      whole->read_series(st, k, a);
      merged->read_series(st, k, b);
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        ASSERT_TRUE(same_bits(a[i], b[i])) << k << " " << i;
    }
    for (std::size_t issue = 0; issue < s.issues.size(); ++issue) {
      whole->read_agreement_months(st, issue, a);
      merged->read_agreement_months(st, issue, b);
      EXPECT_EQ(a, b);
    }
  }
  const auto x = summarise(*whole, "isolation");
  const auto y = summarise(*merged, "isolation");
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_TRUE(same_bits(x[i].value.p50, y[i].value.p50));
    EXPECT_TRUE(same_bits(x[i].difference.p90, y[i].difference.p90));
  }
}

// More shards than SQLite attaches at once (10): merged in groups, the same rows.
TEST(Shards, MoreShardsThanSqliteAttachesMergeInGroups) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto whole = ResultStore::create(dir / "whole.sqlite", s, store_plan(plan, 1, 1), {});
  stream_comparison(s, plan, whole->missing_runs(), *whole);
  whole->finish(1.0);
  std::vector<std::filesystem::path> shards;
  for (int k = 12; k >= 1; --k) {
    shards.push_back(make_shard(dir, "s" + std::to_string(k), s, plan, k, 12));
  }
  std::size_t blocks = 0, total = 0;
  auto merged = ResultStore::merge_shards(shards, dir / "merged.sqlite", {},
                                          [&](std::size_t n, std::size_t t) {
                                            blocks = n;
                                            total = t;
                                          });
  // Two groups (10 shards, then 2), each block of series values once per group.
  EXPECT_EQ(total, std::size_t{2} * 2 * series_names(s).size());
  EXPECT_EQ(blocks, total);
  EXPECT_TRUE(merged->complete());
  EXPECT_EQ(merged->sessions(), 13);
  std::vector<double> a, b;
  for (std::size_t k = 0; k < whole->series().size(); ++k) {
    whole->read_series(1, k, a);
    merged->read_series(1, k, b);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same_bits(a[i], b[i])) << k << " " << i;
  }
}

TEST(Shards, AShardIsNotScored) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  auto shard = ResultStore::read(make_shard(dir, "s2", s, small_plan(), 2, 3));
  test::expect_error([&] { StoredRunSource runs(*shard); }, ErrorId::request_not_scorable,
                     "it holds shard 2/3 of the runs; parley merge combines");
}

TEST(Shards, MergesThatCannotBeMadeAreRefused) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  const auto s1 = make_shard(dir, "s1", s, plan, 1, 3);
  const auto s2 = make_shard(dir, "s2", s, plan, 2, 3);
  const auto s3 = make_shard(dir, "s3", s, plan, 3, 3);
  const auto out = dir / "out.sqlite";
  test::expect_error(
      [&] {
        ResultStore::merge_shards({s1, s3}, out, {});
      },
      ErrorId::request_missing_shard, "shard 2/3 of the run is missing");
  test::expect_error(
      [&] {
        ResultStore::merge_shards({s1, s2, s3, s2}, out, {});
      },
      ErrorId::request_duplicate_shard, "shard 2/3 is given twice");
  ComparisonPlan other_seed = plan;
  other_seed.seed = 6;
  const auto seed6 = make_shard(dir, "seed6", s, other_seed, 2, 3);
  test::expect_error(
      [&] {
        ResultStore::merge_shards({s1, seed6, s3}, out, {});
      },
      ErrorId::request_different_run, "seed is 5 in");
  const auto half = make_shard(dir, "half", s, plan, 2, 2);
  test::expect_error(
      [&] {
        ResultStore::merge_shards({s1, half}, out, {});
      },
      ErrorId::request_different_run, "shard 1/3");
  {
    auto store = ResultStore::create(dir / "partial", s, store_plan(plan, 2, 3), {});
    stream_comparison(s, plan, {1, 4}, *store);
    store->finish(0.1);
  }
  test::expect_error(
      [&] {
        ResultStore::merge_shards({s1, dir / "partial", s3}, out, {});
      },
      ErrorId::request_unfinished_shard, "2 of its 8 runs stored");
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace parley
