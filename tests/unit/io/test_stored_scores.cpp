// Scoring from results.sqlite: the stored runs score exactly as the runs in memory, runs that
// cannot be scored are refused, and the rows score and calibrate add read back as written.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
  plan.runs = 24;
  plan.seed = 5;
  plan.threads = 2;
  plan.engagement.months = 14;
  return plan;
}

Observations history() {
  return load_observations_file(std::string(PARLEY_TEST_DATA_DIR) +
                                "/observations/leverage-history.yaml");
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::unique_ptr<ResultStore> complete_store(const std::filesystem::path& file, const Scenario& s,
                                            const ComparisonPlan& plan, const StorePlan& stored) {
  auto store = ResultStore::create(file, s, stored,
                                   {.command_line = "test", .scenario_file = "", .threads = 1});
  stream_comparison(s, plan, all_runs(plan), *store);
  store->finish(0.5);
  return store;
}

// Rows of a query read with SQLite itself: every column as text (NULL as "NULL") and as a
// double (NULL as NaN), since the text of a REAL is rounded to 15 digits.
struct Rows {
  std::vector<std::vector<std::string>> text;
  std::vector<std::vector<double>> number;
};

Rows query(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  Rows out;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    auto& text = out.text.emplace_back();
    auto& number = out.number.emplace_back();
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const bool null = sqlite3_column_type(statement, c) == SQLITE_NULL;
      number.push_back(null ? std::numeric_limits<double>::quiet_NaN()
                            : sqlite3_column_double(statement, c));
      const auto* chars = sqlite3_column_text(statement, c);
      text.emplace_back(chars ? reinterpret_cast<const char*>(chars) : "NULL");
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

std::vector<std::vector<std::string>> rows(const std::filesystem::path& file,
                                           const std::string& sql) {
  return query(file, sql).text;
}

TEST(StoredRuns, BlocksAndScoresEqualTheRunsInMemory) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store = complete_store(dir / "results.sqlite", s, plan, test::store_plan_of(plan));
  const auto results = run_comparison(s, plan);
  const MemoryRunSource memory(s, results);
  const StoredRunSource stored(*store);
  EXPECT_EQ(stored.strategies(), memory.strategies());
  EXPECT_EQ(stored.series(), memory.series());
  EXPECT_EQ(stored.months(), memory.months());
  for (const std::string& strategy : plan.strategies) {
    for (std::size_t k = 0; k < stored.series().size(); ++k) {
      const SeriesBlock a = stored.block(strategy, k), b = memory.block(strategy, k);
      ASSERT_EQ(a.runs, b.runs);
      ASSERT_EQ(a.months, b.months);
      ASSERT_EQ(a.values.size(), b.values.size());
      for (std::size_t i = 0; i < a.values.size(); ++i) {
        ASSERT_TRUE(same_bits(a.values[i], b.values[i])) << strategy << " " << k << " " << i;
      }
    }
  }
  const Observations observations = history();
  for (const std::string& strategy : plan.strategies) {
    const StrategyScore a = score_strategy(stored, strategy, observations);
    const StrategyScore b = score_strategy(memory, strategy, observations);
    ASSERT_EQ(a.events.size(), b.events.size());
    for (std::size_t e = 0; e < a.events.size(); ++e) {
      EXPECT_TRUE(same_bits(a.events[e].probability, b.events[e].probability));
      EXPECT_TRUE(same_bits(a.events[e].persistence_brier, b.events[e].persistence_brier));
    }
    ASSERT_EQ(a.indicators.size(), b.indicators.size());
    for (std::size_t i = 0; i < a.indicators.size(); ++i) {
      EXPECT_TRUE(same_bits(a.indicators[i].crps, b.indicators[i].crps));
      EXPECT_TRUE(same_bits(a.indicators[i].median, b.indicators[i].median));
      EXPECT_EQ(a.indicators[i].in_band, b.indicators[i].in_band);
    }
  }
  test::expect_error([&] { stored.block("nope", 0); }, ErrorId::request_unknown_strategy,
                     "strategy 'nope' was not run");
}

TEST(StoredRuns, RunsThatCannotBeScoredAreRefusedWithTheReason) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto checkpoints = complete_store(dir / "checkpoints.sqlite", s, plan,
                                    test::store_plan_of(plan, "compare", Record::checkpoints));
  test::expect_error([&] { StoredRunSource runs(*checkpoints); }, ErrorId::request_not_scorable,
                     "--record checkpoints");
  auto sweep = complete_store(dir / "sweep.sqlite", s, plan, test::store_plan_of(plan, "sweep"));
  test::expect_error([&] { StoredRunSource runs(*sweep); }, ErrorId::request_not_scorable,
                     "the runs of sweep");
  auto unfinished =
      ResultStore::create(dir / "unfinished.sqlite", s, test::store_plan_of(plan), {});
  stream_comparison(s, plan, {0, 1, 2}, *unfinished);
  unfinished->flush();
  test::expect_error([&] { StoredRunSource runs(*unfinished); }, ErrorId::request_not_scorable,
                     "unfinished (3 of 24 runs stored)");
  test::expect_error([&] { ResultStore::amend(dir / "unfinished.sqlite", {}); },
                     ErrorId::request_not_scorable, "holds an unfinished run (3 of 24 runs)");
}

