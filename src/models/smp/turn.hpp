// One turn of KTAB's spatial model: every actor picks its most advantageous target and proposes
// a bargain; every actor then resolves the queue of bargains that involve it. docs/models/smp.md,
// "One turn".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/parallel.hpp"
#include "models/smp/challenge.hpp"
#include "models/smp/election.hpp"
#include "models/smp/options.hpp"
#include "models/smp/state.hpp"
#include "parley/models.hpp"

namespace parley::smp {

// A proposal from `init` to `rcvr`: init moves to init_at, rcvr to rcvr_at (offsets into the
// turn's coordinate buffer). init == rcvr marks an actor's status quo.
struct Bargain {
  std::size_t init = 0, rcvr = 0;
  std::size_t init_at = 0, rcvr_at = 0;
};

// What one turn proposed and who took it, for the round summaries.
struct TurnRecord {
  std::vector<Bargain> bargains;    // non-status-quo bargains, in proposal order
  std::vector<double> coords;       // their coordinates
  std::vector<std::size_t> chosen;  // chosen[k]: index into bargains, or npos for status quo
};

class Turn {
 public:
  // Writes the positions after the turn into `next` (count * dims) and its bargains to `record`.
  void run(const Actors& actors, const State& state, const Options& options, Election& election,
           RandomStream* draws, std::span<double> next, TurnRecord& record);

 private:
  struct Choice {
    std::size_t target = static_cast<std::size_t>(-1);  // none
    double win = 0.0;                                   // i's P(i beats target)
  };
  static Choice choose_target(const Actors& actors, const State& state, const Options& options,
                              ChallengeView& view, std::size_t i);
  void propose(const Actors& actors, const State& state, const Options& options);
  void add_bargain(const Actors& actors, const State& state, const Options& options, std::size_t i,
                   std::size_t j, double p_i);
  std::size_t interpolate(const Actors& actors, const State& state, const Options& options,
                          std::size_t i, std::size_t j, double p_i);
  void value_bargains(const Actors& actors, const State& state, const Options& options);
  std::size_t resolve(const Actors& actors, const Options& options, Election& election,
                      RandomStream* draws, std::size_t k);

  std::vector<Bargain> bargains_;  // index 0..n-1: status quo of each actor
  std::vector<double> coords_;
  std::vector<std::vector<std::size_t>> queue_;  // queue_[k]: bargains involving k, in order
  detail::PerThread<ChallengeView> views_;
  std::vector<Choice> choice_;
  std::vector<double> own_;        // own_[a * n + m]: a's own utility of m's position
  std::vector<double> own_total_;  // sum over m of own_[a * n + m]
  std::vector<double> value_;      // value_[b * n + a]: a's value of the state after bargain b
  std::vector<double> utility_, probability_;
};

}  // namespace parley::smp
