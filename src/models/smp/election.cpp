#include "models/smp/election.hpp"

#include <algorithm>
#include <cmath>

namespace parley::smp {
namespace {

// KTAB's floors: an empty coalition still has this strength, so no ratio is 0/0.
constexpr double min_coalition = 1e-8;
constexpr double binary_victory = 1.10;  // strength ratio that makes victory certain
constexpr double min_binary_victory = 1e-6;
constexpr double uniform_tolerance = 1e-6;
constexpr double incentive_tolerance = 1e-8;
constexpr double self_incentive = 1e-10;
constexpr int max_markov_steps = 1000;

double pow4(double x) { return (x * x) * (x * x); }

}  // namespace

double vote(VotingRule rule, double weight, double ua, double ub) {
  return with_rule(rule, [&](auto r) { return vote<decltype(r)::value>(weight, ua, ub); });
}

std::pair<double, double> victory(VictoryModel model, double for_a, double for_b) {
  double xa = for_a, xb = for_b;
  switch (model) {
    case VictoryModel::linear:
      break;
    case VictoryModel::square:
      xa = for_a * for_a, xb = for_b * for_b;
      break;
    case VictoryModel::quartic:
      xa = pow4(for_a), xb = pow4(for_b);
      break;
    case VictoryModel::octic:
      xa = pow4(for_a) * pow4(for_a), xb = pow4(for_b) * pow4(for_b);
      break;
    case VictoryModel::binary:
      // Certain beyond a 10% advantage, linear in the share of strength inside that band.
      if (for_a >= binary_victory * for_b) {
        xa = 1.0, xb = min_binary_victory;
      } else if (for_b >= binary_victory * for_a) {
        xa = min_binary_victory, xb = 1.0;
      } else {
        const double share = for_a / (for_a + for_b);
        xa = (share * (binary_victory + 1.0) - 1.0) / (binary_victory - 1.0);
        xb = 1 - xa;
      }
      break;
  }
  return {xa / (xa + xb), xb / (xa + xb)};
}

void Election::run(std::span<const double> utility, std::span<const double> weight,
                   std::size_t voters, std::size_t options, VotingRule rule, VictoryModel model,
                   PceModel pce, std::span<double> out) {
  coalitions(utility, weight, voters, options, rule);
  victories(model, options);
  switch (pce) {
    case PceModel::conditional:
      conditional(options, out);
      break;
    case PceModel::markov_uniform:
      markov_uniform(options, out);
      break;
    case PceModel::markov_incentive:
      markov_incentive(options, out);
      break;
  }
}

// Strength of the coalition of voters preferring option i to j, and of those preferring j.
void Election::coalitions(std::span<const double> utility, std::span<const double> weight,
                          std::size_t voters, std::size_t options, VotingRule rule) {
  const std::size_t m = options;
  strength_.assign(m * m, 0.0);
  with_rule(rule, [&](auto r) {
    for (std::size_t i = 0; i < m; ++i) {
      const double* ui = utility.data() + i * voters;
      for (std::size_t j = 0; j < i; ++j) {
        const double* uj = utility.data() + j * voters;
        double for_i = min_coalition, for_j = min_coalition;
        for (std::size_t k = 0; k < voters; ++k) {
          const double v = vote<decltype(r)::value>(weight[k], ui[k], uj[k]);
          for_i = for_i + (v > 0 ? v : 0.0);  // branch-free, same sums
          for_j = for_j + (v < 0 ? -v : 0.0);
        }
        strength_[i * m + j] = for_i;
        strength_[j * m + i] = for_j;
      }
      strength_[i * m + i] = min_coalition;
    }
  });
}

void Election::victories(VictoryModel model, std::size_t options) {
  const std::size_t m = options;
  victory_.assign(m * m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [pij, pji] = victory(model, strength_[i * m + j], strength_[j * m + i]);
      victory_[i * m + j] = pij;
      victory_[j * m + i] = pji;
    }
    victory_[i * m + i] = 0.5;
  }
}

// P(i beats every alternative), renormalised over the options.
void Election::conditional(std::size_t options, std::span<double> out) const {
  const std::size_t m = options;
  double total = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    double p = 1.0;
    for (std::size_t j = 0; j < m; ++j) p = p * victory_[i * m + j];
    out[i] = p;
  }
  for (std::size_t i = 0; i < m; ++i) total = total + out[i];
  for (std::size_t i = 0; i < m; ++i) out[i] = out[i] / total;
}

// Fixed point of a Markov chain in which a uniformly chosen option challenges the favourite.
void Election::markov_uniform(std::size_t options, std::span<double> out) {
  const std::size_t m = options;
  next_.assign(m, 0.0);
  std::fill_n(out.begin(), m, 1.0 / static_cast<double>(m));
  double change = 1.0;
  for (int step = 0; uniform_tolerance < change && step < max_markov_steps; ++step) {
    change = 0;
    for (std::size_t i = 0; i < m; ++i) {
      double q = 0.0;
      for (std::size_t j = 0; j < m; ++j) q = q + victory_[i * m + j] * (out[i] + out[j]);
      next_[i] = q / static_cast<double>(m);
      change = std::max(change, std::fabs(next_[i] - out[i]));
    }
    for (std::size_t i = 0; i < m; ++i) out[i] = (out[i] + next_[i]) / 2.0;
  }
}

// As markov_uniform, but an option challenges the favourite in proportion to its incentive,
// coalition strength times the chance of winning.
void Election::markov_incentive(std::size_t options, std::span<double> out) {
  const std::size_t m = options;
  challenge_.assign(m * m, 0.0);
  next_.assign(m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < m; ++j) {
      challenge_[i * m + j] =
          strength_[i * m + j] * victory_[i * m + j] + (i == j ? self_incentive : 0.0);
    }
  }
  for (std::size_t j = 0; j < m; ++j) {  // normalise each column: who challenges j
    double total = 0.0;
    for (std::size_t k = 0; k < m; ++k) total = total + challenge_[k * m + j];
    for (std::size_t i = 0; i < m; ++i) challenge_[i * m + j] = challenge_[i * m + j] / total;
  }
  std::fill_n(out.begin(), m, 1.0 / static_cast<double>(m));
  double change = 1.0;
  for (int step = 0; incentive_tolerance < change && step < max_markov_steps; ++step) {
    change = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      double q = 0.0;
      for (std::size_t j = 0; j < m; ++j) {
        const double flow = out[i] * challenge_[j * m + i] + out[j] * challenge_[i * m + j];
        q = q + victory_[i * m + j] * flow;
      }
      next_[i] = q;
      change = std::max(change, std::fabs(next_[i] - out[i]));
    }
    for (std::size_t i = 0; i < m; ++i) out[i] = (out[i] + next_[i]) / 2.0;
  }
}

}  // namespace parley::smp
