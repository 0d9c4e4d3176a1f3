// `exchange`: Stokman & van Oosten's exchange of voting positions (logrolling) across pairs of
// issues, with the Equal Gain solution and its randomised variant; docs/models/exchange.md.
// The model of bundled negotiation: an actor concedes on an issue it cares less about for a
// concession on one it cares more about.
#pragma once

#include <memory>
#include <string>

#include "models/exchange/options.hpp"
#include "parley/models.hpp"

namespace parley {

class ExchangeModel final : public Model {
 public:
  ExchangeModel(std::string spec, exchange::Options options)
      : spec_(std::move(spec)), options_(options) {}
  Forecast forecast(const Scenario& scenario, ForecastObserver* observer = nullptr) const override;

  static ModelInfo info();
  static std::unique_ptr<ExchangeModel> make(const ModelParameters& parameters);

 private:
  std::string spec_;
  exchange::Options options_;
};

}  // namespace parley
