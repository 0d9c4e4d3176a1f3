#include "models/exchange/options.hpp"

#include <fmt/format.h>

#include <charconv>

namespace parley::exchange {
namespace {

template <typename E>
E read_choice(const ModelParameters& parameters, const char* key, const char* first_name, E first,
              const char* second_name, E second, E fallback) {
  const std::string text = parameters.text(key, "");
  if (text.empty()) return fallback;
  if (text == first_name) return first;
  if (text == second_name) return second;
  throw ModelError(fmt::format("exchange parameter '{}': expected {}|{}, got '{}'", key, first_name,
                               second_name, text));
}

double read_share(const ModelParameters& parameters, const char* key, double fallback) {
  const double value = parameters.number(key, fallback);
  if (value < 0.0 || value > 1.0) {
    throw ModelError(
        fmt::format("exchange parameter '{}': expected a number in [0, 1], got {}", key, value));
  }
  return value;
}

}  // namespace

Options options_from(const ModelParameters& parameters) {
  Options o;
  o.rounds = parameters.integer("rounds", o.rounds);
  if (o.rounds < 0) throw ModelError("exchange parameter 'rounds': expected 0 or more");
  o.solution = read_choice(parameters, "solution", "equal_gain", Solution::equal_gain, "random",
                           Solution::random, o.solution);
  o.p = read_share(parameters, "p", o.p);
  o.tie_break = read_choice(parameters, "tie_break", "key", TieBreak::key, "random",
                            TieBreak::random, o.tie_break);
  const std::string seed = parameters.text("seed", "");
  if (!seed.empty()) {
    auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), o.seed);
    if (ec != std::errc() || end != seed.data() + seed.size()) {
      throw ModelError(
          fmt::format("exchange parameter 'seed': expected a whole number >= 0, got '{}'", seed));
    }
  }
  o.fixed_weight = read_share(parameters, "w_f", o.fixed_weight);
  o.salience_weight = read_share(parameters, "w_s", o.salience_weight);
  if (o.fixed_weight + o.salience_weight > 1.0) {
    throw ModelError("exchange parameters 'w_f' + 'w_s': expected at most 1");
  }
  return o;
}

std::vector<ParameterSpec> parameter_specs() {
  const Options d;
  return {
      {"rounds", std::to_string(d.rounds),
       "rounds of exchange; each starts from the preferences the last one left"},
      {"solution", "equal_gain",
       "equal_gain (both actors gain the same) or random (REX: one actor's gain is moved "
       "towards its maximum or towards zero by up to p)"},
      {"p", "0", "REX spread in [0, 1] for solution=random; 0 is Equal Gain"},
      {"tie_break", "key",
       "equal gains: key (alphabetically first actor ids, then issue ids) or random (drawn from "
       "the stream of `seed`)"},
      {"seed", "0", "seed of the random tie-breaks and REX draws"},
      {"w_f", "0.1",
       "share of its concession (vote minus preference) an actor that exchanged on an issue "
       "takes into its preference for the next round"},
      {"w_s", "0.4",
       "further share of the concession, times (1 - salience): actors that care less take in "
       "more"},
  };
}

}  // namespace parley::exchange
