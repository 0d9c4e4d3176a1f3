// The run of KTAB's spatial model from a start state to its stopping rule.
#pragma once

#include <span>
#include <vector>

#include "models/smp/options.hpp"
#include "models/smp/state.hpp"
#include "models/smp/turn.hpp"

namespace parley::smp {

struct Run {
  // positions[t]: every actor's position after turn t (count * dims, actor-major, [0, 1]);
  // positions[0] is the start. probability[t] and risk[t] belong to the same state.
  std::vector<std::vector<double>> positions;
  std::vector<std::vector<double>> probability;
  std::vector<std::vector<double>> risk;
  std::vector<TurnRecord> turns;  // turns[t - 1]: what turn t proposed
  int turn_count = 0;
  bool converged = true;
  double last_ratio = 0.0;
  std::vector<double> expected;  // State::expected_position of the final state  // last turn's
                                 // movement / (first turn's + 1e-4)
};

// KTAB's model needs at least this many actors; with fewer the start state is returned.
inline constexpr std::size_t min_actors = 3;

Run simulate(const Actors& actors, std::span<const double> start, const Options& options);

}  // namespace parley::smp
