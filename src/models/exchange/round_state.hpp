// The state of a running round, shared by the round loops (whole_round.cpp, compact_round.cpp)
// and the evaluation of a candidate (equal_gain.cpp). Internal to the exchange model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "models/exchange/round.hpp"

namespace parley::exchange {

inline constexpr std::uint32_t no_index = 0xFFFFFFFFu;  // end of a list, no candidate
inline constexpr std::size_t no_candidate = static_cast<std::size_t>(-1);

// The votes, updates and outcomes of a running round, and the evaluation of a candidate in them.
class RoundCore {
 public:
  RoundCore(const Table& table, std::span<const double> preferences, const Options& options,
            RandomStream* ties, RandomStream* rex);

  // equal_gain.cpp: (re)computes c from the current votes; sets c.valid.
  void evaluate(Candidate& c);

  // How many candidates the round has, valid or not: pairs of actors on opposite sides of both
  // round-start outcomes of a pair of issues.
  std::size_t count_candidates() const;

 protected:
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
  // Who can take part in an exchange on issues p and q, by side of the round-start outcomes:
  // group bit 0 at or left of it on p, bit 1 on q; candidates pair groups 0 and 3, 1 and 2.
  void fill_groups(std::uint32_t p, std::uint32_t q, std::vector<std::uint32_t> (&group)[4]) const;
  void record_update(std::uint32_t demander, std::uint32_t issue, const Side& supplier);
  // Moves both suppliers' votes to what `done` agreed and records each as an update its partner
  // has seen: what realising an exchange changes, whichever way the round keeps candidates.
  void realise(const Candidate& done);
  RoundResult finish(std::vector<Candidate> realised);  // the votes and outcomes after the round

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
  std::size_t generated_ = 0;  // candidates at the start, valid or not
};

// Rounds of few candidates: each kept whole, as last evaluated, indexed by the cells of its
// sides, and the best found by scanning their gains (up to Options::scan_limit) or in a heap.
class WholeRound : public RoundCore {
 public:
  using RoundCore::RoundCore;
  RoundResult run();

 private:
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
  void reevaluate(std::uint32_t index, const Candidate& done);
  void drop_live(std::uint32_t index);  // candidate `index` is out of the running

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

// Rounds of many candidates: a candidate is its number in the order the groups build them.
class CompactRound : public RoundCore {
 public:
  using RoundCore::RoundCore;
  RoundResult run();

 private:
  // The candidates of a round: for each pair of issues p < q, every actor of group 0 with every
  // one of group 3, then group 1 with group 2 (bit 0 of a group: at or left of the round-start
  // outcome on p; bit 1: on q), rows by the first group, columns by the second. A candidate is
  // its index in that order; its actors and issues follow from the groups, and everything else
  // from an evaluation, which under Equal Gain depends only on the round's state and the
  // candidate's earlier moves. So a candidate costs a bound on its gain and its sides' earlier
  // moves, 20 bytes (docs/models/exchange.md, Computation).
  struct Block {
    std::size_t first = 0;  // index of its first candidate
    std::uint32_t p = 0, q = 0;
    std::size_t rows = 0, cols = 0;  // where its two groups start in members_
    std::size_t row_count = 0, col_count = 0;
  };
  // Who trades in a candidate: i demands p and supplies q, j the reverse.
  struct Pairing {
    std::uint32_t i, j, p, q;
  };
  // A list of the candidates an exchange touches: those in which `actor` supplies `issue` (its
  // vote moved), or demands it (the votes its overshoot check counts changed).
  struct Touched {
    std::uint32_t actor, issue;
    bool supply;
    bool holds(const Pairing& c) const;
  };
  void build_groups();
  void evaluate_all();
  std::size_t pair_index(std::uint32_t p, std::uint32_t q) const;  // p < q
  // The candidate of `block` pairing row actor a with column actor b: who demands which issue.
  Pairing pairing(const Block& block, std::uint32_t a, std::uint32_t b) const;
  // Its sides, constants and earlier moves, not yet evaluated.
  Candidate unevaluated(std::size_t index, const Pairing& pair) const;
  struct Located {
    const Block* block;
    std::uint32_t a, b;
  };
  Located locate(std::size_t index) const;
  std::uint64_t key_of(std::size_t index) const;  // the documented tie-break key
  Candidate current(std::size_t index);           // as last evaluated
  // Calls f(index, pairing) for the candidates of `list`, in ascending index.
  template <class F>
  void for_each_in(const Touched& list, const F& f) const;
  bool rex() const { return !full_.empty(); }
  void set_gain(std::size_t index, double gain);  // -inf: out of the running
  void refresh_maxima();
  std::size_t pick();                           // no_candidate when none is left
  Candidate execute(std::size_t index);         // realises the candidate and returns it
  void store(std::size_t index, Candidate& c);  // the evaluation of c, moved or not

  std::vector<Block> blocks_;           // two per pair of issues, in index order
  std::vector<std::uint32_t> members_;  // the groups' actors, ascending within a group
  // place_[pair * actors + k]: actor k's group in that pair (top byte) and its row or column in
  // that group's block; absent when k does not take part on both issues.
  std::vector<std::uint32_t> place_;
  // Per candidate: the smallest float at or above its gain (-inf once invalid or realised), to
  // find the best; its exact gain comes from an evaluation.
  std::vector<float> bound_;
  std::vector<double> earlier_;  // per candidate, sides i and j: Side::earlier_moves
  // Under REX the moves come from random draws, so an evaluation cannot be repeated: each
  // candidate is kept whole, as last evaluated (about 200 bytes a candidate).
  std::vector<Candidate> full_;
  // The best gain of each chunk of 64 candidates, and of each run of 64 chunks; chunks whose
  // best may have dropped are recomputed before the next pick.
  std::vector<float> chunk_max_, super_max_;
  std::vector<std::uint32_t> dirty_;
  std::vector<unsigned char> chunk_dirty_, super_dirty_;
  // A candidate whose gain is within the tie tolerance of the best, with its tie-break key.
  struct Tied {
    std::uint64_t key;  // smaller first
    std::size_t index;
  };
  std::vector<Tied> tied_;
  std::vector<std::pair<double, std::size_t>>
      near_;  // pick(): exact gains of the candidates near the best
  // execute(): the evaluations on the votes a realised exchange moves, before it moves them.
  std::vector<std::pair<std::size_t, Candidate>> before_;
  // Sorts tied_ by the tie-break key and returns the index of the one to realise: the first, or
  // under tie_break=random one drawn from the seeded stream.
  std::size_t choose_among_ties();
};

}  // namespace parley::exchange
