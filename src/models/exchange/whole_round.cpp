// The round loop for rounds of few candidates, each kept whole: candidates from the outcome at
// the start of the round, then the best exchange, again and again, each execution re-evaluating
// the candidates it touches.
#include <algorithm>
#include <cmath>

#include "models/exchange/round.hpp"
#include "models/exchange/round_state.hpp"

namespace parley::exchange {
namespace {

// Gains this close to the best count as equal to it.
double tie_tolerance(double best) { return 1e-12 * std::max(1.0, std::abs(best)); }

// The documented tie-break key: the pair of actor ids (the alphabetically smaller first), then
// the pair of issue ids likewise; the smallest key goes first. Internal actors are in id order.
// 16 bits a part: the model is far too slow for 65536 actors or issues anyway.
std::uint64_t key(const Table& t, const Candidate& c) {
  const std::uint64_t a = std::min(c.i.actor, c.j.actor), b = std::max(c.i.actor, c.j.actor);
  const std::uint64_t x = t.issue_rank[c.i.supply], y = t.issue_rank[c.j.supply];
  return a << 48 | b << 32 | std::min(x, y) << 16 | std::max(x, y);
}

}  // namespace

void WholeRound::build_candidates() {
  std::vector<std::uint32_t> group[4];
  for (auto& g : group) g.reserve(t_.actors);
  candidates_.reserve(std::min<std::size_t>(t_.issues * t_.issues * t_.actors * t_.actors / 16 + 16,
                                            std::size_t{1} << 16));
  for (std::uint32_t p = 0; p < t_.issues; ++p) {
    for (std::uint32_t q = p + 1; q < t_.issues; ++q) {
      fill_groups(p, q, group);
      // Opposite sides of both outcomes: groups 0 and 3, 1 and 2.
      for (auto [g, h] : {std::pair{0, 3}, std::pair{1, 2}}) {
        for (std::uint32_t a : group[g]) {
          for (std::uint32_t b : group[h]) {
            // The actor that cares relatively more for p demands p and supplies q.
            const double a_p = t_.s[t_.cell(a, p)], a_q = t_.s[t_.cell(a, q)];
            const double b_p = t_.s[t_.cell(b, p)], b_q = t_.s[t_.cell(b, q)];
            const bool a_demands_p = !(a_p * b_q < b_p * a_q);
            Candidate& c = candidates_.emplace_back();
            c.i.actor = a_demands_p ? a : b;
            c.i.supply = q;
            c.i.demand = p;
            c.j.actor = a_demands_p ? b : a;
            c.j.supply = p;
            c.j.demand = q;
            set_constants(c);
            evaluate(c);
            ++generated_;
            if (!c.valid) candidates_.pop_back();
          }
        }
      }
    }
  }
  // Index the candidates by the cells of their sides' supply and demand (counting sort).
  const std::size_t cells = x0_.size();
  supply_start_.assign(cells + 1, 0);
  demand_start_.assign(cells + 1, 0);
  for (const Candidate& c : candidates_) {
    for (const Side* side : {&c.i, &c.j}) {
      ++supply_start_[t_.cell(side->actor, side->supply) + 1];
      ++demand_start_[t_.cell(side->actor, side->demand) + 1];
    }
  }
  for (std::size_t c = 0; c < cells; ++c) {
    supply_start_[c + 1] += supply_start_[c];
    demand_start_[c + 1] += demand_start_[c];
  }
  by_supply_.resize(supply_start_[cells]);
  by_demand_.resize(demand_start_[cells]);
  std::vector<std::uint32_t> supply_fill(supply_start_.begin(), supply_start_.end() - 1);
  std::vector<std::uint32_t> demand_fill(demand_start_.begin(), demand_start_.end() - 1);
  for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
    for (const Side* side : {&candidates_[k].i, &candidates_[k].j}) {
      by_supply_[supply_fill[t_.cell(side->actor, side->supply)]++] = k;
      by_demand_[demand_fill[t_.cell(side->actor, side->demand)]++] = k;
    }
  }
  version_.assign(candidates_.size(), 0);
  stamp_.assign(candidates_.size(), 0);
  live_.resize(candidates_.size());
  live_gain_.resize(candidates_.size());
  live_at_.resize(candidates_.size());
  for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
    live_[k] = live_at_[k] = k;
    live_gain_[k] = candidates_[k].gain;
  }
  use_heap_ = candidates_.size() > o_.scan_limit;
  if (!use_heap_) return;
  heap_.reserve(2 * candidates_.size());
  for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
    heap_.push_back({candidates_[k].gain, key(t_, candidates_[k]), k, 0});
  }
  std::make_heap(heap_.begin(), heap_.end(),
                 [this](const Queued& a, const Queued& b) { return ranks_below(a, b); });
}

// The heap order: higher gain first, then the smaller tie-break key.
bool WholeRound::ranks_below(const Queued& a, const Queued& b) const {
  if (a.gain != b.gain) return a.gain < b.gain;
  return a.key > b.key;
}

bool WholeRound::current(const Queued& q) const {
  return candidates_[q.index].valid && version_[q.index] == q.version;
}

