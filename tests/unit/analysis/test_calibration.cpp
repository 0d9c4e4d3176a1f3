// Calibration by population Monte Carlo ABC on a synthetic history: observations simulated from
// known values of two numbers must give a posterior that covers them and is narrower than the
// prior, identical at any thread count, and a calibrated scenario that loads and draws from it.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "parley/analysis.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

constexpr const char* sanctions_path = "instruments.sanctions.effects.revenue";
constexpr const char* spoiler_path = "spoiler.strength";
constexpr double true_sanctions = -0.8;  // the values leverage.yaml is written with
constexpr double true_spoiler = 0.2;

Scenario with_priors() {
  Scenario s = test::leverage_case();
  s.uncertainty.push_back({sanctions_path, {DistributionKind::uniform, {-1.6, 0.0}}});
  s.uncertainty.push_back({spoiler_path, {DistributionKind::uniform, {0.05, 0.6}}});
  return s;
}

EngagementOptions fast_engagement() {
  EngagementOptions options;
  options.months = 12;
  options.engine = "compromise";
  return options;
}

// The history: the median of 40 runs at the true values (another seed than calibration's).
Observations synthetic_history(const Scenario& s) {
  ComparisonPlan plan;
  plan.strategies = {"piecemeal"};
  plan.runs = 40;
  plan.seed = 99;
  plan.threads = 1;
  plan.engagement = fast_engagement();
  const auto results = run_comparison(s, plan);  // no uncertainty block: the true values
  const MemoryRunSource source(s, results);
  Observations o;
  o.start = "2021-11";
  auto median_at = [&](const std::string& series, int month) {
    const SeriesBlock block = source.block("piecemeal", series_index(s, series));
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(block.runs));
    for (int r = 0; r < block.runs; ++r) values.push_back(block.at(r, month));
    return quantile(values, 0.5);
  };
  const std::pair<const char*, std::vector<int>> observed[] = {{"revenue_usd_bn", {3, 12}},
                                                               {"cohesion", {6, 12}},
                                                               {"food_insecure_millions", {6, 12}},
                                                               {"spoiler_strength", {0, 6, 12}}};
  for (const auto& [series, months] : observed) {
    for (int month : months) {
      o.indicators.push_back({series, month, median_at(series, month), std::nullopt, "sim", ""});
    }
  }
  // Cohesion falls to 0.69 by month 12 at the true values (to 0.76 with weak sanctions).
  ObservedEvent split;
  split.id = "strain";
  split.predicate = {{{{"cohesion", "<", 0.72}}}, EventWindow::by, 12, ""};
  split.happened = median_at("cohesion", 12) < 0.72;
  o.events.push_back(split);
  return o;
}

CalibrationPlan plan_for(int particles, int generations, int runs) {
  CalibrationPlan plan;
  plan.paths = {sanctions_path, spoiler_path};
  plan.strategy = "piecemeal";
  plan.particles = particles;
  plan.generations = generations;
  plan.runs_per_particle = runs;
  plan.seed = 5;
  plan.threads = 2;
  plan.engagement = fast_engagement();
  return plan;
}

double weighted_sd(const CalibrationGeneration& g, std::size_t p) {
  const double mean = weighted_mean(g, p);
  double variance = 0;
  for (const Particle& particle : g.particles) {
    variance += particle.weight * (particle.values[p] - mean) * (particle.values[p] - mean);
  }
  return std::sqrt(variance);
}

TEST(Calibration, ThePosteriorCoversTheTrueValuesAndIsNarrowerThanThePrior) {
  const Scenario s = with_priors();
  const Observations history = synthetic_history(test::leverage_case());
  const CalibrationResult result = calibrate(s, history, plan_for(60, 6, 6));
  ASSERT_EQ(result.generations.size(), 6u) << result.stopped;
  const CalibrationGeneration& posterior = result.generations.back();
  ASSERT_EQ(posterior.particles.size(), 60u);
  // Every indicator value has a positive scale from the prior predictive.
  ASSERT_EQ(result.crps_scales.size(), history.indicators.size());
  for (double scale : result.crps_scales) EXPECT_GT(scale, 0.0);
  EXPECT_TRUE(history.events[0].happened);
  // Tolerances shrink from generation to generation.
  EXPECT_TRUE(std::isinf(result.generations[0].tolerance));
  EXPECT_LT(result.generations[5].tolerance, result.generations[1].tolerance);
  double total = 0;
  for (const Particle& p : posterior.particles) total += p.weight;
  EXPECT_NEAR(total, 1.0, 1e-12);
  const double truth[] = {true_sanctions, true_spoiler};
  const double prior_sd[] = {1.6 / std::sqrt(12.0), 0.55 / std::sqrt(12.0)};
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_LE(weighted_quantile(posterior, p, 0.05), truth[p]) << p;
    EXPECT_GE(weighted_quantile(posterior, p, 0.95), truth[p]) << p;
    EXPECT_LT(weighted_sd(posterior, p), 0.5 * prior_sd[p]) << p;
  }
}

