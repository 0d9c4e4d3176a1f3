// The one list of models. Adding a model: a folder under src/models/ and one line here.
#include "models/compromise/compromise.hpp"
#include "models/eum/eum.hpp"
#include "models/exchange/exchange.hpp"
#include "models/median/median.hpp"
#include "models/smp/smp.hpp"

namespace parley {

template <typename M>
ModelEntry entry() {
  return {M::info(), &M::make};
}

const std::vector<ModelEntry>& model_registry() {
  static const std::vector<ModelEntry> models = {
      entry<CompromiseModel>(),
      entry<MedianModel>(),
      entry<EumModel>(),
      entry<ExchangeModel>(),
      entry<SmpModel>(),
  };
  return models;
}

}  // namespace parley
