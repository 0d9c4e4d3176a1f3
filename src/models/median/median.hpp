// `median`: the capability x salience weighted median position (the median voter; Black 1948).
#pragma once

#include "parley/models.hpp"

namespace parley {

class MedianModel final : public PerIssueModel {
 public:
  MedianModel() : PerIssueModel("median") {}
  IssueForecast forecast_issue(const IssueInput& issue, ForecastObserver* observer) const override;

  static ModelInfo info();
  static std::unique_ptr<MedianModel> make(const ModelParameters& parameters);
};

}  // namespace parley
