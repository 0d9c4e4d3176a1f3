// One issue's bargaining under the expected utility model: the state between rounds and the
// scratch space of a round, actors in input order, one array per quantity.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "models/eum/options.hpp"
#include "models/eum/positions.hpp"
#include "models/eum/probability.hpp"
#include "models/parallel.hpp"
#include "parley/models.hpp"

namespace parley::eum {

class Bargaining {
 public:
  Bargaining(const IssueInput& issue, const Options& options);

  // False with fewer than two actors or when all start at one position: nobody can ever move.
  bool can_move() const { return n_ >= 2 && range_ > 0.0; }

  // Runs one round (Scholz et al. Appendix, steps 2-11) and returns how many actors moved. The
  // round's offers are appended to `offers` (all made or only accepted ones, as options say).
  std::size_t step(std::vector<Offer>* offers);

  // From the next round on, only accepted offers are logged (OfferLog::accepted).
  void keep_accepted_offers_only() { options_.offers = OfferLog::accepted; }

  std::span<const double> positions() const { return x_; }
  // The risk exponents the last round priced offers with (1 before the first round).
  std::span<const double> risk() const { return r_; }
  // Capability x salience weighted median (the Condorcet winner among held positions) and mean.
  double median() const;
  double mean() const;

 private:
  // Expected utility of i challenging j (eq. 25), priced with exponent r, given the probability
  // p that i prevails over j and i's success, failure and status quo utilities against j.
  double challenge(std::size_t i, std::size_t j, double r, double p, double success, double failure,
                   double status_quo) const;
  // Eq. 25's last term, (1 - Q)[T U_b + (1 - T) U_w], for i challenging j.
  double no_challenge_term(std::size_t i, std::size_t j, double r) const;
  void compute_security(std::span<const double> voter_risk);  // steps 4-8 at r = 1
  void set_exponents(std::size_t first, std::size_t last);    // steps 8-9 for these actors
  void update_risk();
  // One thread's working rows while it weighs the offers to one receiver i.
  struct Scratch {
    std::vector<double> success, failure;  // i's utilities against each held position
    std::vector<double> a, b;  // E^i(U_ij), and j's expected utility of challenging i as i sees it
  };
  // scratch.success[c], scratch.failure[c]: eqs. 15 and 16 against held position c, at r; at
  // r = 1 from the bases themselves (step 7's security levels).
  void price_utilities(std::size_t i, double r, Scratch& scratch) const;
  void price_risk_neutral(std::size_t i, Scratch& scratch) const;
  void compute_own_view();  // eu_[i * n + j] = E^i(U_ij) priced with r_i
  struct Candidate;
  Candidate candidate(std::size_t i, std::size_t j, double a, double b, int region) const;
  void fill_expected_utilities(std::size_t i, Scratch& scratch) const;  // scratch.a, scratch.b
  // The offer i accepts (its region is `none` when i receives no offer); logs i's offers.
  Candidate best_offer(std::size_t i, Scratch& scratch, std::vector<Offer>* log) const;
  std::size_t make_offers(std::vector<Offer>* offers);  // step 11

  Options options_;
  std::size_t n_ = 0;
  double low_ = 0.0, high_ = 0.0, range_ = 0.0;  // of the initial positions
  double median_ = 0.0;                          // mu of the running round
  std::vector<double> x_, w_, s_, r_;            // position, c x s, salience, risk exponent
  std::vector<double> ones_, security_, next_x_;
  std::vector<double> eu_;  // own risk view only
  // Per-actor loops run on the thread pool from detail::min_parallel_actors actors up; each
  // actor's results are its own, so they do not depend on the thread count.
  bool parallel_ = false;
  detail::PerThread<Scratch> scratch_;
  std::vector<std::vector<Offer>> received_;  // this round's offers, by a block's first receiver
  HeldPositions positions_;                   // this round's
  VoteTable votes_;
};

}  // namespace parley::eum
