// One round of the exchange model: candidate exchanges between pairs of actors on pairs of
// issues, realised one after another, highest gain first, until none is left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/exchange/options.hpp"
#include "models/exchange/table.hpp"
#include "parley/models.hpp"

namespace parley::exchange {

// One actor's part in an exchange: it moves its vote on `supply` and gains on `demand`.
struct Side {
  std::uint32_t actor = 0;   // internal index (Table order)
  std::uint32_t supply = 0;  // issue index
  std::uint32_t demand = 0;
  double from = 0.0;  // vote on `supply` before the exchange, 0-100
  double move = 0.0;  // signed
  double to = 0.0;
  double gain = 0.0;
  // decide's running sum of this candidate's own earlier moves on `supply`, one added each time
  // an exchange realised on the same actor and issue made it start again from a new vote.
  double earlier_moves = 0.0;
};

// i demands the first issue of the pair (p) and supplies the second (q); j the reverse.
struct Candidate {
  Side i, j;
  double gain = 0.0;  // the Equal Gain value; candidates are ranked by it
  bool valid = false;
  // Constant within the round, set on the first evaluation: the cells (actor, issue) and rates.
  std::uint32_t ip = 0, iq = 0, jp = 0, jq = 0;
  double rate_p = 0.0;  // outcome shift on p per unit of j's move: w_jp / W_p
  double rate_q = 0.0;  // outcome shift on q per unit of i's move: w_iq / W_q
  double ratio = 0.0;   // equal gain: shift on q = shift on p x (s_ip + s_jp) / (s_iq + s_jq)
  double inv_rate_p = 0.0, inv_rate_q = 0.0, inv_ratio = 0.0;  // their inverses
};

struct RoundResult {
  std::size_t candidates = 0;
  std::vector<Candidate> realised;  // in the order of execution
  std::vector<double> votes;        // cells: votes after the round (preferences if unmoved)
  std::vector<double> preferences;  // cells: preferences for the next round
  std::vector<double> outcome_before, outcome_after;  // per issue, 0-100
};

// Draws come only from the streams passed in (null: that use is off).
RoundResult run_round(const Table& table, std::span<const double> preferences,
                      const Options& options, RandomStream* ties, RandomStream* rex);

}  // namespace parley::exchange
