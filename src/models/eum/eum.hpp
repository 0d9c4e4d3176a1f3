// `eum`: Bueno de Mesquita's expected utility model of group decisions, as formalised by
// Scholz, Calbert & Smith (2011). Each issue is bargained on its own; docs/models/eum.md.
#pragma once

#include <memory>
#include <string>

#include "models/eum/options.hpp"
#include "parley/models.hpp"

namespace parley {

class EumModel final : public PerIssueModel {
 public:
  EumModel(std::string spec, eum::Options options)
      : PerIssueModel(std::move(spec)), options_(std::move(options)) {}
  IssueForecast forecast_issue(const IssueInput& issue, ForecastObserver* observer) const override;

  static ModelInfo info();
  static std::unique_ptr<EumModel> make(const ModelParameters& parameters);

 private:
  eum::Options options_;
};

}  // namespace parley
