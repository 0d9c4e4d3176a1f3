#include "models/eum/bargaining.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/eum/utility.hpp"
#include "models/weighted.hpp"

namespace parley::eum {

Bargaining::Bargaining(const IssueInput& issue, const Options& options)
    : options_(options),
      n_(issue.position.size()),
      x_(issue.position),
      s_(issue.salience),
      r_(n_, 1.0),
      ones_(n_, 1.0),
      security_(n_, 0.0),
      next_x_(n_, 0.0),
      p_(n_ * n_, 0.0) {
  w_.resize(n_);
  for (std::size_t k = 0; k < n_; ++k) w_[k] = std::max(issue.capability[k] * s_[k], 0.0);
  if (n_ > 0) {
    const auto [low, high] = std::minmax_element(x_.begin(), x_.end());
    low_ = *low;
    high_ = *high;
    range_ = high_ - low_;
  }
  if (options_.risk_view == RiskView::own) eu_.assign(n_ * n_, 0.0);
}

double Bargaining::median() const { return detail::weighted_median(x_, w_); }
double Bargaining::mean() const { return detail::weighted_mean(x_, w_); }

double Bargaining::challenge(std::size_t i, std::size_t j, double r, double success,
                             double failure, double status_quo) const {
  const double p = p_[i * n_ + j];
  const double resist = s_[j];  // the target's salience: the probability that j resists
  const double q = options_.q;
  double eu = resist * (p * success + (1.0 - p) * failure) + (1.0 - resist) * success -
              q * status_quo;
  if (q < 1.0) {
    const double to_median = std::abs(x_[i] - median_);
    const double to_target = std::abs(x_[i] - x_[j]);
    const double e = (to_median + to_target) / range_;
    const bool better = options_.t == TRule::better ||
                        (options_.t == TRule::geometric && to_median < to_target);
    eu -= (1.0 - q) * (better ? better_utility(e, r) : worse_utility(e, r));
  }
  return eu;
}

void Bargaining::compute_security(std::span<const double> voter_risk) {
  votes_.compute(x_, w_, voter_risk, range_, options_.probability, p_);
  const double status_quo = status_quo_utility(1.0);
  for (std::size_t i = 0; i < n_; ++i) {
    double sum = 0.0;
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == i) continue;
      const double d = std::abs(x_[i] - x_[j]) / range_;
      sum += challenge(j, i, 1.0, success_utility(d, 1.0), failure_utility(d, 1.0), status_quo);
    }
    security_[i] = sum;
  }
}

void Bargaining::set_exponents(std::size_t first, std::size_t last) {
  const auto [low, high] = std::minmax_element(security_.begin(), security_.end());
  const double spread = *high - *low;
  // Equal security (up to rounding) leaves the actors risk neutral; eq. 34 has no guard.
  if (!(spread > 1e-12 * (std::abs(*high) + std::abs(*low)))) return;
  for (std::size_t i = first; i < last; ++i) {
    r_[i] = risk_exponent((2.0 * security_[i] - *high - *low) / spread);
  }
}

void Bargaining::update_risk() {
  std::fill(r_.begin(), r_.end(), 1.0);
  if (options_.risk_update == RiskUpdate::simultaneous) {
    compute_security(ones_);
    set_exponents(0, n_);
    return;
  }
  // One actor after another, in input order: the votes behind each actor's security use the
  // exponents of the actors already updated.
  for (std::size_t i = 0; i < n_; ++i) {
    compute_security(r_);
    set_exponents(i, i + 1);
  }
}

void Bargaining::compute_own_view() {
  for (std::size_t i = 0; i < n_; ++i) {
    const double r = r_[i];
    const double status_quo = status_quo_utility(r);
    for (std::size_t j = 0; j < n_; ++j) {
      if (x_[j] == x_[i]) continue;
      const double d = std::abs(x_[i] - x_[j]) / range_;
      eu_[i * n_ + j] =
          challenge(i, j, r, success_utility(d, r), failure_utility(d, r), status_quo);
    }
  }
}