TEST(StoredRuns, TheScenarioComesBackFromTheManifest) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto store =
      ResultStore::create(dir / "results.sqlite", s, test::store_plan_of(plan),
                          {.command_line = "x", .scenario_file = "cases/lever.yaml", .threads = 1});
  EXPECT_EQ(to_json(store->scenario()), to_json(s));
  EXPECT_EQ(store->scenario_file(), "cases/lever.yaml");
}

TEST(StoredScores, RowsReadBackAsWritten) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  const auto file = dir / "results.sqlite";
  auto store = complete_store(file, s, plan, test::store_plan_of(plan, "score"));
  const Observations observations = history();
  std::vector<StrategyScore> scores;
  const StoredRunSource runs(*store);
  for (const std::string& strategy : plan.strategies) {
    scores.push_back(score_strategy(runs, strategy, observations));
  }
  EXPECT_EQ(store->write_scores(observations, "history.yaml", {}, scores), 1);
  store->close();

  const auto scoring = rows(file,
                            "SELECT scoring, session, observations_file, observations_name, "
                            "start, band_levels FROM scorings");
  ASSERT_EQ(scoring.size(), 1u);
  EXPECT_EQ(scoring[0], (std::vector<std::string>{"1", "1", "history.yaml", "Leverage test history",
                                                  "2024-01", "[0.5,0.8,0.9]"}));
  const Rows scored_rows =
      query(file,
            "SELECT strategy, kind, position, item, predicate, month, date, "
            "observed, interval_low, interval_high, forecast, score, error, "
            "persistence_forecast, persistence_score, trend_forecast, "
            "trend_score, in_band_50, in_band_80, in_band_90, source "
            "FROM observation_scores ORDER BY scoring, strategy, kind, position");
  const auto& scored = scored_rows.text;
  const auto& value_of = scored_rows.number;
  const std::size_t per_strategy = observations.events.size() + observations.indicators.size();
  ASSERT_EQ(scored.size(), plan.strategies.size() * per_strategy);
  // Sorted by strategy name: isolation, piecemeal, quiet-benchmarks, as in the plan.
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const StrategyScore& score = scores[k];
    for (std::size_t e = 0; e < score.events.size(); ++e) {
      const auto& row = scored[k * per_strategy + e];
      const auto& x = value_of[k * per_strategy + e];
      const ObservedEvent& event = observations.events[e];
      EXPECT_EQ(row[0], score.strategy);
      EXPECT_EQ(row[1], "event");
      EXPECT_EQ(row[3], event.id);
      EXPECT_EQ(row[4], event.predicate.text);
      EXPECT_EQ(row[5], std::to_string(event.predicate.month));
      EXPECT_EQ(x[7], event.happened ? 1.0 : 0.0);
      EXPECT_EQ(row[8], "NULL");
      EXPECT_TRUE(same_bits(x[10], score.events[e].probability));
      EXPECT_TRUE(same_bits(x[11], score.events[e].brier));
      EXPECT_TRUE(same_bits(x[14], score.events[e].persistence_brier));
      EXPECT_EQ(row[17], "NULL");
      EXPECT_EQ(row[20], event.source);
    }
    for (std::size_t i = 0; i < score.indicators.size(); ++i) {
      const auto& row = scored[k * per_strategy + score.events.size() + i];
      const auto& x = value_of[k * per_strategy + score.events.size() + i];
      const IndicatorScore& value = score.indicators[i];
      const IndicatorObservation& observed = observations.indicators[value.observation];
      EXPECT_EQ(row[1], "indicator");
      EXPECT_EQ(row[3], observed.series);
      EXPECT_EQ(row[6], month_label(observations.start, observed.month));
      EXPECT_TRUE(same_bits(x[7], observed.value));
      EXPECT_EQ(row[8] == "NULL", !observed.interval.has_value());
      EXPECT_TRUE(same_bits(x[10], value.median));
      EXPECT_TRUE(same_bits(x[11], value.crps));
      EXPECT_TRUE(same_bits(x[12], value.error));
      EXPECT_EQ(row[15] == "NULL", !value.trend.has_value());
      for (std::size_t b = 0; b < 3; ++b) EXPECT_EQ(row[17 + b], value.in_band[b] ? "1" : "0");
    }
  }
  const Rows summary_rows =
      query(file,
            "SELECT strategy, position, events, brier, brier_skill, indicators, "
            "crps, trend_values, covered_80 FROM score_summaries "
            "ORDER BY position");
  const auto& summary = summary_rows.text;
  ASSERT_EQ(summary.size(), scores.size());
  for (std::size_t k = 0; k < scores.size(); ++k) {
    EXPECT_EQ(summary[k][0], scores[k].strategy);
    EXPECT_EQ(summary[k][2], std::to_string(observations.events.size()));
    EXPECT_TRUE(same_bits(summary_rows.number[k][3], scores[k].summary.brier));
    EXPECT_EQ(summary[k][4] == "NULL", !scores[k].summary.brier_skill.has_value());
    EXPECT_TRUE(same_bits(summary_rows.number[k][6], scores[k].summary.crps));
    EXPECT_EQ(summary[k][7], std::to_string(scores[k].summary.trend_count));
    EXPECT_EQ(summary[k][8], std::to_string(scores[k].summary.covered[1]));
  }
}

