// Expected gain from a challenge: h's estimate of what actor k gains when i challenges j, and of
// the probability that i wins. docs/models/smp.md, "Challenges".
#pragma once

#include <cstddef>
#include <vector>

#include "models/smp/options.hpp"
#include "models/smp/state.hpp"

namespace parley::smp {

struct ChallengeEstimate {
  double win = 0.5;   // h's P(i beats j)
  double gain = 0.0;  // h's estimate of k's expected utility of the challenge minus status quo
};

// What h believes about every actor a, for challenges by one initiator i: a's risk attitude,
// a's utility of i's position and of its own. Built once per (h, i), reused for every target.
struct ChallengeView {
  std::size_t initiator = 0;
  std::vector<double> risk;             // h's estimate of R_a
  std::vector<double> to_init;          // U^h(a, i)
  std::vector<double> to_self;          // U^h(a, a)
  mutable std::vector<double> scratch;  // per-actor votes of one estimate

  void build(const State& state, RiskAdjust adjust, std::size_t h, std::size_t i);
};

// h's estimate (h as in `view`) of view.initiator challenging j.
ChallengeEstimate estimate_challenge(const Actors& actors, const State& state,
                                     const ChallengeView& view, std::size_t j,
                                     const Options& options);

}  // namespace parley::smp
