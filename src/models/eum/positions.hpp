// The positions held in one round of the expected utility model, each counted once. Actors
// pull onto each other's positions (a capitulation moves to the proposer's), so after a few
// rounds far fewer positions are held than there are actors. Every quantity that depends only
// on two positions (the logarithms here, the win probabilities in VoteTable, the utilities the
// receiver prices) is computed once per pair of held positions, not once per pair of actors.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace parley::eum {

class HeldPositions {
 public:
  // Sorts the actors by position (ties in input order), merges equal positions and fills the
  // tables log_success and log_failure, with d = |v_c - v_c'| / range; on the thread pool if
  // `parallel`.
  void assign(std::span<const double> position, double range, bool parallel);
  // Fills log_distance for the current positions; only votes with exponents other than 1 need it.
  void fill_log_distances(bool parallel);

  std::size_t size() const { return value_.size(); }  // m, the number of held positions
  double range() const { return range_; }
  std::span<const double> values() const { return value_; }  // ascending
  // The first actor in by_position() holding values()[c], for c = 0..m (first()[m] = n), and
  // how many hold it.
  std::span<const std::size_t> first() const { return first_; }
  std::size_t count(std::size_t c) const { return first_[c + 1] - first_[c]; }
  // The actors in ascending position, ties in input order.
  std::span<const std::size_t> by_position() const { return order_; }
  std::size_t slot(std::size_t actor) const { return slot_[actor]; }  // actor -> c

  // Rows c of the m x m tables log(d), log(0.5 - 0.5 d) and log(0.5 + 0.5 d): the bases of
  // the votes (step 5) and of eqs. 15 and 16.
  const double* log_distance(std::size_t c) const { return &log_distance_[c * size()]; }
  const double* log_success(std::size_t c) const { return &log_success_[c * size()]; }
  const double* log_failure(std::size_t c) const { return &log_failure_[c * size()]; }

 private:
  // Fills the m x m table `out` with log_of(d) over the upper triangle, then mirrors it.
  template <class Log>
  void fill_symmetric(std::vector<double>& out, bool parallel, const Log& log_of) const;

  double range_ = 0.0;
  std::vector<std::size_t> order_, slot_, first_;
  std::vector<double> value_;
  std::vector<double> log_distance_, log_success_, log_failure_;
};

}  // namespace parley::eum