namespace {

// An offer as the receiving actor ranks it: category first, then the selection key, then the
// smaller move, then the lower position.
struct Candidate {
  int category = std::numeric_limits<int>::max();  // 0 conflict, 1 compromise, 2 capitulation
  double key = 0.0;
  double move = 0.0;
  double position = 0.0;
  std::size_t from = 0;

  bool better_than(const Candidate& other) const {
    if (category != other.category) return category < other.category;
    if (key != other.key) return key < other.key;
    if (move != other.move) return move < other.move;
    return position < other.position;
  }
};

}  // namespace

std::size_t Bargaining::make_offers(std::vector<Offer>* offers) {
  const Options& o = options_;
  votes_.compute(x_, w_, r_, range_, o.probability, p_);
  if (o.risk_view == RiskView::own) compute_own_view();
  std::size_t moved = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    const double xi = x_[i];
    const double r = r_[i];
    const double status_quo = status_quo_utility(r);
    const std::size_t first_offer = offers ? offers->size() : 0;
    Candidate best;
    for (std::size_t j = 0; j < n_; ++j) {
      const double xj = x_[j];
      if (xj == xi) continue;
      double a = 0.0, b = 0.0;  // E^i(U_ij) and E(U_ji), from i's view (receiver) or j's (own)
      if (o.risk_view == RiskView::own) {
        a = eu_[i * n_ + j];
        b = eu_[j * n_ + i];
      } else {
        const double d = std::abs(xi - xj) / range_;
        const double success = success_utility(d, r), failure = failure_utility(d, r);
        a = challenge(i, j, r, success, failure, status_quo);
        b = challenge(j, i, r, success, failure, status_quo);
      }
      Candidate c;
      OfferKind kind;
      if (a > 0.0 && b > a) {  // conflict that j is expected to win: i moves to x_j
        kind = OfferKind::conflict;
        c = {0, 0.0, 0.0, xj, j};
      } else if (a < 0.0 && b > 0.0 && b >= -a) {  // i concedes the share |a| / b (eq. 36)
        kind = OfferKind::compromise;
        c = {1, 0.0, 0.0, xi + (xj - xi) * (-a / b), j};
      } else if (o.capitulation && a < 0.0 && b > 0.0) {  // |a| > b: i gives in fully
        kind = OfferKind::capitulation;
        c = {2, 0.0, 0.0, xj, j};
      } else {
        continue;  // no offer to i (j's offers to i's advantage are j's to weigh)
      }
      c.position = std::clamp(c.position, low_, high_);
      c.move = std::abs(c.position - xi);
      if (o.selection == Selection::highest_eu) {
        c.key = -b;
      } else if (o.selection == Selection::scholz && kind == OfferKind::compromise) {
        c.key = (-a * xi + b * xj) / (b - a);
      } else {
        c.key = c.move;
      }
      if (offers && o.offers == OfferLog::all) {
        offers->push_back({j, i, kind, c.position, false});
      }
      if (c.better_than(best)) best = c;
    }
    next_x_[i] = xi;
    if (best.category == std::numeric_limits<int>::max()) continue;
    next_x_[i] = best.position;
    if (best.position != xi) ++moved;
    if (!offers) continue;
    if (o.offers == OfferLog::accepted) {
      const OfferKind kinds[] = {OfferKind::conflict, OfferKind::compromise,
                                 OfferKind::capitulation};
      offers->push_back({best.from, i, kinds[best.category], best.position, true});
      continue;
    }
    for (std::size_t k = first_offer; k < offers->size(); ++k) {
      Offer& offer = (*offers)[k];
      if (offer.from == best.from) offer.accepted = true;
    }
  }
  x_.swap(next_x_);
  return moved;
}

std::size_t Bargaining::step(std::vector<Offer>* offers) {
  if (!can_move()) return 0;
  median_ = median();
  update_risk();
  return make_offers(offers);
}

}  // namespace parley::eum
