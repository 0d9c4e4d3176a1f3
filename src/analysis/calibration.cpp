// Approximate Bayesian computation by population Monte Carlo (Beaumont, Cornuet, Marin & Robert
// 2009, Biometrika 96(4)): a sequence of weighted particle populations under shrinking
// tolerances, each particle a value of the fitted numbers, its distance the score of a small
// ensemble of runs against the observations.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>

#include "analysis/distributions.hpp"
#include "analysis/thread_limit.hpp"
#include "models/parallel.hpp"
#include "parley/analysis.hpp"

namespace parley {
namespace {

// Stream purposes: a proposal's own choices (parent, perturbation, prior draw) and the
// resampling of the posterior. A proposal's runs use the usual purposes (draws, shocks) under run
// numbers of their own (proposal_run).
constexpr std::uint32_t proposal_stream = 0x30000;
constexpr std::uint32_t resample_stream = 0x30001;
constexpr int max_prior_tries = 1000;

// Run numbers of generation g's proposal k: bits 48+ the generation (+1, so that no calibration
// run shares a number with a comparison's run r < 2^48), bits 20-47 the proposal, bits 0-19 the
// run of its ensemble.
std::uint64_t proposal_run(int generation, int proposal, int run) {
  return (static_cast<std::uint64_t>(generation + 1) << 48) |
         (static_cast<std::uint64_t>(proposal) << 20) | static_cast<std::uint64_t>(run);
}

double prior_density(const ParameterPrior& prior, double x) {
  if (x < prior.low || x > prior.high) return 0.0;
  return detail::distribution_density(prior.distribution, prior.value, x);
}

std::vector<ParameterPrior> priors_of(const Scenario& scenario,
                                      const std::vector<std::string>& paths) {
  Scenario copy = scenario;
  const std::vector<NumberField> fields = number_fields(copy);
  const std::vector<int> governing = governing_uncertainty(scenario, fields);
  std::vector<ParameterPrior> priors;
  for (const std::string& path : paths) {
    const auto field = std::find_if(fields.begin(), fields.end(),
                                    [&](const NumberField& f) { return f.id_path == path; });
    if (field == fields.end()) {
      throw Error(
          ErrorId::request_unknown_path,
          fmt::format(
              "calibrate: '{}' is not a number in this scenario (expected an id path such as "
              "regime.weights.revenue)",
              path));
    }
    const int entry = governing[static_cast<std::size_t>(field - fields.begin())];
    if (entry < 0) {
      throw Error(ErrorId::request_no_prior,
                  fmt::format("calibrate: '{}' has no entry in the uncertainty block, so it has no "
                              "prior; give it a "
                              "distribution there first",
                              path));
    }
    const Distribution& d = scenario.uncertainty[static_cast<std::size_t>(entry)].distribution;
    if (d.kind == DistributionKind::empirical || d.kind == DistributionKind::fixed) {
      throw Error(
          ErrorId::request_no_prior,
          fmt::format("calibrate: the prior of '{}' is {} ({}), which has no density; give it a "
                      "uniform, triangular, normal, beta, spread or relative distribution",
                      path, to_string(d.kind),
                      scenario.uncertainty[static_cast<std::size_t>(entry)].path));
    }
    priors.push_back({path, d, *field->value, field->min, field->max});
  }
  return priors;
}

void check_plan(const Scenario& scenario, const Observations& observations,
                const CalibrationPlan& plan) {
  if (plan.paths.empty())
    throw Error(ErrorId::request_invalid_option, "calibrate: name at least one --params path");
  if (std::set<std::string>(plan.paths.begin(), plan.paths.end()).size() != plan.paths.size()) {
    throw Error(ErrorId::request_invalid_option, "calibrate: a path is named twice");
  }
  if (plan.particles < 2)
    throw Error(ErrorId::request_invalid_option, "calibrate: needs at least 2 particles");
  if (plan.generations < 1)
    throw Error(ErrorId::request_invalid_option, "calibrate: needs at least 1 generation");
  if (plan.runs_per_particle < 1 || plan.runs_per_particle >= (1 << 20)) {
    throw Error(ErrorId::request_invalid_option,
                "calibrate: runs per particle must be in 1 .. 1048575");
  }
  if (!(plan.quantile > 0 && plan.quantile <= 1)) {
    throw Error(ErrorId::request_invalid_option,
                "calibrate: the tolerance quantile must be in (0, 1]");
  }
  if (!plan.strategy.empty()) require_strategy(scenario, plan.strategy);
  if (plan.engagement.months < last_month(observations)) {
    throw Error(
        ErrorId::request_beyond_runs,
        fmt::format("calibrate: the observations reach month {}, but the runs stop at month {}",
                    last_month(observations), plan.engagement.months));
  }
}

// One proposal: the values of the fitted numbers and the scores of its ensemble (none when no
// move landed inside the prior).
struct Proposal {
  std::vector<double> values;
  std::optional<StrategyScore> score;
};

class Sampler {
 public:
  Sampler(const Scenario& scenario, const Observations& observations, const CalibrationPlan& plan)
      : observations_(observations),
        plan_(plan),
        priors_(priors_of(scenario, plan.paths)),
        fixed_(with_fixed_paths(scenario)),
        draws_(fixed_) {}