TEST(Calibration, IsBitIdenticalAtAnyThreadCount) {
  const Scenario s = with_priors();
  const Observations history = synthetic_history(test::leverage_case());
  CalibrationPlan plan = plan_for(12, 3, 3);
  plan.threads = 1;
  const CalibrationResult one = calibrate(s, history, plan);
  plan.threads = 2;
  const CalibrationResult two = calibrate(s, history, plan);
  ASSERT_EQ(one.generations.size(), two.generations.size());
  EXPECT_EQ(one.crps_scales, two.crps_scales);
  for (std::size_t g = 0; g < one.generations.size(); ++g) {
    const auto& a = one.generations[g];
    const auto& b = two.generations[g];
    EXPECT_EQ(a.attempts, b.attempts);
    EXPECT_EQ(a.simulated, b.simulated);
    EXPECT_EQ(a.tolerance, b.tolerance);
    ASSERT_EQ(a.particles.size(), b.particles.size());
    for (std::size_t i = 0; i < a.particles.size(); ++i) {
      EXPECT_EQ(a.particles[i].values, b.particles[i].values);
      EXPECT_EQ(a.particles[i].weight, b.particles[i].weight);
      EXPECT_EQ(a.particles[i].distance, b.particles[i].distance);
    }
  }
  plan.seed = 6;  // and the seed matters
  EXPECT_NE(calibrate(s, history, plan).generations[0].particles[0].values,
            one.generations[0].particles[0].values);
}

TEST(Calibration, TheCalibratedScenarioCarriesThePosteriorAsOneJointSample) {
  const Scenario s = with_priors();
  const Observations history = synthetic_history(test::leverage_case());
  const CalibrationResult result = calibrate(s, history, plan_for(12, 2, 3));
  const Scenario calibrated = calibrated_scenario(s, result, "synthetic history", 7, 1);
  const Scenario reloaded = load_scenario_text(to_yaml(calibrated), "calibrated.yaml");
  std::set<std::pair<double, double>> rows;
  for (const Particle& p : result.generations.back().particles) {
    rows.insert({p.values[0], p.values[1]});
  }
  int empirical = 0;
  for (const UncertainValue& u : reloaded.uncertainty) {
    if (u.distribution.kind != DistributionKind::empirical) continue;
    ++empirical;
    EXPECT_EQ(u.distribution.params.size(), 7u);
  }
  EXPECT_EQ(empirical, 2);
  Scenario copy = reloaded;
  EXPECT_NEAR(*find_number(copy, sanctions_path), weighted_mean(result.generations.back(), 0),
              1e-12);
  EXPECT_EQ(reloaded.provenance.at(spoiler_path).source, "synthetic history");
  for (std::uint64_t run = 0; run < 20; ++run) {
    Scenario drawn = draw_scenario(reloaded, 3, run);
    const std::pair<double, double> row{*find_number(drawn, sanctions_path),
                                        *find_number(drawn, spoiler_path)};
    EXPECT_TRUE(rows.count(row)) << row.first << ", " << row.second;
  }
}

TEST(Calibration, RejectsPathsWithoutAPriorAndPlansThatCannotRun) {
  const Scenario s = with_priors();
  const Observations history = synthetic_history(test::leverage_case());
  CalibrationPlan plan = plan_for(4, 1, 1);
  plan.paths = {"regime.weights.revenue"};
  test::expect_error([&] { calibrate(s, history, plan); }, ErrorId::request_no_prior,
                     "calibrate: 'regime.weights.revenue' has no entry in the uncertainty block, "
                     "so it has no prior; give it a distribution there first");
  Scenario sampled = s;
  sampled.uncertainty.push_back({"regime.weights.revenue", {DistributionKind::empirical, {0.1}}});
  test::expect_error([&] { calibrate(sampled, history, plan); }, ErrorId::request_no_prior,
                     "which has no density");
  plan.paths = {"regime.weights.revenu"};
  test::expect_error([&] { calibrate(s, history, plan); }, ErrorId::request_unknown_path,
                     "'regime.weights.revenu' is not a number in this scenario");
  plan = plan_for(4, 1, 1);
  plan.strategy = "nope";
  test::expect_error([&] { calibrate(s, history, plan); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'nope'");
  plan = plan_for(4, 1, 1);
  plan.engagement.months = 6;  // the history reaches month 12
  test::expect_error([&] { calibrate(s, history, plan); }, ErrorId::request_beyond_runs,
                     "the observations reach month 12, but the runs stop at month 6");
  plan = plan_for(1, 1, 1);
  test::expect_error([&] { calibrate(s, history, plan); }, ErrorId::request_invalid_option,
                     "needs at least 2 particles");
}

}  // namespace
}  // namespace parley
