#include "models/smp/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/choices.hpp"

namespace parley::smp {
namespace {

using detail::Choices;

// Names follow KTAB's enumerators in lower case, so KTAB users recognise them.
const Choices<VictoryModel> victories = {{"linear", VictoryModel::linear},
                                         {"square", VictoryModel::square},
                                         {"quartic", VictoryModel::quartic},
                                         {"octic", VictoryModel::octic},
                                         {"binary", VictoryModel::binary}};
const Choices<PceModel> pces = {{"conditional", PceModel::conditional},
                                {"markov_incentive", PceModel::markov_incentive},
                                {"markov_uniform", PceModel::markov_uniform}};
const Choices<Transitions> transitions = {{"deterministic", Transitions::deterministic},
                                          {"stochastic", Transitions::stochastic}};
const Choices<VotingRule> votings = {
    {"binary", VotingRule::binary}, {"prop_bin", VotingRule::prop_bin},
    {"prop", VotingRule::prop},     {"prop_cbc", VotingRule::prop_cbc},
    {"cubic", VotingRule::cubic},   {"asym_prosp", VotingRule::asym_prosp}};
const Choices<RiskAdjust> adjusts = {{"none", RiskAdjust::none},
                                     {"one_third", RiskAdjust::one_third},
                                     {"half", RiskAdjust::half},
                                     {"two_thirds", RiskAdjust::two_thirds},
                                     {"full", RiskAdjust::full}};
const Choices<RiskRange> ranges = {
    {"min", RiskRange::min}, {"mid", RiskRange::mid}, {"max", RiskRange::max}};
const Choices<ThirdParty> third_parties = {{"no_commit", ThirdParty::no_commit},
                                           {"semi_commit", ThirdParty::semi_commit},
                                           {"full_commit", ThirdParty::full_commit}};
const Choices<Interpolation> interpolations = {{"s1p1", Interpolation::s1p1},
                                               {"s2p2", Interpolation::s2p2},
                                               {"s2pmax", Interpolation::s2pmax}};
const Choices<Bargaining> bargainings = {{"init_only", Bargaining::init_only},
                                         {"init_rcvr", Bargaining::init_rcvr},
                                         {"pw_comp", Bargaining::pw_comp}};

template <typename E>
void read_choice(const ModelParameters& parameters, const char* key, const Choices<E>& choices,
                 E& value) {
  detail::read_choice(parameters, "smp", key, choices, value);
}

template <typename E>
ParameterSpec spec(const char* key, const Choices<E>& choices, E value, const char* what) {
  return {key, detail::choice_name(choices, value),
          fmt::format("{}: {}", what, detail::choice_names(choices))};
}

}  // namespace

Options options_from(const ModelParameters& parameters) {
  Options o;
  read_choice(parameters, "victory", victories, o.victory);
  read_choice(parameters, "pce", pces, o.pce);
  read_choice(parameters, "transitions", transitions, o.transitions);
  read_choice(parameters, "voting", votings, o.voting);
  read_choice(parameters, "risk_adjust", adjusts, o.risk_adjust);
  read_choice(parameters, "risk_range", ranges, o.risk_range);
  read_choice(parameters, "third_party", third_parties, o.third_party);
  read_choice(parameters, "interpolation", interpolations, o.interpolation);
  read_choice(parameters, "bargaining", bargainings, o.bargaining);
  o.rounds = parameters.rounds("smp", o.rounds);
  o.min_turns = parameters.integer("min_turns", o.min_turns);
  if (o.min_turns < 1)
    throw Error(ErrorId::model_bad_parameter_value,
                "smp parameter 'min_turns': expected 1 or more");
  o.stop_ratio = parameters.number("stop_ratio", o.stop_ratio);
  if (!(o.stop_ratio >= 0.0)) {
    throw Error(
        ErrorId::model_bad_parameter_value,
        fmt::format("smp parameter 'stop_ratio': expected a number >= 0, got {}", o.stop_ratio));
  }
  const std::string seed = parameters.text("seed", "");
  if (!seed.empty()) {
    std::size_t used = 0;
    try {
      o.seed = std::stoull(seed, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != seed.size() || seed.front() == '-') {
      throw Error(
          ErrorId::model_bad_parameter_value,
          fmt::format("smp parameter 'seed': expected a whole number >= 0, got '{}'", seed));
    }
  }
  return o;
}

std::vector<ParameterSpec> parameter_specs() {
  const Options d;
  return {
      spec("victory", victories, d.victory,
           "victory probability model (KTAB VictoryProbModel), P(i>j) from coalition strengths "
           "f(C_ij)/(f(C_ij)+f(C_ji))"),
      spec("pce", pces, d.pce,
           "probabilistic Condorcet election (KTAB PCEModel) turning pairwise victory "
           "probabilities into one distribution"),
      spec("transitions", transitions, d.transitions,
           "state transitions (KTAB StateTransitions): the most probable bargain of each queue, "
           "or one drawn with the seed"),
      spec("voting", votings, d.voting, "voting rule (KTAB VotingRule) for every vote"),
      spec("risk_adjust", adjusts, d.risk_adjust,
           "big-R adjustment (KTAB BigRAdjust): h's estimate of i's risk attitude"),
      spec("risk_range", ranges, d.risk_range,
           "big-R range (KTAB BigRRange): min [0,1], mid [-1/2,1], max [-1,1]"),
      spec("third_party", third_parties, d.third_party,
           "third-party commitment (KTAB ThirdPartyCommit) in challenge estimates"),
      spec("interpolation", interpolations, d.interpolation,
           "interpolation of vector bargains (KTAB InterVecBrgn): weights s^a p^b"),
      spec("bargaining", bargainings, d.bargaining,
           "bargaining model (KTAB BargnModel): initiator's view, both views, or their "
           "capability x salience weighted compromise"),
      {"rounds", std::to_string(d.rounds), "most turns (KTAB maxIter)"},
      {"min_turns", std::to_string(d.min_turns), "fewest turns before the ratio test (minIter)"},
      {"stop_ratio", "0.02",
       "stop when a turn's total movement / (first turn's + 1e-4) falls below this"},
      {"seed", std::to_string(d.seed), "seed of the draws under transitions=stochastic"},
  };
}

}  // namespace parley::smp