  const std::vector<ParameterPrior>& priors() const { return priors_; }

  Proposal propose(int generation, int k, const CalibrationGeneration* previous,
                   const std::vector<double>& kernel_sd) const {
    RandomStream random(plan_.seed, proposal_run(generation, k, 0), proposal_stream);
    Proposal p;
    p.values = previous ? perturbed(*previous, kernel_sd, random) : from_prior(random);
    if (!p.values.empty()) p.score = score_of(p.values, generation, k);
    return p;
  }

  double density(const std::vector<double>& values) const {
    double d = 1.0;
    for (std::size_t i = 0; i < priors_.size(); ++i) d *= prior_density(priors_[i], values[i]);
    return d;
  }

 private:
  // The fitted numbers leave the uncertainty draws (an exact `fixed` entry wins over patterns),
  // and every other number keeps its stream, as in a sweep.
  Scenario with_fixed_paths(const Scenario& scenario) const {
    Scenario s = scenario;
    for (const std::string& path : plan_.paths) {
      std::erase_if(s.uncertainty, [&](const UncertainValue& u) { return u.path == path; });
      s.uncertainty.push_back({path, Distribution{DistributionKind::fixed, {}}});
    }
    return s;
  }

  // A draw from the priors, each truncated to its field's range.
  std::vector<double> from_prior(RandomStream& random) const {
    std::vector<double> values;
    for (const ParameterPrior& prior : priors_) {
      double x = prior.value;
      for (int tries = 0; tries < max_prior_tries; ++tries) {
        x = detail::draw_value(prior.distribution, prior.value, random, random.uniform());
        if (prior_density(prior, x) > 0) break;
      }
      values.push_back(std::clamp(x, prior.low, prior.high));
    }
    return values;
  }

  // A particle of the previous generation, drawn by weight, moved by the Gaussian kernel; drawn
  // again while the prior rules the move out. Empty when no move lands inside the prior.
  std::vector<double> perturbed(const CalibrationGeneration& previous,
                                const std::vector<double>& kernel_sd, RandomStream& random) const {
    for (int tries = 0; tries < max_prior_tries; ++tries) {
      const Particle& parent = previous.particles[pick(previous, random.uniform())];
      std::vector<double> values = parent.values;
      for (std::size_t i = 0; i < values.size(); ++i) values[i] += kernel_sd[i] * random.normal();
      if (density(values) > 0) return values;
    }
    return {};
  }

  static std::size_t pick(const CalibrationGeneration& generation, double u) {
    double cumulative = 0;
    for (std::size_t i = 0; i < generation.particles.size(); ++i) {
      cumulative += generation.particles[i].weight;
      if (u < cumulative) return i;
    }
    return generation.particles.size() - 1;
  }

  StrategyScore score_of(const std::vector<double>& values, int generation, int k) const {
    std::vector<StrategyRuns> results(1);
    results[0].strategy = plan_.strategy;
    for (int r = 0; r < plan_.runs_per_particle; ++r) {
      const std::uint64_t run = proposal_run(generation, k, r);
      Scenario drawn = draws_.draw(plan_.seed, run);
      for (std::size_t i = 0; i < values.size(); ++i) {
        *find_number(drawn, plan_.paths[i]) = values[i];
      }
      results[0].runs.push_back(
          simulate_engagement(drawn, plan_.strategy, plan_.engagement, plan_.seed, run));
    }
    const MemoryRunSource source(fixed_, results);
    return score_strategy(source, plan_.strategy, observations_, plan_.scoring);
  }

