// The Equal Gain solution of one candidate exchange (Stokman & van Oosten 1994) and its
// randomised variant (REX), on votes normalised to 0-100. docs/models/exchange.md, "Equal Gain".
#include <algorithm>
#include <cmath>

#include "models/exchange/round_state.hpp"

namespace parley::exchange {
namespace {

constexpr double tiny_move = 1e-10;  // smaller moves do not count (decide's threshold)
constexpr double tiny_gain = 1e-10;  // nor smaller gains
constexpr double edge = 1e-9;        // slack of the [0, 100] check, for rounding

constexpr double level = 1e-9;  // outcomes this close to a position count as on it

int side_of(double difference) {
  if (difference > level) return 1;
  if (difference < -level) return -1;
  return 0;
}

double signed_towards(double from, double target, double length) {
  return from > target ? -length : length;
}

}  // namespace

bool RoundCore::move_ok(const Side& side) const {
  const double m = side.move;
  if (!(std::abs(m) > tiny_move) || std::abs(m) > 100.0) return false;
  if (side.to < -edge || side.to > 100.0 + edge) return false;
  // decide's cap on the moves an actor makes on an issue within a round (a plain sum, as there).
  if (side.earlier_moves + m > 100.0 + edge) return false;
  // Within a round an actor moves its vote on an issue in one direction only.
  const signed char before = direction_[t_.cell(side.actor, side.supply)];
  return before == 0 || (m > 0) == (before > 0);
}

// The outcome on the supplier's supply issue with the supplier at `position`, counting the
// votes of earlier exchanges the demander made on that issue and nobody else's.
double RoundCore::adjusted_outcome(const Side& supplier, std::uint32_t demander,
                                   double position) const {
  const std::size_t own = t_.cell(supplier.actor, supplier.supply);
  const std::size_t key = t_.cell(demander, supplier.supply);
  double outcome = base_outcome_[key] + t_.rate[own] * (position - x0_[own]);
  for (std::uint32_t u = first_update_[key]; u != no_index; u = updates_[u].next) {
    if (updates_[u].supplier == supplier.actor) {
      outcome -= t_.rate[own] * (updates_[u].position - x0_[own]);
    }
  }
  return outcome;
}

void RoundCore::set_constants(Candidate& c) const {
  const std::uint32_t p = c.j.supply, q = c.i.supply;
  c.ip = static_cast<std::uint32_t>(t_.cell(c.i.actor, p));
  c.iq = static_cast<std::uint32_t>(t_.cell(c.i.actor, q));
  c.jp = static_cast<std::uint32_t>(t_.cell(c.j.actor, p));
  c.jq = static_cast<std::uint32_t>(t_.cell(c.j.actor, q));
  c.rate_p = t_.rate[c.jp];
  c.rate_q = t_.rate[c.iq];
  c.ratio = (t_.s[c.ip] + t_.s[c.jp]) / (t_.s[c.iq] + t_.s[c.jq]);
  c.inv_rate_p = t_.inv_rate[c.jp];
  c.inv_rate_q = t_.inv_rate[c.iq];
  c.inv_ratio = 1.0 / c.ratio;
}

// The supplier's move must not carry the outcome on its supply issue past the partner's
// position (counting the votes of the partner's earlier exchanges on that issue, as decide
// does). If it would, the move is cut to the vote that puts the outcome exactly there and the
// partner's move follows at the equal-gain rate.
void RoundCore::cap_overshoot(Candidate& c, bool i_supplies) {
  Side& a = i_supplies ? c.i : c.j;
  Side& b = i_supplies ? c.j : c.i;
  const double rate_a = i_supplies ? c.rate_q : c.rate_p;  // a's vote -> outcome on its supply
  const double inv_rate_a = i_supplies ? c.inv_rate_q : c.inv_rate_p;
  const double inv_rate_b = i_supplies ? c.inv_rate_p : c.inv_rate_q;
  const double target = x0_[i_supplies ? c.jq : c.ip];  // what b wants on a's supply issue
  const double n0 = adjusted_outcome(a, b.actor, a.from);
  const double n1 = n0 + rate_a * (a.to - a.from);
  // Which side of b's position the outcome is on before and after; within `level` of it counts
  // as on it, so that rounding cannot decide whether an outcome left exactly there may pass it.
  const int before = side_of(target - n0), after = side_of(target - n1);
  if (before * after > 0 || after == 0) return;
  // The vote of a that makes the adjusted outcome equal b's position (a's own if it is there).
  const double at_target = before == 0 ? a.from : a.from + (target - n0) * inv_rate_a;
  const double length = std::abs(at_target - a.from);
  const double shift_a = length * rate_a;
  const double shift_b = shift_a * (i_supplies ? c.inv_ratio : c.ratio);
  const double length_b = shift_b * inv_rate_b;
  a.move = signed_towards(a.from, target, length);
  a.to = at_target;
  b.move = signed_towards(b.from, x0_[i_supplies ? c.ip : c.jq], length_b);
  b.to = b.from + b.move;
  // b's gain: its demand issue is a's supply issue.
  const double s_b_demand = t_.s[i_supplies ? c.jq : c.ip];
  const double s_b_supply = t_.s[i_supplies ? c.jp : c.iq];
  c.gain = std::abs(shift_a * s_b_demand - shift_b * s_b_supply);
  a.gain = b.gain = c.gain;
}

void RoundCore::evaluate(Candidate& c) {
  Side& i = c.i;
  Side& j = c.j;
  i.from = vote_[c.iq];
  j.from = vote_[c.jp];
  const double wants_i = x0_[c.ip];  // i's position on p, where j moves to
  const double wants_j = x0_[c.jq];
  const double distance_j = std::abs(wants_i - j.from);
  const double distance_i = std::abs(wants_j - i.from);
  // First j moves all the way to i on p; i's move on q follows from equal gain.
  double shift_p = distance_j * c.rate_p;
  double shift_q = shift_p * c.ratio;
  const double most_q = distance_i * c.rate_q;  // the shift on q if i moved all the way
  double length_i = 0.0, length_j = 0.0;
  const bool full_i = shift_q > most_q, full_j = !full_i;
  if (full_i) {  // too far for i: i moves all the way instead
    shift_q = most_q;
    shift_p = shift_q * c.inv_ratio;
    length_i = distance_i;
    length_j = shift_p * c.inv_rate_p;
  } else {
    length_i = shift_q * c.inv_rate_q;
    length_j = distance_j;
  }
  i.move = signed_towards(i.from, wants_j, length_i);
  j.move = signed_towards(j.from, wants_i, length_j);
  i.to = full_i ? wants_j : i.from + i.move;
  j.to = full_j ? wants_i : j.from + j.move;
  c.gain = std::abs(shift_q * t_.s[c.iq] - shift_p * t_.s[c.ip]);
  i.gain = j.gain = c.gain;
  c.valid = move_ok(i) && move_ok(j) && c.gain >= tiny_gain;
  if (!c.valid) return;
  cap_overshoot(c, true);
  cap_overshoot(c, false);
  c.valid = move_ok(i) && move_ok(j);
  if (c.valid && o_.solution == Solution::random && o_.p > 0.0 && rex_) randomise_gain(c);
  if (c.valid) {
    i.to = std::clamp(i.to, 0.0, 100.0);
    j.to = std::clamp(j.to, 0.0, 100.0);
  }
}

// REX (Dijkstra, van Assen, Stokman & Draaijer): a focal actor, drawn with even odds, has its
// Equal Gain utility moved towards the most it could get (the partner left with nothing) or
// towards zero, by a share p * z; the moves are then solved again for that utility, the focal
// actor moving all the way first and, if that asks too much of the partner, the partner.
void RoundCore::randomise_gain(Candidate& c) {
  const double u = rex_->uniform(), v = rex_->uniform(), z = rex_->uniform();
  Side& f = u < 0.5 ? c.i : c.j;
  Side& g = u < 0.5 ? c.j : c.i;
  const std::uint32_t fs = f.supply, fd = f.demand;  // g supplies fd and demands fs
  const std::size_t f_s = t_.cell(f.actor, fs), f_d = t_.cell(f.actor, fd);
  const std::size_t g_s = t_.cell(g.actor, fs), g_d = t_.cell(g.actor, fd);
  const double shift_s = std::abs(f.move) * t_.w[f_s] / t_.weight[fs];
  const double best = shift_s * (t_.s[f_d] * t_.s[g_s] / t_.s[g_d] - t_.s[f_s]);
  const double eu = c.gain;
  const double wanted = v < 0.5 ? eu + o_.p * z * (std::max(best, eu) - eu) : eu - o_.p * z * eu;
  const double reach_f = std::abs(x0_[g_s] - f.from);  // f all the way to g's position
  const double reach_g = std::abs(x0_[f_d] - g.from);
  double new_s = reach_f * t_.w[f_s] / t_.weight[fs];
  double new_d = (wanted + new_s * t_.s[f_s]) / t_.s[f_d];
  double length_g = new_d * t_.weight[fd] / t_.w[g_d];
  double length_f = reach_f;
  if (length_g > reach_g) {
    length_g = reach_g;
    new_d = reach_g * t_.w[g_d] / t_.weight[fd];
    new_s = std::max(0.0, (new_d * t_.s[f_d] - wanted) / t_.s[f_s]);
    length_f = new_s * t_.weight[fs] / t_.w[f_s];
  }
  f.move = signed_towards(f.from, x0_[g_s], length_f);
  g.move = signed_towards(g.from, x0_[f_d], length_g);
  f.to = f.from + f.move;
  g.to = g.from + g.move;
  f.gain = new_d * t_.s[f_d] - new_s * t_.s[f_s];
  g.gain = new_s * t_.s[g_s] - new_d * t_.s[g_d];
  c.valid = move_ok(f) && move_ok(g) && f.gain > -tiny_gain && g.gain > -tiny_gain &&
            f.gain + g.gain >= tiny_gain;
}

}  // namespace parley::exchange
