// What the two round loops share: the round's state, its candidates' groups and its result.
#include "models/exchange/round.hpp"

#include <algorithm>

#include "models/exchange/round_state.hpp"

namespace parley::exchange {

RoundCore::RoundCore(const Table& table, std::span<const double> preferences,
                     const Options& options, RandomStream* ties, RandomStream* rex)
    : t_(table),
      o_(options),
      ties_(ties),
      rex_(rex),
      x0_(preferences.begin(), preferences.end()),
      vote_(x0_),
      direction_(x0_.size(), 0),
      first_update_(x0_.size(), no_index),
      base_outcome_(x0_.size(), 0.0) {
  for (std::size_t d = 0; d < t_.issues; ++d) {
    outcome0_.push_back(outcome(t_, x0_, d));
    for (std::size_t k = 0; k < t_.actors; ++k) base_outcome_[t_.cell(k, d)] = outcome0_[d];
  }
}

void RoundCore::fill_groups(std::uint32_t p, std::uint32_t q,
                            std::vector<std::uint32_t> (&group)[4]) const {
  // Present on both issues with positive capability and salience.
  for (auto& g : group) g.clear();
  for (std::uint32_t k = 0; k < t_.actors; ++k) {
    const std::size_t kp = t_.cell(k, p), kq = t_.cell(k, q);
    if (!(t_.w[kp] > 0.0) || !(t_.w[kq] > 0.0)) continue;
    const int left_p = x0_[kp] <= outcome0_[p], left_q = x0_[kq] <= outcome0_[q];
    group[left_p | left_q << 1].push_back(k);
  }
}

std::size_t RoundCore::count_candidates() const {
  std::vector<std::uint32_t> group[4];
  std::size_t count = 0;
  for (std::uint32_t p = 0; p < t_.issues; ++p) {
    for (std::uint32_t q = p + 1; q < t_.issues; ++q) {
      fill_groups(p, q, group);
      count += group[0].size() * group[3].size() + group[1].size() * group[2].size();
    }
  }
  return count;
}

// decide's bookkeeping of the votes an exchange's demander has seen moved on its issue: a first
// vote is kept as it is; later ones keep the one nearer the supplier's round-start position.
void RoundCore::record_update(std::uint32_t demander, std::uint32_t issue, const Side& supplier) {
  const std::size_t key = t_.cell(demander, issue);
  const std::size_t own = t_.cell(supplier.actor, issue);
  for (std::uint32_t u = first_update_[key]; u != no_index; u = updates_[u].next) {
    if (updates_[u].supplier != supplier.actor) continue;
    const double old = updates_[u].position;
    const double kept = x0_[own] <= old ? std::min(old, supplier.to) : std::max(old, supplier.to);
    base_outcome_[key] += t_.rate[own] * (kept - old);
    updates_[u].position = kept;
    return;
  }
  updates_.push_back({supplier.actor, first_update_[key], supplier.to});
  first_update_[key] = static_cast<std::uint32_t>(updates_.size() - 1);
  base_outcome_[key] += t_.rate[own] * (supplier.to - x0_[own]);
}

void RoundCore::realise(const Candidate& done) {
  for (const Side* side : {&done.i, &done.j}) {
    const std::size_t c = t_.cell(side->actor, side->supply);
    vote_[c] = side->to;
    direction_[c] = side->move > 0 ? 1 : -1;
  }
  record_update(done.j.actor, done.j.demand, done.i);
  record_update(done.i.actor, done.i.demand, done.j);
}

RoundResult RoundCore::finish(std::vector<Candidate> realised) {
  RoundResult result;
  result.candidates = generated_;
  result.realised = std::move(realised);
  result.outcome_before = outcome0_;
  result.preferences = x0_;
  for (std::size_t d = 0; d < t_.issues; ++d) {
    result.outcome_after.push_back(outcome(t_, vote_, d));
  }
  // Each actor that exchanged on an issue takes part of its concession into its preference.
  for (std::size_t c = 0; c < vote_.size(); ++c) {
    if (direction_[c] == 0) continue;
    const double share = o_.fixed_weight + o_.salience_weight * (1.0 - t_.s[c]);
    result.preferences[c] = x0_[c] + share * (vote_[c] - x0_[c]);
  }
  result.votes = std::move(vote_);
  return result;
}

RoundResult run_round(const Table& table, std::span<const double> preferences,
                      const Options& options, RandomStream* ties, RandomStream* rex) {
  // Both loops realise the same exchanges; whole candidates are faster, compact ones keep a
  // round of millions of candidates in memory.
  const RoundCore probe(table, preferences, options, ties, rex);
  if (probe.count_candidates() <= options.whole_limit) {
    return WholeRound(table, preferences, options, ties, rex).run();
  }
  return CompactRound(table, preferences, options, ties, rex).run();
}

}  // namespace parley::exchange
