// `compromise`: the capability x salience weighted mean of the actors' positions (Achen 2006).
#pragma once

#include "parley/models.hpp"

namespace parley {

class CompromiseModel final : public PerIssueModel {
 public:
  CompromiseModel() : PerIssueModel("compromise") {}
  IssueForecast forecast_issue(const IssueInput& issue, ForecastObserver* observer) const override;

  static ModelInfo info();
  static std::unique_ptr<CompromiseModel> make(const ModelParameters& parameters);
};

}  // namespace parley