  const Observations& observations_;
  const CalibrationPlan& plan_;
  std::vector<ParameterPrior> priors_;
  Scenario fixed_;
  UncertaintyDraws draws_;
};

// Twice the weighted variance of each parameter (Beaumont et al.'s kernel), as a deviation.
std::vector<double> kernel_sd(const CalibrationGeneration& g, std::size_t parameters) {
  std::vector<double> sd(parameters);
  for (std::size_t i = 0; i < parameters; ++i) {
    const double mean = weighted_mean(g, i);
    double variance = 0;
    for (const Particle& p : g.particles) {
      variance += p.weight * (p.values[i] - mean) * (p.values[i] - mean);
    }
    sd[i] = std::sqrt(2.0 * variance);
  }
  return sd;
}

// Importance weights prior / mixture of the kernels around the previous generation, normalised.
void weigh(CalibrationGeneration& g, const CalibrationGeneration* previous,
           const std::vector<double>& sd, const Sampler& sampler) {
  double total = 0;
  for (Particle& p : g.particles) {
    if (!previous) {
      p.weight = 1.0;
    } else {
      double mixture = 0;
      for (const Particle& q : previous->particles) {
        double k = q.weight;
        for (std::size_t i = 0; i < sd.size(); ++i) {
          if (sd[i] > 0) {
            const double z = (p.values[i] - q.values[i]) / sd[i];
            k *= std::exp(-0.5 * z * z) / (sd[i] * std::sqrt(2.0 * std::numbers::pi));
          } else if (p.values[i] != q.values[i]) {
            k = 0;  // a parameter the previous generation no longer varies
          }
        }
        mixture += k;
      }
      p.weight = mixture > 0 ? sampler.density(p.values) / mixture : 0.0;
    }
    total += p.weight;
  }
  for (Particle& p : g.particles) {
    p.weight = total > 0 ? p.weight / total : 1.0 / static_cast<double>(g.particles.size());
  }
}

// Per indicator value, its median CRPS over the prior predictive (generation 0's proposals), so
// that each value counts about 1 where the prior leaves it; the relative scale where that is 0.
std::vector<double> prior_predictive_scales(const std::vector<Proposal>& proposals,
                                            const Observations& observations) {
  std::vector<double> scales = relative_crps_scales(observations);
  for (std::size_t i = 0; i < scales.size(); ++i) {
    std::vector<double> crps;
    crps.reserve(proposals.size());
    // Generation 0 draws every proposal from the prior, so each has a score.
    for (const Proposal& p : proposals) {
      if (p.score) crps.push_back(p.score->indicators[i].crps);
    }
    if (const double median = quantile(crps, 0.5); median > 0) scales[i] = median;
  }
  return scales;
}

double tolerance_after(const CalibrationGeneration& g, double q) {
  std::vector<double> distances;
  for (const Particle& p : g.particles) distances.push_back(p.distance);
  return quantile(distances, q);
}

}  // namespace

double weighted_mean(const CalibrationGeneration& generation, std::size_t parameter) {
  double mean = 0;
  for (const Particle& p : generation.particles) mean += p.weight * p.values[parameter];
  return mean;
}

double weighted_quantile(const CalibrationGeneration& generation, std::size_t parameter, double q) {
  std::vector<std::pair<double, double>> sorted;  // (value, weight)
  for (const Particle& p : generation.particles) sorted.emplace_back(p.values[parameter], p.weight);
  std::sort(sorted.begin(), sorted.end());
  double cumulative = 0;
  for (const auto& [value, weight] : sorted) {
    cumulative += weight;
    if (cumulative >= q - 1e-12) return value;
  }
  return sorted.back().first;
}

CalibrationResult calibrate(const Scenario& scenario, const Observations& observations,
                            const CalibrationPlan& plan,
                            const std::function<void(int, int)>& progress) {
  check_plan(scenario, observations, plan);
  const Sampler sampler(scenario, observations, plan);
  CalibrationResult result;
  result.priors = sampler.priors();
  const int n = plan.particles;
  const int max_attempts = plan.max_attempts > 0 ? plan.max_attempts : 50 * n;
  for (int g = 0; g < plan.generations; ++g) {
    const CalibrationGeneration* previous = g > 0 ? &result.generations.back() : nullptr;
    const std::vector<double> sd = previous ? kernel_sd(*previous, plan.paths.size())
                                            : std::vector<double>(plan.paths.size(), 0.0);
    CalibrationGeneration generation;
    generation.tolerance = previous ? tolerance_after(*previous, plan.quantile)
                                    : std::numeric_limits<double>::infinity();
    // Proposals are simulated in batches of n; whatever the threads, the particles are the
    // first n proposals within the tolerance, in proposal order.
    while (static_cast<int>(generation.particles.size()) < n &&
           generation.simulated < max_attempts) {
      const int batch = std::min(n, max_attempts - generation.simulated);
      std::vector<Proposal> proposals(static_cast<std::size_t>(batch));
      detail::with_threads(plan.threads, [&] {
        detail::for_blocks(
            static_cast<std::size_t>(batch), true, [&](std::size_t begin, std::size_t end) {
              for (std::size_t i = begin; i != end; ++i) {
                proposals[i] =
                    sampler.propose(g, generation.simulated + static_cast<int>(i), previous, sd);
              }
            });
      });
      // The prior predictive sets the scales: generation 0's first batch is n draws from it.
      if (result.crps_scales.empty()) {
        result.crps_scales = prior_predictive_scales(proposals, observations);
      }
      for (int i = 0; i < batch && static_cast<int>(generation.particles.size()) < n; ++i) {
        const Proposal& p = proposals[static_cast<std::size_t>(i)];
        if (!p.score) continue;
        const double distance = score_distance(*p.score, result.crps_scales, plan.weights);
        if (distance <= generation.tolerance) {
          generation.particles.push_back({p.values, 0.0, distance});
          generation.attempts = generation.simulated + i + 1;
        }
      }
      generation.simulated += batch;
      if (progress) progress(g, static_cast<int>(generation.particles.size()));
    }
    if (static_cast<int>(generation.particles.size()) < n) {
      result.stopped = fmt::format(
          "generation {} accepted {} of {} particles within tolerance {:.4g} in {} proposals; "
          "the posterior is generation {}",
          g, generation.particles.size(), n, generation.tolerance, generation.simulated, g - 1);
      break;
    }
    weigh(generation, previous, sd, sampler);
    result.generations.push_back(std::move(generation));
  }
  if (result.generations.empty()) {
    throw Error(ErrorId::request_invalid_option, "calibrate: " + result.stopped);
  }
  return result;
}

Scenario calibrated_scenario(const Scenario& scenario, const CalibrationResult& result,
                             const std::string& source, int sample_size, std::uint64_t seed) {
  if (result.generations.empty() || sample_size < 1) {
    throw Error(ErrorId::request_invalid_option, "calibrated_scenario: no posterior to write");
  }
  const CalibrationGeneration& posterior = result.generations.back();
  // Systematic resampling: one uniform, then evenly spaced positions on the cumulative weights.
  const double start = RandomStream(seed, 0, resample_stream).uniform() / sample_size;
  std::vector<std::size_t> rows;
  double cumulative = posterior.particles.front().weight;
  std::size_t i = 0;
  for (int row = 0; row < sample_size; ++row) {
    const double position = start + static_cast<double>(row) / sample_size;
    while (position > cumulative && i + 1 < posterior.particles.size()) {
      cumulative += posterior.particles[++i].weight;
    }
    rows.push_back(i);
  }
  Scenario s = scenario;
  for (std::size_t p = 0; p < result.priors.size(); ++p) {
    const ParameterPrior& prior = result.priors[p];
    std::vector<double> sample;
    sample.reserve(rows.size());
    for (std::size_t row : rows) sample.push_back(posterior.particles[row].values[p]);
    const double mean = weighted_mean(posterior, p);
    *find_number(s, prior.path) = mean;
    std::erase_if(s.uncertainty, [&](const UncertainValue& u) { return u.path == prior.path; });
    s.uncertainty.push_back({prior.path, {DistributionKind::empirical, sample}});
    Provenance provenance;
    provenance.source = source;
    provenance.note = fmt::format(
        "posterior mean of parley calibrate: 90% interval [{:.4g}, {:.4g}] over {} particles "
        "after {} generations (tolerance {:.4g}); prior {} [{}] (the uncertainty entry holds "
        "a {}-row sample of the posterior)",
        weighted_quantile(posterior, p, 0.05), weighted_quantile(posterior, p, 0.95),
        posterior.particles.size(), result.generations.size(), posterior.tolerance,
        to_string(prior.distribution.kind), fmt::join(prior.distribution.params, ", "),
        sample_size);
    s.provenance[prior.path] = provenance;
  }
  return s;
}

}  // namespace parley
