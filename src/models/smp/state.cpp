#include "models/smp/state.hpp"

#include <algorithm>
#include <cmath>

namespace parley::smp {
namespace {

constexpr double same_position_tolerance = 1e-3;

}  // namespace

void Actors::derive() {
  total_salience.assign(count, 0.0);
  salience_sq.assign(count, 0.0);
  influence.assign(count, 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    double total = 0.0, squares = 0.0;
    for (std::size_t k = 0; k < dims; ++k) {
      const double s = salience[i * dims + k];
      total = total + s;
      squares = squares + s * s;
    }
    total_salience[i] = total;
    salience_sq[i] = squares;
    influence[i] = total * capability[i];
  }
}

double perceived_risk(RiskAdjust adjust, double r_h, double r_i) {
  switch (adjust) {
    case RiskAdjust::none:
      return r_h;
    case RiskAdjust::one_third:
      return ((2.0 * r_h) + r_i) / 3.0;
    case RiskAdjust::half:
      return (r_h + r_i) / 2;
    case RiskAdjust::two_thirds:
      return (r_h + (2.0 * r_i)) / 3.0;
    case RiskAdjust::full:
      return r_i;
  }
  return r_h;
}

double distance(const Actors& actors, std::size_t a, const double* from, const double* to) {
  const double* s = actors.salience.data() + a * actors.dims;
  double weighted = 0.0;
  for (std::size_t k = 0; k < actors.dims; ++k) {
    const double ds = (from[k] - to[k]) * s[k];
    weighted = weighted + ds * ds;
  }
  // An actor that cares about no dimension is indifferent: every position is at distance 0.
  if (!(actors.salience_sq[a] > 0.0)) return 0.0;
  return std::sqrt(weighted / actors.salience_sq[a]);
}

bool same_position(std::size_t dims, const double* x, const double* y) {
  double squares = 0.0;
  for (std::size_t k = 0; k < dims; ++k) {
    const double d = x[k] - y[k];
    squares = squares + d * d;
  }
  return std::sqrt(squares) < same_position_tolerance;
}

void State::evaluate(const Actors& actors, std::span<const double> position, const Options& options,
                     Election& election) {
  count_ = actors.count;
  dims_ = actors.dims;
  const std::size_t n = count_;
  position_.assign(position.begin(), position.end());
  dist_.resize(n * n);
  dist_t_.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double d = distance(actors, i, this->position(i), this->position(j));
      dist_[i * n + j] = d;
      dist_t_[j * n + i] = d;
    }
  }
  infer_risk(actors, options, election);
}

// The actor whose position is most likely to win (risk-neutral PCE over all actors' positions,
// capability-weighted votes) becomes the most risk-averse.
void State::infer_risk(const Actors& actors, const Options& options, Election& election) {
  const std::size_t n = count_;
  utility_.resize(n * n);
  probability_.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t k = 0; k < n; ++k) utility_[j * n + k] = utility(dist_[k * n + j], 0.0);
  }
  election.run(utility_, actors.capability, n, n, options.voting, options.victory, options.pce,
               probability_);
  double p_min = 1.0, p_max = 0.0;
  for (double p : probability_) {
    p_min = p < p_min ? p : p_min;
    p_max = p > p_max ? p : p_max;
  }
  risk_.assign(n, 0.0);
  // KTAB divides by p_max - p_min unguarded; when every position is equally likely, nobody is
  // singled out and all stay risk-neutral.
  if (!(p_max > p_min)) return;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = probability_[i];
    switch (options.risk_range) {
      case RiskRange::min:
        risk_[i] = (p - p_min) / (p_max - p_min);
        break;
      case RiskRange::mid:
        risk_[i] = (3 * p - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
        break;
      case RiskRange::max:
        risk_[i] = (2 * p - (p_max + p_min)) / (p_max - p_min);
        break;
    }
  }
}

