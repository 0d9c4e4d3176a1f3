#include "models/smp/simulate.hpp"

#include <cmath>
#include <memory>

namespace parley::smp {
namespace {

constexpr double min_first_move = 1e-4;             // added to turn 1's movement (KTAB)
constexpr std::uint32_t stream_purpose = 0x736d70;  // "smp"

// Total distance the actors moved between two states (unweighted Euclidean, summed).
double movement(const Actors& actors, std::span<const double> a, std::span<const double> b) {
  double total = 0;
  for (std::size_t i = 0; i < actors.count; ++i) {
    double squares = 0.0;
    for (std::size_t k = 0; k < actors.dims; ++k) {
      const double d = a[i * actors.dims + k] - b[i * actors.dims + k];
      squares = squares + d * d;
    }
    total = total + std::sqrt(squares);
  }
  return total;
}

void record_state(Run& run, const Actors& actors, State& state, const Options& options,
                  Election& election) {
  run.positions.emplace_back(state.position().begin(), state.position().end());
  run.risk.emplace_back(state.risk().begin(), state.risk().end());
  run.probability.emplace_back(actors.count, 0.0);
  state.win_probabilities(actors, options, election, run.probability.back());
}

}  // namespace

Run simulate(const Actors& actors, std::span<const double> start, const Options& options) {
  Run run;
  Election election;
  State state;
  state.evaluate(actors, start, options, election);
  record_state(run, actors, state, options, election);
  run.expected.resize(actors.dims);
  if (actors.count < min_actors) {
    state.expected_position(actors, options, election, run.expected);
    return run;
  }

  std::unique_ptr<RandomStream> draws;
  if (options.transitions == Transitions::stochastic) {
    draws = std::make_unique<RandomStream>(options.seed, 0, stream_purpose);
  }
  Turn turn;
  std::vector<double> next(start.size());
  double first_move = 0.0;
  run.converged = false;
  for (int t = 1; t <= options.rounds; ++t) {
    TurnRecord record;
    turn.run(actors, state, options, election, draws.get(), next, record);
    const double moved = movement(actors, next, state.position());
    if (t == 1) first_move = moved + min_first_move;
    state.evaluate(actors, next, options, election);
    record_state(run, actors, state, options, election);
    run.turns.push_back(std::move(record));
    run.turn_count = t;
    run.last_ratio = moved / first_move;
    // KTAB's stopping rule: this turn moved little compared with the first.
    if (t >= options.min_turns && moved / first_move < options.stop_ratio) {
      run.converged = true;
      break;
    }
  }
  state.expected_position(actors, options, election, run.expected);
  return run;
}

}  // namespace parley::smp
