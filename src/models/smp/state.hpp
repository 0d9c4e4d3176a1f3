// The actors of a run (fixed) and one state of it: positions, the distances and risk attitudes
// they imply, and each actor's probability that its position wins. All on KTAB's [0, 1] scale.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "models/smp/election.hpp"
#include "models/smp/options.hpp"

namespace parley::smp {

// Structure of arrays; per-dimension data is actor-major: salience[i * dims + k].
struct Actors {
  std::size_t count = 0;
  std::size_t dims = 0;
  std::vector<double> capability;      // c_i
  std::vector<double> salience;        // s_ik in [0, 1]
  std::vector<double> total_salience;  // sigma_i = sum_k s_ik
  std::vector<double> salience_sq;     // sum_k s_ik^2, the normaliser of the distance
  std::vector<double> influence;       // c_i sigma_i, the weight of i in challenges

  // Fills the derived arrays from capability and salience.
  void derive();
};

// u(d, R) = (1 - d)(1 + R d): KTAB's utility of a position at normalised distance d; beyond 1
// (only round-off gets there) d is taken as 1 inside the second factor, as KTAB does. Written
// with a select instead of two branches so that loops over actors vectorise.
inline double utility(double d, double risk) {
  const double capped = d <= 1 ? d : 1.0;
  return (1 - d) * (1 + capped * risk);
}

// h's estimate of i's risk attitude.
double perceived_risk(RiskAdjust adjust, double r_h, double r_i);

// Salience-weighted Euclidean distance from `from` (held by actor a) to `to`, normalised by
// a's saliences so that it lies in [0, 1]; 0 for an actor with no salience at all.
double distance(const Actors& actors, std::size_t a, const double* from, const double* to);

// KTAB's test that two positions are the same: Euclidean distance below 1e-3.
bool same_position(std::size_t dims, const double* x, const double* y);

class State {
 public:
  // Evaluates `position` (count * dims, actor-major): distances, then risk attitudes.
  void evaluate(const Actors& actors, std::span<const double> position, const Options& options,
                Election& election);
  // Each actor's probability that its position wins (KTAB's pDist from every actor's own
  // perspective, over the distinct positions); needs evaluate() first.
  void win_probabilities(const Actors& actors, const Options& options, Election& election,
                         std::span<double> out);

  // The expected position under a PCE like win_probabilities', but with the groups of same
  // positions formed in the order of the positions and each represented by its mean rather than
  // by its first member, so that the result does not depend on the order of the actors. Writes
  // `dims` coordinates into `out`.
  void expected_position(const Actors& actors, const Options& options, Election& election,
                         std::span<double> out);

  std::span<const double> position() const { return position_; }
  const double* position(std::size_t i) const { return position_.data() + i * dims_; }
  // d(i, j): from i's ideal (its position) to j's position, with i's saliences.
  double dist(std::size_t i, std::size_t j) const { return dist_[i * count_ + j]; }
  // Column j of the distances: d(., j), contiguous.
  const double* dist_to(std::size_t j) const { return dist_t_.data() + j * count_; }
  std::span<const double> risk() const { return risk_; }

 private:
  void infer_risk(const Actors& actors, const Options& options, Election& election);
  void group_positions();
  void group_positions_by_place();

  std::size_t count_ = 0, dims_ = 0;
  std::vector<double> position_;
  std::vector<double> dist_, dist_t_;
  std::vector<double> risk_;
  std::vector<double> utility_, probability_;  // workspaces
  std::vector<std::size_t> unique_, group_, order_;
  std::vector<double> centre_;
};

}  // namespace parley::smp
