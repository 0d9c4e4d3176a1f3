// The streaming runner: runs arrive in order and equal run_comparison's bit for bit, whatever
// the thread count, the block size or the selection of runs; sweeps and screenings hand every
// run to a sink without changing their answers.
#include <gtest/gtest.h>

#include <cstring>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

// Keeps what a sink receives.
class Recorder final : public RunSink {
 public:
  void begin(const std::vector<std::string>& paths) override { begins.push_back(paths); }
  void accept(const RunResult& result) override { runs.push_back(result); }
  std::vector<std::vector<std::string>> begins;
  std::vector<RunResult> runs;
};

Scenario uncertain_case() {
  Scenario s = test::leverage_case();
  s.uncertainty.push_back({"actors.*.capability", {DistributionKind::relative, {0.3}}});
  s.uncertainty.push_back({"regime.weights.revenue", {DistributionKind::uniform, {0.05, 0.4}}});
  return s;
}

ComparisonPlan small_plan(int threads) {
  ComparisonPlan plan;
  plan.strategies = {"isolation", "piecemeal"};
  plan.runs = 23;
  plan.seed = 5;
  plan.threads = threads;
  plan.engagement.months = 12;
  return plan;
}

// Bitwise, so that -0.0 and 0.0 (or two NaNs) count as what they are.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool same_run(const EngagementRun& a, const EngagementRun& b) {
  if (a.months.size() != b.months.size() || a.agreement_month != b.agreement_month ||
      a.recognition_steps != b.recognition_steps) {
    return false;
  }
  for (std::size_t m = 0; m < a.months.size(); ++m) {
    if (!same_bits(a.months[m].values, b.months[m].values)) return false;
  }
  return true;
}

TEST(Stream, EqualsTheInMemoryComparisonForAnyThreadsAndBlock) {
  const Scenario s = uncertain_case();
  const auto expected = run_comparison(s, small_plan(1));
  // The reference itself: run r is strategy k on the scenario drawn for (seed, r).
  const ComparisonPlan plan = small_plan(1);
  for (std::uint64_t r : {0, 13, 22}) {
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_TRUE(same_run(expected[k].runs[r],
                           simulate_engagement(draw_scenario(s, plan.seed, r), plan.strategies[k],
                                               plan.engagement, plan.seed, r)));
    }
  }
  for (int threads : {1, 2, 3}) {
    for (int block : {1, 7, 0}) {
      Recorder recorder;
      stream_comparison(s, small_plan(threads), all_runs(small_plan(threads)), recorder, block);
      ASSERT_EQ(recorder.runs.size(), 23u);
      for (std::size_t r = 0; r < recorder.runs.size(); ++r) {
        const RunResult& got = recorder.runs[r];
        EXPECT_EQ(got.run, r);
        EXPECT_EQ(got.stream, r);
        EXPECT_EQ(got.variant, 0u);
        for (std::size_t k = 0; k < 2; ++k) {
          EXPECT_TRUE(same_run(got.strategies[k], expected[k].runs[r]))
              << "threads " << threads << ", block " << block << ", run " << r;
        }
      }
    }
  }
}

TEST(Stream, ASelectionOfRunsGivesTheSameRunsAsTheWhole) {
  const Scenario s = uncertain_case();
  const auto expected = run_comparison(s, small_plan(2));
  Recorder recorder;
  stream_comparison(s, small_plan(2), {3, 4, 17, 22}, recorder, 2);
  ASSERT_EQ(recorder.runs.size(), 4u);
  const std::uint64_t runs[] = {3, 4, 17, 22};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(recorder.runs[i].run, runs[i]);
    EXPECT_TRUE(same_run(recorder.runs[i].strategies[1], expected[1].runs[runs[i]]));
  }
}

TEST(Stream, NumbersAreTheDrawnValuesOfTheUncertainPaths) {
  const Scenario s = uncertain_case();
  Recorder recorder;
  stream_comparison(s, small_plan(2), {0, 9}, recorder);
  ASSERT_EQ(recorder.begins.size(), 1u);
  const auto& paths = recorder.begins[0];
  // Every actor's capability and the revenue weight, in the scenario's field order.
  ASSERT_EQ(paths.size(), s.actors.size() + 1);
  EXPECT_EQ(paths.front(), "actors." + s.actors[0].id + ".capability");
  EXPECT_EQ(paths.back(), "regime.weights.revenue");
  for (const RunResult& run : recorder.runs) {
    Scenario drawn = draw_scenario(s, 5, run.stream);
    ASSERT_EQ(run.numbers.size(), paths.size());
    for (std::size_t n = 0; n < paths.size(); ++n) {
      EXPECT_EQ(run.numbers[n], *find_number(drawn, paths[n])) << paths[n];
    }
  }
}

