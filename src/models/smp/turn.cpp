#include "models/smp/turn.hpp"

#include <algorithm>
#include <cmath>

#include "models/parallel.hpp"
#include "models/smp/challenge.hpp"

namespace parley::smp {
namespace {

constexpr double min_gain = 1e-5;            // a challenge worth less is not made
constexpr double min_bargain_weight = 1e-6;  // keeps 0/0 out when neither side cares
constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Whether `value` beats the best so far, `best`, in a "first on ties" choice. Two actors with the
// same capability, saliences and position (France and Italy in the EC emissions case) offer
// exactly equal gains and bargains, but the sums behind them run in actor order and come out an
// ulp or so apart, which made the rounding, and so the order of the actors, pick between them.
// A value must therefore exceed the best by more than a relative 1e-12: above the rounding of
// such a sum (about 1e-16 per term) even over thousands of actors. On KTAB's five reference
// inputs this changes no choice (test_smp.cpp); docs/models/smp.md, "One turn".
bool beats(double value, double best) { return value > best + 1e-12 * std::abs(best); }

// KTAB rounds bargain coordinates to 4 decimals on [0, 1] (0.01 on a 0-100 scale), by adding
// 0.5 and truncating; kept exactly so (x >= 0 here), since the rounded values are what lets
// actors land on the same spot and what KTAB's results are made of.
double round4(double x) {
  // NOLINTNEXTLINE(bugprone-incorrect-roundings)
  return static_cast<double>(static_cast<int>(0.5 + x * 10000.0)) / 10000.0;
}

// Rounding can step outside the segment between the two positions when they are not on the
// 1e-4 grid; keep the bargain between them (a no-op for KTAB's inputs, which are on the grid).
double between(double x, double a, double b) {
  const double lo = std::min(a, b), hi = std::max(a, b), slack = 1e-12;
  return x < lo - slack ? lo : x > hi + slack ? hi : x;
}

}  // namespace

void Turn::run(const Actors& actors, const State& state, const Options& options, Election& election,
               RandomStream* draws, std::span<double> next, TurnRecord& record) {
  const std::size_t n = actors.count, dims = actors.dims;
  propose(actors, state, options);
  value_bargains(actors, state, options);
  record.bargains.assign(bargains_.begin() + static_cast<std::ptrdiff_t>(n), bargains_.end());
  record.coords = coords_;
  record.chosen.assign(n, npos);
  for (std::size_t k = 0; k < n; ++k) {
    const Bargain& b = bargains_[resolve(actors, options, election, draws, k)];
    const double* to = b.init == b.rcvr ? state.position(k)
                       : b.init == k    ? coords_.data() + b.init_at
                                        : coords_.data() + b.rcvr_at;
    std::copy(to, to + dims, next.begin() + static_cast<std::ptrdiff_t>(k * dims));
    if (b.init != b.rcvr) record.chosen[k] = static_cast<std::size_t>(&b - bargains_.data()) - n;
  }
}

// i's most advantageous target: the first j with the largest expected gain above min_gain.
Turn::Choice Turn::choose_target(const Actors& actors, const State& state, const Options& options,
                                 ChallengeView& view, std::size_t i) {
  view.build(state, options.risk_adjust, i, i);
  Choice choice;
  double best = -1.0;
  for (std::size_t j = 0; j < actors.count; ++j) {
    if (j == i) continue;
    const ChallengeEstimate e = estimate_challenge(actors, state, view, j, options);
    if (min_gain < e.gain && beats(e.gain, best)) choice = {j, e.win}, best = e.gain;
  }
  return choice;
}

// Every actor evaluates challenging every other (independently, so in parallel for larger
// runs), then, in actor order, bargains with its best target.
void Turn::propose(const Actors& actors, const State& state, const Options& options) {
  const std::size_t n = actors.count;
  bargains_.clear();
  coords_.clear();
  for (std::size_t k = 0; k < n; ++k) bargains_.push_back({k, k, 0, 0});
  queue_.resize(n);
  for (auto& q : queue_) q.clear();
  choice_.resize(n);
  const bool parallel = n >= detail::min_parallel_actors;
  detail::for_blocks(n, parallel, [&](std::size_t begin, std::size_t end) {
    ChallengeView& view = views_.local(parallel);
    for (std::size_t i = begin; i != end; ++i) {
      choice_[i] = choose_target(actors, state, options, view, i);
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    queue_[i].push_back(i);
    if (choice_[i].target != npos) {
      add_bargain(actors, state, options, i, choice_[i].target, choice_[i].win);
    }
  }
}

void Turn::add_bargain(const Actors& actors, const State& state, const Options& options,
                       std::size_t i, std::size_t j, double p_i) {
  const std::size_t by_i = interpolate(actors, state, options, i, j, p_i);
  if (options.bargaining == Bargaining::init_only) {
    queue_[i].push_back(by_i);
    queue_[j].push_back(by_i);
    return;
  }
  // j's own estimate that i would win, in j's eyes.
  ChallengeView& view = views_.local(false);
  view.build(state, options.risk_adjust, j, i);
  const double p_j = estimate_challenge(actors, state, view, j, options).win;
  const std::size_t by_j = interpolate(actors, state, options, i, j, p_j);
  if (options.bargaining == Bargaining::init_rcvr) {
    queue_[i].push_back(by_i);
    queue_[i].push_back(by_j);
    queue_[j].push_back(by_i);
    queue_[j].push_back(by_j);
    return;
  }
  // pw_comp: the two views averaged with weights capability x total salience; when neither
  // actor has any (capability or salience 0), the two views count equally rather than 0 / 0.
  const bool weightless = actors.influence[i] + actors.influence[j] == 0;
  const double w_i = weightless ? 1.0 : actors.influence[i];
  const double w_j = weightless ? 1.0 : actors.influence[j];
  const std::size_t dims = actors.dims, at = coords_.size();
  coords_.resize(at + 2 * dims);
  const Bargain bi = bargains_[by_i], bj = bargains_[by_j];
  for (std::size_t k = 0; k < dims; ++k) {
    coords_[at + k] = (w_i * coords_[bi.init_at + k] + w_j * coords_[bj.init_at + k]) / (w_i + w_j);
    coords_[at + dims + k] =
        (w_i * coords_[bi.rcvr_at + k] + w_j * coords_[bj.rcvr_at + k]) / (w_i + w_j);
  }
  bargains_.push_back({i, j, at, at + dims});
  queue_[i].push_back(bargains_.size() - 1);
  queue_[j].push_back(bargains_.size() - 1);
}

// The compromise of i and j, dimension by dimension, from i's estimate p_i that it would win.
std::size_t Turn::interpolate(const Actors& actors, const State& state, const Options& options,
                              std::size_t i, std::size_t j, double p_i) {
  const std::size_t dims = actors.dims, at = coords_.size();
  coords_.resize(at + 2 * dims);
  const double p_j = 1 - p_i;
  const double* x_i = state.position(i);
  const double* x_j = state.position(j);
  const double* s_i = actors.salience.data() + i * dims;
  const double* s_j = actors.salience.data() + j * dims;
  for (std::size_t k = 0; k < dims; ++k) {
    double b_i, b_j;  // set by either branch
    if (options.interpolation == Interpolation::s2pmax) {
      // Each side moves toward the other by a share driven by how much likelier the other wins.
      const double d_i = p_j > p_i ? p_j - p_i : 0, d_j = p_i > p_j ? p_i - p_j : 0;
      const double si2 = s_i[k] * s_i[k], sj2 = s_j[k] * s_j[k];
      const double f_i = (d_i * sj2) / ((d_i * sj2) + min_bargain_weight + ((1 - d_i) * si2));
      const double f_j = (d_j * si2) / ((d_j * si2) + min_bargain_weight + ((1 - d_j) * sj2));
      b_i = x_i[k] + f_i * (x_j[k] - x_i[k]);
      b_j = x_j[k] + f_j * (x_i[k] - x_j[k]);
    } else {
      const bool squared = options.interpolation == Interpolation::s2p2;
      const double w_i = squared ? (s_i[k] * s_i[k]) * (p_i * p_i) : s_i[k] * p_i;
      const double w_j = squared ? (s_j[k] * s_j[k]) * (p_j * p_j) : s_j[k] * p_j;
      const double total = w_i + min_bargain_weight + w_j;
      // The tie-breaker weight goes to each side's own coordinate, so with no weight at all
      // both keep their positions.
      b_i = round4(((w_i + min_bargain_weight) * x_i[k] + w_j * x_j[k]) / total);
      b_j = round4((w_i * x_i[k] + (min_bargain_weight + w_j) * x_j[k]) / total);
      b_i = between(b_i, x_i[k], x_j[k]);
      b_j = between(b_j, x_i[k], x_j[k]);
    }
    coords_[at + k] = b_i;
    coords_[at + dims + k] = b_j;
  }
  bargains_.push_back({i, j, at, at + dims});
  return bargains_.size() - 1;
}

// a's value of the state after bargain b: the mean over all actors' positions of a's utility,
// where only the two principals' positions change. Summed in KTAB's order (the two new
// positions first, then the unchanged ones) so that ties break as in KTAB.
void Turn::value_bargains(const Actors& actors, const State& state, const Options& options) {
  const std::size_t n = actors.count, nb = bargains_.size();
  const auto risk = state.risk();
  own_.resize(n * n);
  own_total_.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    const double r = perceived_risk(options.risk_adjust, risk[a], risk[a]);
    double total = 0.0;
    for (std::size_t m = 0; m < n; ++m) {
      own_[a * n + m] = utility(state.dist(a, m), r);
      total = total + own_[a * n + m];
    }
    own_total_[a] = total;
  }
  value_.resize(nb * n);
  const double count = static_cast<double>(n);
  for (std::size_t b = 0; b < n; ++b) {
    for (std::size_t a = 0; a < n; ++a) value_[b * n + a] = own_total_[a] / count;
  }
  for (std::size_t b = n; b < nb; ++b) {
    const Bargain& g = bargains_[b];
    for (std::size_t a = 0; a < n; ++a) {
      const double* x_a = state.position(a);
      // The new positions are valued with a's own risk attitude, as KTAB's posUtil does.
      double total = 0.0;
      total = total + utility(distance(actors, a, x_a, coords_.data() + g.init_at), risk[a]);
      total = total + utility(distance(actors, a, x_a, coords_.data() + g.rcvr_at), risk[a]);
      const double* own = own_.data() + a * n;
      for (std::size_t m = 0; m < n; ++m) {
        if (m != g.init && m != g.rcvr) total = total + own[m];
      }
      value_[b * n + a] = total / count;
    }
  }
}

// The bargain k adopts: a PCE over k's queue, every actor voting with its capability.
std::size_t Turn::resolve(const Actors& actors, const Options& options, Election& election,
                          RandomStream* draws, std::size_t k) {
  const std::size_t n = actors.count;
  const auto& queue = queue_[k];
  const std::size_t m = queue.size();
  utility_.resize(m * n);
  probability_.resize(m);
  for (std::size_t o = 0; o < m; ++o) {
    std::copy_n(value_.begin() + static_cast<std::ptrdiff_t>(queue[o] * n), n,
                utility_.begin() + static_cast<std::ptrdiff_t>(o * n));
  }
  election.run(utility_, actors.capability, n, m, options.voting, options.victory, options.pce,
               probability_);
  std::size_t pick = 0;
  if (options.transitions == Transitions::stochastic && draws) {
    const double u = draws->uniform();
    double cumulative = 0.0;
    pick = m - 1;
    for (std::size_t o = 0; o < m; ++o) {
      cumulative += probability_[o];
      if (u < cumulative) {
        pick = o;
        break;
      }
    }
  } else {
    double best = -1.0;  // the first most probable bargain
    for (std::size_t o = 0; o < m; ++o) {
      if (beats(std::fabs(probability_[o]), best)) best = std::fabs(probability_[o]), pick = o;
    }
  }
  return queue[pick];
}

}  // namespace parley::smp
