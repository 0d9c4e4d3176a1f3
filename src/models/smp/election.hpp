// Votes, coalitions and the probabilistic Condorcet election (PCE) that turn actors' utilities
// for a set of options into a probability that each option wins. docs/models/smp.md, "Votes".
#pragma once

#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "models/smp/options.hpp"

namespace parley::smp {

// A voter of weight `weight` choosing between options a and b that it values ua and ub: > 0 for
// a, < 0 for b. A non-positive weight casts no vote (KTAB rejects it). The rule is a template
// argument so that the hot loops are compiled once per rule, without a switch inside.
template <VotingRule rule>
inline double vote(double weight, double ua, double ub) {
  const double du = ua - ub;
  // A select on the weight rather than an early return, so that loops over voters vectorise;
  // a non-positive weight gives a (possibly negative) zero, which counts for neither side.
  const double w = weight > 0.0 ? weight : 0.0;
  if constexpr (rule == VotingRule::prop) {
    return w * du;
  } else if constexpr (rule == VotingRule::cubic) {
    return w * (du * du * du);
  } else if constexpr (rule == VotingRule::prop_cbc) {
    return w * ((1 - 0.5) * du + 0.5 * (du * du * du));
  } else if constexpr (rule == VotingRule::asym_prosp) {
    if (!(weight > 0.0)) return 0.0;
    if (du < 0.0) return weight * du;
    if (du > 0.0) return (2.0 * weight * du) / 3.0;
    return 0.0;
  } else {
    // Full vote once the utilities differ by 1e-8, linear below that.
    double binary = du / 1e-8;
    binary = binary > 1 ? 1 : binary < -1 ? -1 : binary;
    if constexpr (rule == VotingRule::binary) return w * binary;
    return w * ((1 - 0.2) * du + 0.2 * binary);  // prop_bin
  }
}

double vote(VotingRule rule, double weight, double ua, double ub);

// Calls f(std::integral_constant<VotingRule, rule>{}) for the run-time `rule`.
template <typename F>
decltype(auto) with_rule(VotingRule rule, F&& f) {
  switch (rule) {
    case VotingRule::binary:
      return f(std::integral_constant<VotingRule, VotingRule::binary>{});
    case VotingRule::prop_bin:
      return f(std::integral_constant<VotingRule, VotingRule::prop_bin>{});
    case VotingRule::prop_cbc:
      return f(std::integral_constant<VotingRule, VotingRule::prop_cbc>{});
    case VotingRule::cubic:
      return f(std::integral_constant<VotingRule, VotingRule::cubic>{});
    case VotingRule::asym_prosp:
      return f(std::integral_constant<VotingRule, VotingRule::asym_prosp>{});
    case VotingRule::prop:
      break;
  }
  return f(std::integral_constant<VotingRule, VotingRule::prop>{});
}

// (P(a beats b), P(b beats a)) from the strengths of the coalitions for a and for b.
std::pair<double, double> victory(VictoryModel model, double for_a, double for_b);

// Reusable workspace for elections over up to any number of options; holds no results between
// calls, only capacity, so repeated elections do not allocate.
class Election {
 public:
  // utility[o * voters + k] is voter k's utility for option o (option-major, so the inner sums
  // over voters read contiguous memory). Writes P(option o wins) into `out` (size options).
  void run(std::span<const double> utility, std::span<const double> weight, std::size_t voters,
           std::size_t options, VotingRule rule, VictoryModel model, PceModel pce,
           std::span<double> out);

 private:
  void coalitions(std::span<const double> utility, std::span<const double> weight,
                  std::size_t voters, std::size_t options, VotingRule rule);
  void victories(VictoryModel model, std::size_t options);
  void conditional(std::size_t options, std::span<double> out) const;
  void markov_uniform(std::size_t options, std::span<double> out);
  void markov_incentive(std::size_t options, std::span<double> out);

  std::vector<double> strength_;  // strength_[i * m + j]: coalition for option i against j
  std::vector<double> victory_;   // victory_[i * m + j]: P(i beats j)
  std::vector<double> challenge_;
  std::vector<double> next_;
};

}  // namespace parley::smp
