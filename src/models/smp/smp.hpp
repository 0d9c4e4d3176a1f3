// `smp`: KTAB's spatial model of politics (Wise; Lumley et al., KAPSARC), all issues bargained
// jointly as the dimensions of one space. Reproduces KTAB smpc's results; docs/models/smp.md.
#pragma once

#include <memory>
#include <string>

#include "models/smp/options.hpp"
#include "parley/models.hpp"

namespace parley {

class SmpModel final : public Model {
 public:
  SmpModel(std::string spec, smp::Options options)
      : spec_(std::move(spec)), options_(std::move(options)) {}
  Forecast forecast(const Scenario& scenario, ForecastObserver* observer = nullptr) const override;

  static ModelInfo info();
  static std::unique_ptr<SmpModel> make(const ModelParameters& parameters);

 private:
  std::string spec_;
  smp::Options options_;
};

}  // namespace parley
