// The state of a running round, shared by the round loop (round.cpp) and the evaluation of a
// candidate (equal_gain.cpp). Internal to the exchange model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/exchange/round.hpp"

namespace parley::exchange {

inline constexpr std::uint32_t no_index = 0xFFFFFFFFu;  // end of a list, no candidate

class RoundState {
 public:
  RoundState(const Table& table, std::span<const double> preferences, const Options& options,
             RandomStream* ties, RandomStream* rex);
  RoundResult run();

  // equal_gain.cpp: (re)computes c from the current votes; sets c.valid.
  void evaluate(Candidate& c);

 private:
  // An earlier exchange's vote that a candidate's overshoot check counts: when actor b demands
  // issue s, the votes of the suppliers b exchanged with on s (decide's per-exchange `updates`).
  struct Update {
    std::uint32_t supplier;
    std::uint32_t next;  // the demander cell's next update in updates_, or no_index
    double position;
  };

  // equal_gain.cpp
  bool move_ok(const Side& side) const;
  void cap_overshoot(Candidate& c, bool i_supplies);
  void set_constants(Candidate& c) const;
  void randomise_gain(Candidate& c);
  double adjusted_outcome(const Side& supplier, std::uint32_t demander, double position) const;

  // round.cpp
  // A candidate's gain when it was queued; stale once the candidate is evaluated again.
  struct Queued {
    double gain;
    std::uint64_t key;  // the tie-break key, smaller first
    std::uint32_t index;
    std::uint32_t version;
  };
  void build_candidates();
  bool ranks_below(const Queued& a, const Queued& b) const;
  void queue(std::uint32_t index);
  bool current(const Queued& q) const;
  std::uint32_t pick();  // no_index when no candidate is left
  void execute(std::uint32_t index);
  void record_update(std::uint32_t demander, std::uint32_t issue, const Side& supplier);
  void reevaluate(std::uint32_t index, const Candidate& done);
  void drop_live(std::uint32_t index);  // candidate `index` is out of the running

  const Table& t_;
  const Options& o_;
  RandomStream* ties_;
  RandomStream* rex_;
  std::vector<double> x0_;                   // preferences at the start of the round (cells)
  std::vector<double> vote_;                 // current votes (cells)
  std::vector<signed char> direction_;       // sign of the moves realised on a cell this round
  std::vector<double> outcome0_;             // per issue, at the start of the round
  std::vector<Update> updates_;              // linked lists, one per demander cell (b, s)
  std::vector<std::uint32_t> first_update_;  // per demander cell
  // Per demander cell (b, s): the outcome on s at the round-start preferences, moved by the
  // votes of its updates (each w (position - x0) / W_s).
  std::vector<double> base_outcome_;
  std::size_t generated_ = 0;          // candidates at the start, valid or not
  std::vector<Candidate> candidates_;  // those valid at the start
  std::vector<std::uint32_t> version_;
  // Candidate indices by the cell (actor, issue) of a side's supply and of a side's demand: an
  // exchange realised on a cell re-evaluates exactly these.
  // Flat lists: cell c's candidates are by_supply_[supply_start_[c] .. supply_start_[c + 1]).
  std::vector<std::uint32_t> by_supply_, by_demand_, supply_start_, demand_start_;
  bool use_heap_ = false;
  // The candidates still in the running, in no particular order, with their gains alongside;
  // live_at_[k] is candidate k's place in them.
  std::vector<std::uint32_t> live_;
  std::vector<double> live_gain_;
  std::vector<std::uint32_t> live_at_;
  std::vector<Queued> heap_;  // max-heap by gain, then the tie-break key
  std::vector<std::uint32_t> stamp_;
  std::uint32_t clock_ = 0;
  std::vector<Queued> tied_;
  // Sorts tied_ by the tie-break key and returns the index of the one to realise: the first, or
  // under tie_break=random one drawn from the seeded stream.
  std::size_t choose_among_ties();
};

}  // namespace parley::exchange
