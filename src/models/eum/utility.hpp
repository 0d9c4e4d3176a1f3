// Step 4 of the expected utility model: the transformed utilities of Scholz et al. (2011),
// eqs. 15, 16, 22-24, all of the form 2 - 4 * base^r.
#pragma once

#include <algorithm>
#include <cmath>

namespace parley::eum {

// base^r for base >= 0 (rounding below zero is clamped); exact and cheap when r = 1.
inline double power(double base, double r) {
  base = std::max(base, 0.0);
  return r == 1.0 ? base : std::pow(base, r);
}

inline double utility(double base, double r) { return 2.0 - 4.0 * power(base, r); }

// The same from log(base), when one base meets many exponents: exp is cheaper than pow.
inline double utility_from_log(double log_base, double r) {
  return 2.0 - 4.0 * std::exp(r * log_base);
}

// d = |x_i - x_j| / R.
inline double success_utility(double d, double r) { return utility(0.5 - 0.5 * d, r); }  // eq. 15
inline double failure_utility(double d, double r) { return utility(0.5 + 0.5 * d, r); }  // eq. 16
inline double status_quo_utility(double r) { return utility(0.5, r); }                   // eq. 24
// e = (|x_i - median| + |x_i - x_j|) / R: j moves toward the median unchallenged.
inline double better_utility(double e, double r) { return utility(0.5 - 0.25 * e, r); }  // eq. 22
inline double worse_utility(double e, double r) { return utility(0.5 + 0.25 * e, r); }   // eq. 23

// Eq. 33: r from the risk basis R_i in [-1, 1]; R_i = -1 gives 2, R_i = 1 gives 0.5.
inline double risk_exponent(double basis) { return (1.0 - basis / 3.0) / (1.0 + basis / 3.0); }

}  // namespace parley::eum
