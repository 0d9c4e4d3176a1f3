#include "models/compromise/compromise.hpp"

#include "models/one_shot.hpp"
#include "models/weighted.hpp"

namespace parley {

IssueForecast CompromiseModel::forecast_issue(const IssueInput& issue, ForecastObserver*) const {
  return detail::one_shot_forecast(issue, detail::weighted_mean);
}

ModelInfo CompromiseModel::info() {
  return {"compromise",
          "capability x salience weighted mean of positions (Achen's compromise model)",
          {}};
}

std::unique_ptr<Model> CompromiseModel::make(const ModelParameters&) {
  return std::make_unique<CompromiseModel>();
}

}  // namespace parley
