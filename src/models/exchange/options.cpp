#include "models/exchange/options.hpp"

#include <fmt/format.h>

#include <charconv>

#include "models/choices.hpp"

namespace parley::exchange {
namespace {

const detail::Choices<Solution> solutions = {{"equal_gain", Solution::equal_gain},
                                             {"random", Solution::random}};
const detail::Choices<TieBreak> tie_breaks = {{"key", TieBreak::key}, {"random", TieBreak::random}};

double read_share(const ModelParameters& parameters, const char* key, double fallback) {
  const double value = parameters.number(key, fallback);
  if (value < 0.0 || value > 1.0) {
    throw Error(
        ErrorId::model_bad_parameter_value,
        fmt::format("exchange parameter '{}': expected a number in [0, 1], got {}", key, value));
  }
  return value;
}

}  // namespace

Options options_from(const ModelParameters& parameters) {
  Options o;
  o.rounds = parameters.rounds("exchange", o.rounds);
  detail::read_choice(parameters, "exchange", "solution", solutions, o.solution);
  o.p = read_share(parameters, "p", o.p);
  detail::read_choice(parameters, "exchange", "tie_break", tie_breaks, o.tie_break);
  const std::string seed = parameters.text("seed", "");
  if (!seed.empty()) {
    auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), o.seed);
    if (ec != std::errc() || end != seed.data() + seed.size()) {
      throw Error(
          ErrorId::model_bad_parameter_value,
          fmt::format("exchange parameter 'seed': expected a whole number >= 0, got '{}'", seed));
    }
  }
  o.fixed_weight = read_share(parameters, "w_f", o.fixed_weight);
  o.salience_weight = read_share(parameters, "w_s", o.salience_weight);
  if (o.fixed_weight + o.salience_weight > 1.0) {
    throw Error(ErrorId::model_bad_parameter_value,
                "exchange parameters 'w_f' + 'w_s': expected at most 1");
  }
  return o;
}

std::vector<ParameterSpec> parameter_specs() {
  const Options d;
  return {
      {"rounds", std::to_string(d.rounds),
       "rounds of exchange; each starts from the preferences the last one left"},
      {"solution", detail::choice_name(solutions, d.solution),
       "equal_gain (both actors gain the same) or random (REX: one actor's gain is moved "
       "towards its maximum or towards zero by up to p)"},
      {"p", fmt::format("{}", d.p), "REX spread in [0, 1] for solution=random; 0 is Equal Gain"},
      {"tie_break", detail::choice_name(tie_breaks, d.tie_break),
       "equal gains: key (alphabetically first actor ids, then issue ids) or random (drawn from "
       "the stream of `seed`)"},
      {"seed", std::to_string(d.seed), "seed of the random tie-breaks and REX draws"},
      {"w_f", fmt::format("{}", d.fixed_weight),
       "share of its concession (vote minus preference) an actor that exchanged on an issue "
       "takes into its preference for the next round"},
      {"w_s", fmt::format("{}", d.salience_weight),
       "further share of the concession, times (1 - salience): actors that care less take in "
       "more"},
  };
}

}  // namespace parley::exchange