// Distinct positions as KTAB finds them: an actor joins the first listed distinct position that
// is the same as its own, or becomes a new one.
void State::group_positions() {
  unique_.clear();
  group_.assign(count_, 0);
  for (std::size_t i = 0; i < count_; ++i) {
    std::size_t g = 0;
    while (g < unique_.size() && !same_position(dims_, position(i), position(unique_[g]))) ++g;
    if (g == unique_.size()) unique_.push_back(i);
    group_[i] = g;
  }
}

// The same grouping, but with the actors taken in the order of their positions (coordinate by
// coordinate) instead of the input order. Positions within 1e-3 of each other can chain (a near
// b, b near c, a not near c), and then which actor founds a group decides the groups; taking
// the founders in position order makes the groups, and the outcome, independent of the order in
// which the actors are listed.
void State::group_positions_by_place() {
  const std::size_t n = count_;
  order_.resize(n);
  for (std::size_t i = 0; i < n; ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return std::lexicographical_compare(position(a), position(a) + dims_, position(b),
                                        position(b) + dims_);
  });
  unique_.clear();
  group_.assign(n, 0);
  for (std::size_t i : order_) {
    std::size_t g = 0;
    while (g < unique_.size() && !same_position(dims_, position(i), position(unique_[g]))) ++g;
    if (g == unique_.size()) unique_.push_back(i);
    group_[i] = g;
  }
}

void State::expected_position(const Actors& actors, const Options& options, Election& election,
                              std::span<double> out) {
  const std::size_t n = count_;
  group_positions_by_place();
  const std::size_t m = unique_.size();
  centre_.assign(m * dims_, 0.0);
  std::vector<double> members(m, 0.0);
  for (std::size_t i : order_) {  // in position order, so that the sums do not depend on it
    members[group_[i]] += 1.0;
    for (std::size_t k = 0; k < dims_; ++k) centre_[group_[i] * dims_ + k] += position(i)[k];
  }
  for (std::size_t g = 0; g < m; ++g) {
    for (std::size_t k = 0; k < dims_; ++k) centre_[g * dims_ + k] /= members[g];
  }
  utility_.resize(m * n);
  probability_.resize(m);
  for (std::size_t g = 0; g < m; ++g) {
    for (std::size_t k = 0; k < n; ++k) {
      const double r = perceived_risk(options.risk_adjust, risk_[k], risk_[k]);
      const double d = distance(actors, k, position(k), centre_.data() + g * dims_);
      utility_[g * n + k] = utility(d, r);
    }
  }
  election.run(utility_, actors.capability, n, m, VotingRule::prop, options.victory, options.pce,
               probability_);
  std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(dims_), 0.0);
  for (std::size_t g = 0; g < m; ++g) {
    for (std::size_t k = 0; k < dims_; ++k) out[k] += probability_[g] * centre_[g * dims_ + k];
  }
}

void State::win_probabilities(const Actors& actors, const Options& options, Election& election,
                              std::span<double> out) {
  const std::size_t n = count_;
  group_positions();
  const std::size_t m = unique_.size();
  utility_.resize(m * n);
  probability_.resize(m);
  for (std::size_t o = 0; o < m; ++o) {
    for (std::size_t k = 0; k < n; ++k) {
      const double r = perceived_risk(options.risk_adjust, risk_[k], risk_[k]);
      utility_[o * n + k] = utility(dist_[k * n + unique_[o]], r);
    }
  }
  // KTAB fixes the voting rule here at proportional, whatever the model's rule.
  election.run(utility_, actors.capability, n, m, VotingRule::prop, options.victory, options.pce,
               probability_);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = 0.0;
    // As KTAB: the last distinct position the actor's own counts as the same.
    for (std::size_t o = 0; o < m; ++o) {
      if (same_position(dims_, position(i), position(unique_[o]))) out[i] = probability_[o];
    }
  }
}

}  // namespace parley::smp