void WholeRound::queue(std::uint32_t index) {
  auto below = [this](const Queued& a, const Queued& b) { return ranks_below(a, b); };
  // Stale entries pile up; rebuild from the live candidates when they outnumber them.
  if (heap_.size() > 4 * live_.size() + 1024) {
    std::erase_if(heap_, [&](const Queued& q) { return !current(q); });
    std::make_heap(heap_.begin(), heap_.end(), below);
  }
  heap_.push_back({candidates_[index].gain, key(t_, candidates_[index]), index, version_[index]});
  std::push_heap(heap_.begin(), heap_.end(), below);
}

std::size_t WholeRound::choose_among_ties() {
  if (tied_.size() < 2) return 0;
  std::sort(tied_.begin(), tied_.end(),
            [](const Queued& a, const Queued& b) { return a.key < b.key; });
  if (o_.tie_break != TieBreak::random || !ties_) return 0;
  const auto n = static_cast<double>(tied_.size());
  return std::min(static_cast<std::size_t>(ties_->uniform() * n), tied_.size() - 1);
}

std::uint32_t WholeRound::pick() {
  if (!use_heap_) {
    // One pass for the best and the runner-up; a second only when they may tie.
    double best = -1.0, second = -1.0;
    std::uint32_t at = no_index;
    for (std::uint32_t n = 0; n < live_gain_.size(); ++n) {
      const double g = live_gain_[n];
      if (g > best) {
        second = best;
        best = g;
        at = n;
      } else if (g > second) {
        second = g;
      }
    }
    if (at == no_index) return no_index;
    const double floor = best - tie_tolerance(best);
    if (second < floor) return live_[at];
    tied_.clear();
    for (std::uint32_t n = 0; n < live_gain_.size(); ++n) {
      const std::uint32_t k = live_[n];
      if (live_gain_[n] >= floor) tied_.push_back({live_gain_[n], key(t_, candidates_[k]), k, 0});
    }
    return tied_[choose_among_ties()].index;
  }
  auto below = [this](const Queued& a, const Queued& b) { return ranks_below(a, b); };
  auto pop = [&] {
    std::pop_heap(heap_.begin(), heap_.end(), below);
    const Queued q = heap_.back();
    heap_.pop_back();
    return q;
  };
  while (!heap_.empty() && !current(heap_.front())) pop();
  if (heap_.empty()) return no_index;
  const Queued best = pop();
  // Gather the ties: exact ones come out of the heap in key order, near ones (rounding) too.
  tied_.assign(1, best);
  const double floor = best.gain - tie_tolerance(best.gain);
  while (!heap_.empty() && heap_.front().gain >= floor) {
    const Queued q = pop();
    if (current(q)) tied_.push_back(q);
  }
  const std::size_t chosen = choose_among_ties();
  for (std::size_t k = 0; k < tied_.size(); ++k) {  // the others go back for later picks
    if (k == chosen) continue;
    heap_.push_back(tied_[k]);
    std::push_heap(heap_.begin(), heap_.end(), below);
  }
  return tied_[chosen].index;
}

void WholeRound::drop_live(std::uint32_t index) {
  const std::uint32_t at = live_at_[index], last = live_.back();
  live_[at] = last;
  live_gain_[at] = live_gain_.back();
  live_at_[last] = at;
  live_.pop_back();
  live_gain_.pop_back();
}

void WholeRound::reevaluate(std::uint32_t index, const Candidate& done) {
  Candidate& c = candidates_[index];
  if (!c.valid || stamp_[index] == clock_) return;
  stamp_[index] = clock_;
  for (Side* side : {&c.i, &c.j}) {
    const bool moved = (side->actor == done.i.actor && side->supply == done.i.supply) ||
                       (side->actor == done.j.actor && side->supply == done.j.supply);
    if (moved) side->earlier_moves += side->move;
  }
  const double before = c.gain;
  evaluate(c);
  if (!c.valid) {
    drop_live(index);
  } else {
    live_gain_[live_at_[index]] = c.gain;
  }
  if (c.valid && use_heap_ && c.gain != before) {  // an unchanged gain keeps its place
    ++version_[index];
    queue(index);
  }
}

void WholeRound::execute(std::uint32_t index) {
  const Candidate done = candidates_[index];
  candidates_[index].valid = false;  // realised: out of the running
  drop_live(index);
  realise(done);
  // Re-evaluate every candidate that shares a side's actor and supply issue (its vote moved) or
  // actor and demand issue (the votes its overshoot check counts changed).
  ++clock_;
  const std::size_t touched[4][2] = {{t_.cell(done.i.actor, done.i.supply), 0},
                                     {t_.cell(done.j.actor, done.j.supply), 0},
                                     {t_.cell(done.i.actor, done.i.demand), 1},
                                     {t_.cell(done.j.actor, done.j.demand), 1}};
  for (const auto& [cell, demand] : touched) {
    const auto& list = demand ? by_demand_ : by_supply_;
    const auto& start = demand ? demand_start_ : supply_start_;
    for (std::uint32_t k = start[cell]; k < start[cell + 1]; ++k) reevaluate(list[k], done);
  }
}

RoundResult WholeRound::run() {
  build_candidates();
  std::vector<Candidate> realised;
  for (std::uint32_t next = pick(); next != no_index; next = pick()) {
    realised.push_back(candidates_[next]);
    execute(next);
  }
  return finish(std::move(realised));
}

}  // namespace parley::exchange
