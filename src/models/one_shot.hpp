// Shared by the one-shot models (compromise, median): no bargaining, the outcome is a weighted
// summary of the initial positions with weights capability x salience.
#pragma once

#include <span>

#include "parley/models.hpp"

namespace parley::detail {

using Summary = double (*)(std::span<const double> positions, std::span<const double> weights);

IssueForecast one_shot_forecast(const IssueInput& issue, Summary summary);

}  // namespace parley::detail
