// Internal: how a model registers itself. One line at the end of the model's main .cpp,
//   PARLEY_REGISTER_MODEL(eum, EumModel)
// where the first argument is the model's folder under src/models/, named by its
// parley_add_model() line in src/models/CMakeLists.txt; M provides `static ModelInfo info()` and
// `static std::unique_ptr<M> make(const ModelParameters&)`.
#pragma once

#include <memory>
#include <type_traits>

#include "models/finite.hpp"
#include "parley/models.hpp"

namespace parley::detail {

// Every model the registry makes sits behind the finiteness checks of models/finite.hpp.
template <typename M>
ModelEntry model_entry() {
  ModelEntry entry{M::info(), nullptr};
  if constexpr (std::is_base_of_v<PerIssueModel, M>) {
    entry.info.scope = ModelScope::per_issue;
    entry.make = [](const ModelParameters& p) -> std::unique_ptr<Model> {
      return checked_per_issue_model(M::make(p));
    };
    entry.make_per_issue = [](const ModelParameters& p) -> std::unique_ptr<PerIssueModel> {
      return checked_per_issue_model(M::make(p));
    };
  } else {
    entry.info.scope = ModelScope::joint;
    entry.make = [](const ModelParameters& p) -> std::unique_ptr<Model> {
      return checked_model(M::make(p), p.spec(M::info().name));
    };
  }
  return entry;
}

}  // namespace parley::detail

// Defines the function the generated registry (src/models/registry.cpp.in) calls for `folder`.
#define PARLEY_REGISTER_MODEL(folder, M) \
  ::parley::ModelEntry parley_model_entry_##folder() { return ::parley::detail::model_entry<M>(); }
