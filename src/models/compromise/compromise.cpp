#include "models/compromise/compromise.hpp"

#include "models/one_shot.hpp"
#include "models/registration.hpp"
#include "models/weighted.hpp"

namespace parley {

IssueForecast CompromiseModel::forecast_issue(const IssueInput& issue, ForecastObserver*) const {
  return detail::one_shot_forecast(issue, detail::weighted_mean);
}

ModelInfo CompromiseModel::info() {
  return {.name = "compromise",
          .summary = "capability x salience weighted mean of positions (Achen's compromise model)",
          .parameters = {},
          .rounds = false,
          .stochastic = false};
}

std::unique_ptr<CompromiseModel> CompromiseModel::make(const ModelParameters&) {
  return std::make_unique<CompromiseModel>();
}

}  // namespace parley

PARLEY_REGISTER_MODEL(compromise, parley::CompromiseModel)
