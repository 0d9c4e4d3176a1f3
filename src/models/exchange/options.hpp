// The choices the exchange model leaves open. docs/models/exchange.md explains each one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/models.hpp"

namespace parley::exchange {

// How a candidate exchange divides its gain between the two actors.
enum class Solution {
  equal_gain,  // both gain the same (Stokman & van Oosten 1994)
  random,      // randomised equal gain (REX): one actor's share is perturbed by up to p
};
// How the next exchange is chosen among candidates whose gains tie.
enum class TieBreak {
  key,     // the documented key: actor ids, then issue ids, alphabetically
  random,  // uniformly, from the stream derived from `seed`
};
struct Options {
  int rounds = 10;
  Solution solution = Solution::equal_gain;
  double p = 0.0;  // REX spread in [0, 1]; 0 is Equal Gain
  TieBreak tie_break = TieBreak::key;
  std::uint64_t seed = 0;
  double fixed_weight = 0.1;     // w_f: share of a concession every actor internalises
  double salience_weight = 0.4;  // w_s: extra share, times (1 - salience)
  // Not model parameters; all choices pick the same exchanges (tests check it).
  // Rounds of up to this many candidates keep each whole (about 300 bytes with its indexes, and
  // faster); larger ones keep 20 bytes a candidate and evaluate again what they need.
  std::size_t whole_limit = 250'000;
  // Rounds of whole candidates with more than this many keep them in a heap, smaller ones scan a
  // flat array for the best gain (faster there).
  std::size_t scan_limit = 4096;
};

// Every explicit key of the model spec on top of the defaults. Throws Error
// model.bad_parameter_value.
Options options_from(const ModelParameters& parameters);

std::vector<ParameterSpec> parameter_specs();

// Stream purposes of the two random uses, so switching one on leaves the other's draws alone.
inline constexpr std::uint32_t tie_break_stream = 0xE0001;
inline constexpr std::uint32_t rex_stream = 0xE0002;

}  // namespace parley::exchange
