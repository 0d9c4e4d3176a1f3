#include "models/median/median.hpp"

#include "models/one_shot.hpp"
#include "models/weighted.hpp"

namespace parley {

IssueForecast MedianModel::forecast_issue(const IssueInput& issue, ForecastObserver*) const {
  return detail::one_shot_forecast(issue, detail::weighted_median);
}

ModelInfo MedianModel::info() {
  return {"median", "capability x salience weighted median position (the median voter)", {}};
}

std::unique_ptr<Model> MedianModel::make(const ModelParameters&) {
  return std::make_unique<MedianModel>();
}

}  // namespace parley