TEST(Stream, AFixedEntryIsNotUncertain) {
  Scenario s = uncertain_case();
  s.uncertainty.push_back({"actors.east.capability", {DistributionKind::fixed, {}}});
  const UncertaintyDraws draws(s);
  for (const std::string& path : draws.paths()) EXPECT_NE(path, "actors.east.capability");
  EXPECT_EQ(draws.paths().size(), s.actors.size());
}

// A sink that fails stops the analysis with its error, and no run comes after it.
TEST(Stream, ASinkErrorStopsTheRuns) {
  class Failing final : public RunSink {
   public:
    void begin(const std::vector<std::string>&) override {}
    void accept(const RunResult& result) override {
      ++seen;
      if (result.run == 5) throw std::runtime_error("disk full");
    }
    int seen = 0;
  } failing;
  EXPECT_THROW(
      stream_comparison(uncertain_case(), small_plan(2), all_runs(small_plan(2)), failing, 4),
      std::runtime_error);
  EXPECT_EQ(failing.seen, 6);
}

TEST(Stream, SweepHandsEveryRunOfEveryValueToTheSink) {
  const Scenario s = uncertain_case();
  SweepPlan plan;
  plan.path = "regime.weights.revenue";
  plan.values = {0.0, 0.8};
  plan.series = {"policy:girls_education"};
  plan.comparison = small_plan(2);
  plan.comparison.runs = 5;
  Recorder recorder;
  const auto with_sink = run_sweep(s, plan, &recorder);
  const auto without = run_sweep(s, plan);
  ASSERT_EQ(with_sink.size(), without.size());
  for (std::size_t i = 0; i < without.size(); ++i) {
    EXPECT_EQ(with_sink[i].band.p50, without[i].band.p50);
  }
  ASSERT_EQ(recorder.runs.size(), 10u);
  ASSERT_EQ(recorder.begins.size(), 2u);
  // The swept number is fixed, not drawn.
  for (const std::string& path : recorder.begins[0]) EXPECT_NE(path, "regime.weights.revenue");
  EXPECT_EQ(recorder.runs[7].run, 7u);
  EXPECT_EQ(recorder.runs[7].stream, 2u);
  EXPECT_EQ(recorder.runs[7].variant, 1u);
}

TEST(Stream, ScreeningHandsEveryPointToTheSinkAndKeepsItsEffects) {
  const Scenario s = uncertain_case();
  SensitivityPlan plan;
  plan.strategy = "piecemeal";
  plan.reference = "isolation";
  plan.trajectories = 3;
  plan.engagement.months = 12;
  Recorder recorder;
  const auto with_sink = morris_screening(s, plan, &recorder);
  const auto without = morris_screening(s, plan);
  ASSERT_EQ(with_sink.size(), without.size());
  for (std::size_t i = 0; i < without.size(); ++i) {
    EXPECT_EQ(with_sink[i].path, without[i].path);
    EXPECT_EQ(with_sink[i].mu_star, without[i].mu_star);
    EXPECT_EQ(with_sink[i].sigma, without[i].sigma);
  }
  const std::size_t factors = morris_factor_paths(s).size();
  ASSERT_EQ(recorder.runs.size(), 3 * (factors + 1));
  for (std::size_t r = 0; r < recorder.runs.size(); ++r) {
    EXPECT_EQ(recorder.runs[r].run, r);
    EXPECT_EQ(recorder.runs[r].stream, r / (factors + 1));
    EXPECT_EQ(recorder.runs[r].strategies.size(), 2u);
    EXPECT_EQ(recorder.runs[r].numbers.size(), factors);
  }
  // Consecutive points of a trajectory differ in exactly one factor.
  int moved = 0;
  for (std::size_t n = 0; n < factors; ++n) {
    moved += recorder.runs[1].numbers[n] != recorder.runs[0].numbers[n];
  }
  EXPECT_EQ(moved, 1);
}

}  // namespace
}  // namespace parley
