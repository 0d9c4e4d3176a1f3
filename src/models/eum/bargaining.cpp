#include "models/eum/bargaining.hpp"

#include <algorithm>
#include <cmath>

#include "models/eum/utility.hpp"
#include "models/parallel.hpp"
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
      parallel_(n_ >= detail::min_parallel_actors) {
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

double Bargaining::no_challenge_term(std::size_t i, std::size_t j, double r) const {
  const double to_median = std::abs(x_[i] - median_);
  const double to_target = std::abs(x_[i] - x_[j]);
  const double e = (to_median + to_target) / range_;
  const bool better =
      options_.t == TRule::better || (options_.t == TRule::geometric && to_median < to_target);
  return (1.0 - options_.q) * (better ? better_utility(e, r) : worse_utility(e, r));
}

inline double Bargaining::challenge(std::size_t i, std::size_t j, double r, double p,
                                    double success, double failure, double status_quo) const {
  const double resist = s_[j];  // the target's salience: the probability that j resists
  const double q = options_.q;
  const double eu =
      resist * (p * success + (1.0 - p) * failure) + (1.0 - resist) * success - q * status_quo;
  return q < 1.0 ? eu - no_challenge_term(i, j, r) : eu;
}

void Bargaining::compute_security(std::span<const double> voter_risk) {
  votes_.compute(positions_, w_, voter_risk, options_.probability, parallel_);
  const double status_quo = status_quo_utility(1.0);
  // security_i = sum over j of E^j(U_ji), in ascending j.
  detail::for_blocks(n_, parallel_, [&](std::size_t begin, std::size_t end) {
    Scratch& scratch = scratch_.local(parallel_);
    for (std::size_t i = begin; i < end; ++i) {
      const double* p_against_i = votes_.against(positions_.slot(i));
      price_risk_neutral(i, scratch);
      double sum = 0.0;
      for (std::size_t j = 0; j < n_; ++j) {
        if (j == i) continue;
        const std::size_t c = positions_.slot(j);
        sum += challenge(j, i, 1.0, p_against_i[c], scratch.success[c], scratch.failure[c],
                         status_quo);
      }
      security_[i] = sum;
    }
  });
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

void Bargaining::price_risk_neutral(std::size_t i, Scratch& scratch) const {
  const std::size_t m = positions_.size();
  const auto value = positions_.values();
  const double x = x_[i];
  scratch.success.resize(m);
  scratch.failure.resize(m);
  for (std::size_t c = 0; c < m; ++c) {
    const double d = std::abs(x - value[c]) / range_;
    scratch.success[c] = success_utility(d, 1.0);
    scratch.failure[c] = failure_utility(d, 1.0);
  }
}

void Bargaining::price_utilities(std::size_t i, double r, Scratch& scratch) const {
  // Both depend on j only through j's position, so they are priced once per held position.
  const std::size_t m = positions_.size();
  const double* log_success = positions_.log_success(positions_.slot(i));
  const double* log_failure = positions_.log_failure(positions_.slot(i));
  scratch.success.resize(m);
  scratch.failure.resize(m);
  for (std::size_t c = 0; c < m; ++c) {
    scratch.success[c] = utility_from_log(log_success[c], r);
    scratch.failure[c] = utility_from_log(log_failure[c], r);
  }
}

void Bargaining::compute_own_view() {
  detail::for_blocks(n_, parallel_, [&](std::size_t begin, std::size_t end) {
    Scratch& scratch = scratch_.local(parallel_);
    for (std::size_t i = begin; i < end; ++i) {
      const double r = r_[i];
      const double status_quo = status_quo_utility(r);
      const double* p_i = votes_.wins(positions_.slot(i));
      price_utilities(i, r, scratch);
      for (std::size_t j = 0; j < n_; ++j) {
        if (x_[j] == x_[i]) continue;
        const std::size_t c = positions_.slot(j);
        eu_[i * n_ + j] =
            challenge(i, j, r, p_i[c], scratch.success[c], scratch.failure[c], status_quo);
      }
    }
  });
}

namespace {

// The regions of Scholz et al.'s fig. 6 in which the receiver i moves, seen from i's side with
// a = E^i(U_ij) and b = j's expected utility of challenging i. The regions in which j moves
// are j's to weigh, as receiver.
enum Region : int { conflict = 0, compromise = 1, capitulation = 2, none = 3 };

Region region(double a, double b, bool capitulation_allowed) {
  if (a > 0.0 && b > a) return conflict;  // both would fight, and j expects more from it
  if (a >= 0.0 || b <= 0.0) return none;  // i would not give way
  if (b >= -a) return compromise;         // i concedes the share |a| / b of the way (eq. 36)
  return capitulation_allowed ? capitulation : none;
}

constexpr OfferKind offer_kind[] = {OfferKind::conflict, OfferKind::compromise,
                                    OfferKind::capitulation};

}  // namespace

// An offer as the receiving actor ranks it: region first, then the selection key, then the
// smaller move, then the lower position (then the proposer listed first). Keys, moves and
// positions that are equal in exact arithmetic come out a few ulps apart once the scale is
// rescaled (two capitulations 40 away on either side of an actor on copenhagen's newtreaty) or
// the sums run in another order, so values within `slack` of each other count as equal; else
// the rounding would pick the offer.
struct Bargaining::Candidate {
  int region = none;
  double key = 0.0;
  double move = 0.0;
  double position = 0.0;
  std::size_t from = 0;

  struct Slack {
    double key;    // for the selection key
    double place;  // for moves and positions
  };

  bool better_than(const Candidate& other, Slack slack) const {
    if (region != other.region) return region < other.region;
    if (std::abs(key - other.key) > slack.key) return key < other.key;
    if (std::abs(move - other.move) > slack.place) return move < other.move;
    return position < other.position - slack.place;
  }
};

Bargaining::Candidate Bargaining::candidate(std::size_t i, std::size_t j, double a, double b,
                                            int kind) const {
  const double xi = x_[i], xj = x_[j];
  Candidate c;
  c.region = kind;
  c.from = j;
  c.position = kind == compromise ? xi + (xj - xi) * (-a / b) : xj;
  c.position = std::clamp(c.position, low_, high_);
  c.move = std::abs(c.position - xi);
  if (options_.selection == Selection::highest_eu) {
    c.key = -b;
  } else if (options_.selection == Selection::scholz && kind == compromise) {
    c.key = (-a * xi + b * xj) / (b - a);  // the |EU|-weighted average of the two positions
  } else {
    c.key = c.move;
  }
  return c;
}

void Bargaining::fill_expected_utilities(std::size_t i, Scratch& scratch) const {
  scratch.a.resize(n_);
  scratch.b.resize(n_);
  if (options_.risk_view == RiskView::own) {
    for (std::size_t j = 0; j < n_; ++j) {
      scratch.a[j] = eu_[i * n_ + j];
      scratch.b[j] = eu_[j * n_ + i];
    }
    return;
  }
  // Both priced with i's exponent. Pairs at one position get values that are never read.
  const double r = r_[i];
  const double status_quo = status_quo_utility(r);
  const double* p_i = votes_.wins(positions_.slot(i));
  const double* p_against_i = votes_.against(positions_.slot(i));
  price_utilities(i, r, scratch);
  for (std::size_t j = 0; j < n_; ++j) {
    const std::size_t c = positions_.slot(j);
    const double success = scratch.success[c];
    const double failure = scratch.failure[c];
    scratch.a[j] = challenge(i, j, r, p_i[c], success, failure, status_quo);
    scratch.b[j] = challenge(j, i, r, p_against_i[c], success, failure, status_quo);
  }
}

Bargaining::Candidate Bargaining::best_offer(std::size_t i, Scratch& scratch,
                                             std::vector<Offer>* log) const {
  fill_expected_utilities(i, scratch);
  const bool log_all = log && options_.offers == OfferLog::all;
  const std::size_t first_logged = log ? log->size() : 0;
  // 1e-12 of the spread of the initial positions for moves and positions (and keys that are
  // either); 1e-12 for highest_eu's key, an expected utility, which lies in [-4, 4]. Rounding
  // leaves errors near 1e-16 of these.
  const double place = 1e-12 * range_;
  const Candidate::Slack slack{options_.selection == Selection::highest_eu ? 1e-12 : place, place};
  Candidate best;
  for (std::size_t j = 0; j < n_; ++j) {
    if (x_[j] == x_[i]) continue;
    const double a = scratch.a[j], b = scratch.b[j];
    const Region kind = region(a, b, options_.capitulation);
    if (kind == none) continue;
    const Candidate c = candidate(i, j, a, b, kind);
    if (log_all) log->push_back({j, i, offer_kind[kind], c.position, false});
    if (c.better_than(best, slack)) best = c;
  }
  if (log && best.region != none) {
    if (log_all) {
      for (std::size_t k = first_logged; k < log->size(); ++k) {
        (*log)[k].accepted = (*log)[k].from == best.from;
      }
    } else {
      log->push_back({best.from, i, offer_kind[best.region], best.position, true});
    }
  }
  return best;
}

std::size_t Bargaining::make_offers(std::vector<Offer>* offers) {
  votes_.compute(positions_, w_, r_, options_.probability, parallel_);
  if (options_.risk_view == RiskView::own) compute_own_view();
  // In parallel, a block of receivers [begin, end) logs its offers to received_[begin], a buffer
  // kept between rounds; the round's log is then allocated once, at its size (growing a fresh
  // vector of thousands of offers each round took a quarter of a 100-actor run).
  const bool buffered = parallel_ && offers;
  if (buffered) {
    received_.resize(n_);
    for (auto& log : received_) log.clear();
  }
  detail::for_blocks(n_, parallel_, [&](std::size_t begin, std::size_t end) {
    Scratch& scratch = scratch_.local(parallel_);
    std::vector<Offer>* log = buffered ? &received_[begin] : offers;
    for (std::size_t i = begin; i < end; ++i) {
      const Candidate best = best_offer(i, scratch, log);
      next_x_[i] = best.region == none ? x_[i] : best.position;
    }
  });
  std::size_t moved = 0;
  for (std::size_t i = 0; i < n_; ++i) moved += next_x_[i] != x_[i];
  x_.swap(next_x_);  // every actor moves at once
  if (buffered) {
    std::size_t total = offers->size();
    for (const auto& log : received_) total += log.size();
    offers->reserve(total);
    for (const auto& log : received_) offers->insert(offers->end(), log.begin(), log.end());
  }
  return moved;
}

std::size_t Bargaining::step(std::vector<Offer>* offers) {
  if (!can_move()) return 0;
  median_ = median();
  positions_.assign(x_, range_, parallel_);
  // The paper rule counts every vote at r = 1, so its votes never need the logarithms.
  if (options_.probability == Probability::scholz) positions_.fill_log_distances(parallel_);
  update_risk();
  return make_offers(offers);
}

}  // namespace parley::eum
