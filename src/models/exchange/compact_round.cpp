// The round loop for rounds of many candidates, each a number (round_state.hpp, CompactRound):
// candidates from the outcome at the start of the round, then the best exchange, again and
// again, each execution re-evaluating the candidates it touches.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/exchange/round.hpp"
#include "models/exchange/round_state.hpp"

namespace parley::exchange {
namespace {

// Gains this close to the best count as equal to it.
double tie_tolerance(double best) { return 1e-12 * std::max(1.0, std::abs(best)); }

constexpr float dead = -std::numeric_limits<float>::infinity();  // invalid or realised
constexpr std::size_t chunk = 64;  // candidates a chunk, chunks a run, for the best gain
constexpr std::uint32_t absent = 0xFFFFFFFFu;

// The smallest float at or above a gain (gains lie in [0, 100]).
float bound_of(double gain) {
  float bound = static_cast<float>(std::min(gain, 1e30));
  if (static_cast<double>(bound) < gain) {
    bound = std::nextafter(bound, std::numeric_limits<float>::infinity());
  }
  return bound;
}

// The largest of block k of `chunk` values in values[0, size): a chunk's bounds, or a super
// block's chunk maxima.
float block_max(const std::vector<float>& values, std::size_t k, std::size_t size) {
  const auto first = static_cast<std::ptrdiff_t>(k * chunk);
  const auto last = static_cast<std::ptrdiff_t>(std::min(size, (k + 1) * chunk));
  return *std::max_element(values.begin() + first, values.begin() + last);
}

}  // namespace

std::size_t CompactRound::pair_index(std::uint32_t p, std::uint32_t q) const {
  const std::size_t m = t_.issues;
  return p * m - std::size_t{p} * (p + 1) / 2 + (q - p - 1);
}

void CompactRound::build_groups() {
  const std::size_t pairs = t_.issues * (t_.issues - (t_.issues > 0)) / 2;
  place_.assign(pairs * t_.actors, absent);
  std::vector<std::uint32_t> group[4];
  for (auto& g : group) g.reserve(t_.actors);
  for (std::uint32_t p = 0; p < t_.issues; ++p) {
    for (std::uint32_t q = p + 1; q < t_.issues; ++q) {
      fill_groups(p, q, group);
      const std::size_t pair = pair_index(p, q);
      // Opposite sides of both outcomes: groups 0 and 3, 1 and 2.
      for (auto [g, h] : {std::pair{0u, 3u}, std::pair{1u, 2u}}) {
        Block& block = blocks_.emplace_back();
        block.first = generated_;
        block.p = p;
        block.q = q;
        block.rows = members_.size();
        block.row_count = group[g].size();
        block.cols = block.rows + block.row_count;
        block.col_count = group[h].size();
        for (unsigned side : {g, h}) {
          for (std::size_t at = 0; at < group[side].size(); ++at) {
            place_[pair * t_.actors + group[side][at]] =
                side << 24 | static_cast<std::uint32_t>(at);
          }
          members_.insert(members_.end(), group[side].begin(), group[side].end());
        }
        generated_ += block.row_count * block.col_count;
      }
    }
  }
}

CompactRound::Pairing CompactRound::pairing(const Block& block, std::uint32_t a,
                                            std::uint32_t b) const {
  const std::uint32_t p = block.p, q = block.q;
  // The actor that cares relatively more for p demands p and supplies q.
  const double a_p = t_.s[t_.cell(a, p)], a_q = t_.s[t_.cell(a, q)];
  const double b_p = t_.s[t_.cell(b, p)], b_q = t_.s[t_.cell(b, q)];
  const bool a_demands_p = !(a_p * b_q < b_p * a_q);
  return a_demands_p ? Pairing{a, b, p, q} : Pairing{b, a, p, q};
}

Candidate CompactRound::unevaluated(std::size_t index, const Pairing& pair) const {
  Candidate c;
  c.i.actor = pair.i;
  c.i.supply = pair.q;
  c.i.demand = pair.p;
  c.j.actor = pair.j;
  c.j.supply = pair.p;
  c.j.demand = pair.q;
  set_constants(c);
  if (!earlier_.empty()) {
    c.i.earlier_moves = earlier_[2 * index];
    c.j.earlier_moves = earlier_[2 * index + 1];
  }
  return c;
}

void CompactRound::evaluate_all() {
  bound_.assign(generated_, dead);
  // Under REX an evaluation draws from the stream, so each candidate is kept as evaluated.
  const bool randomised = o_.solution == Solution::random && o_.p > 0.0 && rex_;
  if (randomised) {
    full_.reserve(generated_);
  } else {
    earlier_.assign(2 * generated_, 0.0);
  }
  for (const Block& block : blocks_) {
    for (std::size_t r = 0; r < block.row_count; ++r) {
      for (std::size_t col = 0; col < block.col_count; ++col) {
        const std::size_t index = block.first + r * block.col_count + col;
        Candidate c = unevaluated(
            index, pairing(block, members_[block.rows + r], members_[block.cols + col]));
        evaluate(c);
        if (c.valid) bound_[index] = bound_of(c.gain);
        if (randomised) full_.push_back(c);
      }
    }
  }
  const std::size_t chunks = (generated_ + chunk - 1) / chunk;
  chunk_max_.assign(chunks, dead);
  super_max_.assign((chunks + chunk - 1) / chunk, dead);
  chunk_dirty_.assign(chunks, 0);
  super_dirty_.assign(super_max_.size(), 0);
  for (std::size_t k = 0; k < generated_; ++k) {
    chunk_max_[k / chunk] = std::max(chunk_max_[k / chunk], bound_[k]);
  }
  for (std::size_t c = 0; c < chunks; ++c) {
    super_max_[c / chunk] = std::max(super_max_[c / chunk], chunk_max_[c]);
  }
}

CompactRound::Located CompactRound::locate(std::size_t index) const {
  // The last block starting at or before `index` (empty blocks share the next one's start).
  const auto after = std::upper_bound(blocks_.begin(), blocks_.end(), index,
                                      [](std::size_t k, const Block& b) { return k < b.first; });
  const Block& block = *(after - 1);
  const std::size_t offset = index - block.first;
  return {&block, members_[block.rows + offset / block.col_count],
          members_[block.cols + offset % block.col_count]};
}

// The documented tie-break key: the pair of actor ids (the alphabetically smaller first), then
// the pair of issue ids likewise; the smallest key goes first. Internal actors are in id order.
// 16 bits a part: the model is far too slow for 65536 actors or issues anyway.
std::uint64_t CompactRound::key_of(std::size_t index) const {
  const Located at = locate(index);
  const std::uint64_t a = std::min(at.a, at.b), b = std::max(at.a, at.b);
  const std::uint64_t x = t_.issue_rank[at.block->p], y = t_.issue_rank[at.block->q];
  return a << 48 | b << 32 | std::min(x, y) << 16 | std::max(x, y);
}

Candidate CompactRound::current(std::size_t index) {
  if (rex()) return full_[index];
  const Located at = locate(index);
  Candidate c = unevaluated(index, pairing(*at.block, at.a, at.b));
  evaluate(c);  // Equal Gain: the same state gives the same evaluation
  return c;
}

bool CompactRound::Touched::holds(const Pairing& c) const {
  if (supply) return (c.i == actor && c.q == issue) || (c.j == actor && c.p == issue);
  return (c.i == actor && c.p == issue) || (c.j == actor && c.q == issue);
}

template <class F>
void CompactRound::for_each_in(const Touched& list, const F& f) const {
  // The pairs of issues holding list.issue, ascending; in each, the actor's row or column.
  for (std::uint32_t other = 0; other < t_.issues; ++other) {
    if (other == list.issue) continue;
    const std::size_t pair = pair_index(std::min(other, list.issue), std::max(other, list.issue));
    const std::uint32_t place = place_[pair * t_.actors + list.actor];
    if (place == absent) continue;
    const std::uint32_t group = place >> 24;
    const std::size_t at = place & 0xFFFFFFu;
    const Block& block = blocks_[2 * pair + (group == 1 || group == 2)];
    const bool row = group < 2;
    const std::size_t count = row ? block.col_count : block.row_count;
    for (std::size_t n = 0; n < count; ++n) {
      const std::uint32_t a = row ? list.actor : members_[block.rows + n];
      const std::uint32_t b = row ? members_[block.cols + n] : list.actor;
      const Pairing c = pairing(block, a, b);
      if (list.holds(c)) f(block.first + (row ? at * count + n : n * block.col_count + at), c);
    }
  }
}

void CompactRound::set_gain(std::size_t index, double exact) {
  const float old = bound_[index];
  const float gain = exact == -std::numeric_limits<double>::infinity() ? dead : bound_of(exact);
  bound_[index] = gain;
  const std::size_t c = index / chunk;
  if (gain > chunk_max_[c]) {
    chunk_max_[c] = gain;
    super_max_[c / chunk] = std::max(super_max_[c / chunk], gain);
  } else if (gain < old && old == chunk_max_[c] && !chunk_dirty_[c]) {
    chunk_dirty_[c] = 1;  // its best may have dropped
    dirty_.push_back(static_cast<std::uint32_t>(c));
  }
}

void CompactRound::refresh_maxima() {
  std::vector<std::uint32_t> supers;
  for (std::uint32_t c : dirty_) {
    chunk_max_[c] = block_max(bound_, c, generated_);
    chunk_dirty_[c] = 0;
    if (!super_dirty_[c / chunk]) {
      super_dirty_[c / chunk] = 1;
      supers.push_back(c / chunk);
    }
  }
  dirty_.clear();
  for (std::uint32_t s : supers) {
    super_max_[s] = block_max(chunk_max_, s, chunk_max_.size());
    super_dirty_[s] = 0;
  }
}

std::size_t CompactRound::choose_among_ties() {
  if (tied_.size() < 2) return 0;
  std::sort(tied_.begin(), tied_.end(), [](const Tied& a, const Tied& b) { return a.key < b.key; });
  if (o_.tie_break != TieBreak::random || !ties_) return 0;
  const auto n = static_cast<double>(tied_.size());
  return std::min(static_cast<std::size_t>(ties_->uniform() * n), tied_.size() - 1);
}

std::size_t CompactRound::pick() {
  refresh_maxima();
  float top = dead;
  for (float b : super_max_) top = std::max(top, b);
  if (top == dead) return no_candidate;
  // A bound exceeds its gain by less than 2^-23 of it, so the best gain is at least
  // top (1 - 2^-23), and every candidate that ties with it has a bound of at least `reach`.
  // Those few are evaluated for their exact gains.
  const double reach = top * (1.0 - 0x1p-21) - tie_tolerance(top);
  near_.clear();
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t s = 0; s < super_max_.size(); ++s) {
    if (super_max_[s] < reach) continue;
    const std::size_t last_chunk = std::min(chunk_max_.size(), (s + 1) * chunk);
    for (std::size_t c = s * chunk; c < last_chunk; ++c) {
      if (chunk_max_[c] < reach) continue;
      const std::size_t end = std::min(generated_, (c + 1) * chunk);
      for (std::size_t k = c * chunk; k < end; ++k) {
        if (bound_[k] < reach) continue;
        const double gain = current(k).gain;
        near_.push_back({gain, k});
        best = std::max(best, gain);
      }
    }
  }
  const double floor = best - tie_tolerance(best);
  tied_.clear();
  for (const auto& [gain, k] : near_) {
    if (gain >= floor) tied_.push_back({0, k});
  }
  if (tied_.size() > 1) {
    for (Tied& t : tied_) t.key = key_of(t.index);
  }
  return tied_[choose_among_ties()].index;
}

