// The nine model parameters of KTAB's spatial model of politics, with KTAB's defaults, and the
// stopping rule. docs/models/smp.md explains each choice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/models.hpp"

namespace parley::smp {

// How coalition strengths become the probability that one side wins.
enum class VictoryModel { linear, square, quartic, octic, binary };
// How pairwise victory probabilities become one distribution over the options.
enum class PceModel { conditional, markov_incentive, markov_uniform };
enum class Transitions { deterministic, stochastic };
// How a difference in utility becomes a weighted vote.
enum class VotingRule { binary, prop_bin, prop, prop_cbc, cubic, asym_prosp };
// h's estimate of i's risk attitude from R_h and R_i.
enum class RiskAdjust { none, one_third, half, two_thirds, full };
// The interval the inferred risk attitudes are mapped to.
enum class RiskRange { min, mid, max };
// What a third party expects to do after the side it did not join wins.
enum class ThirdParty { no_commit, semi_commit, full_commit };
// Weights of the per-dimension interpolation of a bargain.
enum class Interpolation { s1p1, s2p2, s2pmax };
// Whose view of the bargain goes into the queues.
enum class Bargaining { init_only, init_rcvr, pw_comp };

struct Options {
  VictoryModel victory = VictoryModel::linear;
  PceModel pce = PceModel::conditional;
  Transitions transitions = Transitions::deterministic;
  VotingRule voting = VotingRule::prop;
  RiskAdjust risk_adjust = RiskAdjust::one_third;
  RiskRange risk_range = RiskRange::mid;
  ThirdParty third_party = ThirdParty::semi_commit;
  Interpolation interpolation = Interpolation::s2p2;
  Bargaining bargaining = Bargaining::init_only;
  // KTAB's stopping rule: stop after turn t when t >= rounds, or when t >= min_turns and the
  // total movement of turn t is below stop_ratio times that of turn 1 (plus 1e-4).
  int rounds = 100;
  int min_turns = 2;
  double stop_ratio = 0.02;
  std::uint64_t seed = 0xD67CC16FE69C185CULL;  // KTAB's default seed; only stochastic uses it
};

// Every explicit key on top of KTAB's defaults. Throws Error model.bad_parameter_value for a bad
// value.
Options options_from(const ModelParameters& parameters);

// Every parameter with its default, for ModelInfo.
std::vector<ParameterSpec> parameter_specs();

}  // namespace parley::smp
