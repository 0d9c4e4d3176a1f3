#include "models/median/median.hpp"

#include "models/one_shot.hpp"
#include "models/registration.hpp"
#include "models/weighted.hpp"

namespace parley {

IssueForecast MedianModel::forecast_issue(const IssueInput& issue, ForecastObserver*) const {
  return detail::one_shot_forecast(issue, detail::weighted_median);
}

ModelInfo MedianModel::info() {
  return {.name = "median",
          .summary = "capability x salience weighted median position (the median voter)",
          .parameters = {},
          .rounds = false,
          .stochastic = false};
}

std::unique_ptr<MedianModel> MedianModel::make(const ModelParameters&) {
  return std::make_unique<MedianModel>();
}

}  // namespace parley

PARLEY_REGISTER_MODEL(median, parley::MedianModel)