void CompactRound::store(std::size_t index, Candidate& c) {
  set_gain(index, c.valid ? c.gain : -std::numeric_limits<double>::infinity());
  if (rex()) {
    full_[index] = c;
  } else {
    earlier_[2 * index] = c.i.earlier_moves;
    earlier_[2 * index + 1] = c.j.earlier_moves;
  }
}

Candidate CompactRound::execute(std::size_t index) {
  const Candidate done = current(index);
  set_gain(index, -std::numeric_limits<double>::infinity());  // realised: out of the running
  if (rex()) full_[index].valid = false;
  // Re-evaluate every candidate that shares a side's actor and supply issue (its vote moved) or
  // actor and demand issue (the votes its overshoot check counts changed), each once, in the
  // order of these lists and ascending within each (REX draws in that order).
  const Touched lists[4] = {{done.i.actor, done.i.supply, true},
                            {done.j.actor, done.j.supply, true},
                            {done.i.actor, done.i.demand, false},
                            {done.j.actor, done.j.demand, false}};
  auto visit = [&](std::size_t list, auto&& f) {
    for_each_in(lists[list], [&](std::size_t k, const Pairing& c) {
      for (std::size_t earlier = 0; earlier < list; ++earlier) {
        if (lists[earlier].holds(c)) return;
      }
      if (bound_[k] != dead) f(k, c);
    });
  };
  // A candidate on a moved vote adds its own move, as evaluated before this exchange, to its
  // earlier moves.
  auto reevaluate = [&](std::size_t k, Candidate c) {
    for (Side* side : {&c.i, &c.j}) {
      const bool moved = (side->actor == done.i.actor && side->supply == done.i.supply) ||
                         (side->actor == done.j.actor && side->supply == done.j.supply);
      if (moved) side->earlier_moves += side->move;
    }
    evaluate(c);
    store(k, c);
  };
  if (rex()) {
    realise(done);
    for (std::size_t list = 0; list < 4; ++list) {
      visit(list, [&](std::size_t k, const Pairing&) { reevaluate(k, full_[k]); });
    }
    return done;
  }
  // Under Equal Gain the order does not matter (no draws), and the evaluations on the moved votes
  // are repeated here, before the votes change.
  before_.clear();
  for (std::size_t list : {0, 1}) {
    visit(list, [&](std::size_t k, const Pairing& c) {
      before_.emplace_back(k, unevaluated(k, c));
      evaluate(before_.back().second);
    });
  }
  realise(done);
  for (const auto& [k, c] : before_) reevaluate(k, c);
  for (std::size_t list : {2, 3}) {
    visit(list, [&](std::size_t k, const Pairing& c) { reevaluate(k, unevaluated(k, c)); });
  }
  return done;
}

RoundResult CompactRound::run() {
  build_groups();
  evaluate_all();
  std::vector<Candidate> realised;
  for (std::size_t next = pick(); next != no_candidate; next = pick()) {
    realised.push_back(execute(next));
  }
  return finish(std::move(realised));
}

}  // namespace parley::exchange
