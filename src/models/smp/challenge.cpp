// The third-party loop below vectorises only if GCC may assume that floating-point exceptions
// are not inspected (nothing in parley does). Results are unchanged: no operation is reordered.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include "models/smp/challenge.hpp"

#include <type_traits>

#include "models/smp/election.hpp"

namespace parley::smp {
namespace {

constexpr double min_coalition = 1e-10;

// A third party's vote for joining i rather than j, given `p_i`, its estimate that i wins the
// little contest of i, j and itself. Outcomes are valued as sums of three position-utilities
// (i's, j's and its own); its commitment decides whether it keeps its own position afterwards.
template <VotingRule rule, ThirdParty commit>
double third_party_vote(double weight, double p_i, double u_i, double u_j, double u_own) {
  const double p_j = 1.0 - p_i;
  double join_i_wins = 0, join_i_loses = 0, join_j_wins = 0, join_j_loses = 0;
  if constexpr (commit == ThirdParty::full_commit) {
    join_i_wins = u_i + u_i + u_i, join_i_loses = u_j + u_j + u_j;
    join_j_loses = u_i + u_i + u_i, join_j_wins = u_j + u_j + u_j;
  } else if constexpr (commit == ThirdParty::semi_commit) {
    join_i_wins = u_i + u_i + u_own, join_i_loses = u_j + u_j + u_j;
    join_j_loses = u_i + u_i + u_i, join_j_wins = u_j + u_j + u_own;
  } else {
    join_i_wins = u_i + u_i + u_own, join_i_loses = u_j + u_j + u_own;
    join_j_loses = u_i + u_i + u_own, join_j_wins = u_j + u_j + u_own;
  }
  const double join_i = (p_i * join_i_wins) + (p_j * join_i_loses);
  const double join_j = (p_i * join_j_loses) + (p_j * join_j_wins);
  return vote<rule>(weight, join_i, join_j);
}

template <VotingRule rule, ThirdParty commit>
ChallengeEstimate estimate(const Actors& actors, const State& state, const ChallengeView& view,
                           std::size_t j) {
  const std::size_t i = view.initiator;
  const double* risk = view.risk.data();
  const double* to_i = view.to_init.data();
  const double* self = view.to_self.data();
  const double u_ii = to_i[i], u_ij = utility(state.dist(i, j), risk[i]);
  const double status_quo = u_ii + u_ij;
  const double i_wins = u_ii + u_ii;  // j adopts i's position
  const double j_wins = u_ij + u_ij;

  // The principals' own contributions: i for i's position, j for its own.
  const double by_i = vote<rule>(actors.influence[i], u_ii, u_ij);
  const double by_j = vote<rule>(actors.influence[j], to_i[j], self[j]);
  double for_i = min_coalition, for_j = min_coalition;
  if (by_i > 0.0) for_i = for_i + by_i;
  if (by_i < 0.0) for_j = for_j - by_i;
  if (by_j > 0.0) for_i = for_i + by_j;
  if (by_j < 0.0) for_j = for_j - by_j;
  const double principals_i = for_i, principals_j = for_j;

  // Each third party weighs in against the principals-only contest, not a growing coalition.
  // First every actor's vote, in a loop without dependencies between actors (it vectorises),
  // then the sums in actor order, so the totals are KTAB's to the last bit.
  const double* d_to_j = state.dist_to(j);
  const double* weight = actors.influence.data();
  double* votes = view.scratch.data();
  const std::size_t count = actors.count;
  for (std::size_t n = 0; n < count; ++n) {
    const double u_ni = to_i[n], u_nj = utility(d_to_j[n], risk[n]);
    // Adding 0 to the side not chosen gives the same sums as KTAB's branches.
    const double little = vote<rule>(weight[n], u_ni, u_nj);
    const double little_i = principals_i + (little > 0 ? little : 0.0);
    const double little_j = principals_j + (little < 0 ? -little : 0.0);
    const double p_i = little_i / (little_i + little_j);
    votes[n] = third_party_vote<rule, commit>(weight[n], p_i, u_ni, u_nj, self[n]);
  }
  for (std::size_t n = 0; n < count; ++n) {
    if (n == i || n == j) continue;
    const double v = votes[n];
    for_i = for_i + (v > 0 ? v : 0.0);
    for_j = for_j + (v < 0 ? -v : 0.0);
  }
  // Always the linear ratio here, whatever the victory model (as KTAB).
  const double p_i = for_i / (for_i + for_j);
  const double p_j = for_j / (for_i + for_j);
  const double contest = p_i * i_wins + p_j * j_wins;
  // j gives in with probability 1 - sigma_j and fights with probability sigma_j.
  const double s_j = actors.total_salience[j];
  const double challenge = (1 - s_j) * i_wins + s_j * contest;
  return {p_i, challenge - status_quo};
}

}  // namespace

void ChallengeView::build(const State& state, RiskAdjust adjust, std::size_t h, std::size_t i) {
  const auto r = state.risk();
  const std::size_t n = r.size();
  initiator = i;
  risk.resize(n);
  to_init.resize(n);
  to_self.resize(n);
  scratch.resize(n);
  const double* d_to_i = state.dist_to(i);
  for (std::size_t a = 0; a < n; ++a) {
    risk[a] = perceived_risk(adjust, r[h], r[a]);
    to_init[a] = utility(d_to_i[a], risk[a]);
    to_self[a] = utility(state.dist(a, a), risk[a]);
  }
}

ChallengeEstimate estimate_challenge(const Actors& actors, const State& state,
                                     const ChallengeView& view, std::size_t j,
                                     const Options& options) {
  return with_rule(options.voting, [&](auto rule) {
    constexpr VotingRule r = decltype(rule)::value;
    switch (options.third_party) {
      case ThirdParty::no_commit:
        return estimate<r, ThirdParty::no_commit>(actors, state, view, j);
      case ThirdParty::full_commit:
        return estimate<r, ThirdParty::full_commit>(actors, state, view, j);
      case ThirdParty::semi_commit:
        break;
    }
    return estimate<r, ThirdParty::semi_commit>(actors, state, view, j);
  });
}

}  // namespace parley::smp
