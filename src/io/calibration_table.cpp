// A calibration as a terminal table and its particles as CSV.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "io/bands.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

std::string prior_text(const ParameterPrior& prior) {
  std::string text = fmt::format("{} [{}]", to_string(prior.distribution.kind),
                                 fmt::join(prior.distribution.params, ", "));
  if (prior.distribution.kind == DistributionKind::spread ||
      prior.distribution.kind == DistributionKind::relative) {
    text += fmt::format(" around {:g}", prior.value);
  }
  return text;
}

double weighted_sd(const CalibrationGeneration& g, std::size_t p) {
  const double mean = weighted_mean(g, p);
  double variance = 0;
  for (const Particle& particle : g.particles) {
    variance += particle.weight * (particle.values[p] - mean) * (particle.values[p] - mean);
  }
  return std::sqrt(variance);
}

}  // namespace

std::string calibration_table(const CalibrationContext& context, const CalibrationResult& result) {
  const CalibrationPlan& plan = context.plan;
  std::string out = fmt::format(
      "Calibration of {} on {}: population Monte Carlo ABC\n"
      "strategy {}, {} particles x {} runs each, {} months, seed {}, engine {}; tolerance: the {:g}"
      " quantile\nof the previous generation's distances ({:.1f} s)\n"
      "distance = {:g} x mean Brier + {:g} x mean of each value's CRPS / its median under the "
      "prior\n",
      context.scenario_file, context.observations_file, detail::strategy_label(plan.strategy),
      plan.particles, plan.runs_per_particle, plan.engagement.months, plan.seed,
      plan.engagement.engine, plan.quantile, context.seconds, plan.weights.events,
      plan.weights.indicators);
  out += fmt::format("\n{:>10}  {:>9}  {:>9}  {:>8}", "generation", "tolerance", "proposals",
                     "accepted");
  for (std::size_t p = 0; p < result.priors.size(); ++p) {
    out += fmt::format("  {:>24}", fmt::format("p{}: mean [5%, 95%]", p + 1));
  }
  out += "\n";
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    const CalibrationGeneration& gen = result.generations[g];
    const std::string tolerance =
        std::isinf(gen.tolerance) ? "-" : fmt::format("{:.4f}", gen.tolerance);
    out += fmt::format("{:>10}  {:>9}  {:>9}  {:>7.0f}%", g, tolerance, gen.attempts,
                       100.0 * static_cast<double>(gen.particles.size()) / gen.attempts);
    for (std::size_t p = 0; p < result.priors.size(); ++p) {
      out += fmt::format("  {:>24}", fmt::format("{:.3g} [{:.3g}, {:.3g}]", weighted_mean(gen, p),
                                                 weighted_quantile(gen, p, 0.05),
                                                 weighted_quantile(gen, p, 0.95)));
    }
    out += "\n";
  }
  int simulated = 0;
  for (const CalibrationGeneration& gen : result.generations) simulated += gen.simulated;
  out += fmt::format("({} proposals simulated in batches of {}, {} runs)\n", simulated,
                     plan.particles, simulated * plan.runs_per_particle);
  if (!result.stopped.empty()) out += "stopped early: " + result.stopped + "\n";
  const CalibrationGeneration& first = result.generations.front();
  const CalibrationGeneration& last = result.generations.back();
  std::size_t width = 14;
  for (const ParameterPrior& prior : result.priors) width = std::max(width, prior.path.size());
  out += fmt::format("\n{:<4}  {:<{}}  {:<25}  {:>10}  {:>10}\n", "", "path and prior", width,
                     "posterior: mean [5%, 95%]", "sd (prior)", "sd (post)");
  for (std::size_t p = 0; p < result.priors.size(); ++p) {
    const ParameterPrior& prior = result.priors[p];
    const std::string posterior =
        fmt::format("{:.3g} [{:.3g}, {:.3g}]", weighted_mean(last, p),
                    weighted_quantile(last, p, 0.05), weighted_quantile(last, p, 0.95));
    out += fmt::format("p{:<3}  {:<{}}  {:<25}  {:>10.4g}  {:>10.4g}\n      {}\n", p + 1,
                       prior.path, width, posterior, weighted_sd(first, p), weighted_sd(last, p),
                       prior_text(prior));
  }
  out += "(sd (prior): over generation 0, drawn from the prior)\n";
  return out;
}

std::string posterior_csv(const CalibrationResult& result) {
  std::string out = "generation,particle,weight,distance";
  for (const ParameterPrior& prior : result.priors) out += "," + prior.path;
  out += "\n";
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    const auto& particles = result.generations[g].particles;
    for (std::size_t i = 0; i < particles.size(); ++i) {
      out += fmt::format("{},{},{},{}", g, i, particles[i].weight, particles[i].distance);
      for (double v : particles[i].values) out += fmt::format(",{}", v);
      out += "\n";
    }
  }
  return out;
}

}  // namespace parley