TEST(StoredScores, ACopyIsScoredWithoutChangingTheOriginal) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  const ComparisonPlan plan = small_plan();
  auto original = complete_store(dir / "results.sqlite", s, plan, test::store_plan_of(plan));
  original->close();
  ResultStore::copy(dir / "results.sqlite", dir / "copy.sqlite");
  test::expect_error([&] { ResultStore::copy(dir / "results.sqlite", dir / "copy.sqlite"); },
                     ErrorId::io_write, "it exists");
  const Observations observations = history();
  const StrategyScore score = score_strategy(
      StoredRunSource(*ResultStore::read(dir / "copy.sqlite")), "piecemeal", observations);
  auto copy = ResultStore::amend(dir / "copy.sqlite",
                                 {.command_line = "score", .scenario_file = "", .threads = 1});
  copy->write_scores(observations, "history.yaml", {}, {score});
  copy->finish(0);
  EXPECT_EQ(copy->sessions(), 2);
  copy->close();
  EXPECT_EQ(rows(dir / "copy.sqlite", "SELECT count(*) FROM observation_scores")[0][0],
            std::to_string(observations.events.size() + observations.indicators.size()));
  EXPECT_EQ(rows(dir / "results.sqlite", "SELECT count(*) FROM observation_scores")[0][0], "0");
  const auto query = "SELECT count(*), total(value) FROM series_values";
  EXPECT_EQ(rows(dir / "copy.sqlite", query), rows(dir / "results.sqlite", query));
  auto reread = ResultStore::read(dir / "copy.sqlite");
  EXPECT_TRUE(reread->complete());
  EXPECT_EQ(reread->runs_stored(), 24u);
}

TEST(StoredCalibration, ParametersGenerationsAndParticlesReadBackAsWritten) {
  test::TempDir dir;
  const Scenario s = test::uncertain_leverage_case();
  ComparisonPlan plan = small_plan();
  plan.runs = 0;
  plan.strategies = {"piecemeal"};
  const auto file = dir / "results.sqlite";
  auto store = complete_store(file, s, plan, test::store_plan_of(plan, "calibrate"));
  CalibrationResult result;
  result.priors = {{"regime.weights.revenue", {DistributionKind::uniform, {0.2, 0.8}}, 0.5, 0, 1},
                   {"spoiler.strength", {DistributionKind::relative, {0.25}}, 2.0, 0, 10}};
  const CalibrationGeneration prior{.tolerance = std::numeric_limits<double>::infinity(),
                                    .attempts = 2,
                                    .simulated = 2,
                                    .particles = {{{0.3, 2.1}, 0.5, 0.9}, {{0.7, 1.8}, 0.5, 0.4}}};
  const CalibrationGeneration posterior{
      .tolerance = 0.65,
      .attempts = 5,
      .simulated = 8,
      .particles = {{{0.65, 1.9}, 0.75, 0.3}, {{0.6, 2.2}, 0.25, 0.5}}};
  result.generations = {prior, posterior};
  result.crps_scales = {1.5, 2.0};
  store->write_calibration(result);
  store->close();
  EXPECT_EQ(rows(file,
                 "SELECT parameter, path, prior, prior_params, value, low, high FROM "
                 "calibration_parameters ORDER BY parameter"),
            (std::vector<std::vector<std::string>>{
                {"0", "regime.weights.revenue", "uniform", "[0.2,0.8]", "0.5", "0.0", "1.0"},
                {"1", "spoiler.strength", "relative", "[0.25]", "2.0", "0.0", "10.0"}}));
  EXPECT_EQ(rows(file,
                 "SELECT generation, tolerance, attempts, simulated, particles FROM "
                 "calibration_generations ORDER BY generation"),
            (std::vector<std::vector<std::string>>{{"0", "Inf", "2", "2", "2"},
                                                   {"1", "0.65", "5", "8", "2"}}));
  const auto particles = rows(file,
                              "SELECT generation, particle, path, value, weight, distance FROM "
                              "calibration_particles ORDER BY generation, particle, path");
  ASSERT_EQ(particles.size(), 8u);
  EXPECT_EQ(particles[6],
            (std::vector<std::string>{"1", "1", "regime.weights.revenue", "0.6", "0.25", "0.5"}));
  EXPECT_EQ(particles[7],
            (std::vector<std::string>{"1", "1", "spoiler.strength", "2.2", "0.25", "0.5"}));
  EXPECT_EQ(rows(file, "SELECT value FROM manifest WHERE key = 'calibration_crps_scales'")[0][0],
            "[1.5,2.0]");
  EXPECT_TRUE(ResultStore::read(file)->complete());
}

}  // namespace
}  // namespace parley
