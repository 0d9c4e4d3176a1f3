// Weighted summaries of positions on one issue, shared by the models.
#pragma once

#include <span>

namespace parley::detail {

// Weights are clamped at zero. When every weight is zero, all positions count equally.
double weighted_mean(std::span<const double> positions, std::span<const double> weights);

// The held position minimising sum_k w_k |x_k - x|: the Condorcet winner among held positions
// under linear votes. Ties (total weight split exactly in half) go to the lower position.
double weighted_median(std::span<const double> positions, std::span<const double> weights);

}  // namespace parley::detail
