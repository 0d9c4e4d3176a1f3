#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "parley/models.hpp"

namespace parley::cli {

Handler add_models(CLI::App&) {
  return [] {
    for (const ModelEntry& entry : model_registry()) {
      const ModelInfo& info = entry.info;
      std::cout << fmt::format("{:<12} {}\n", info.name, info.summary);
      std::cout << fmt::format("{:<12}   ({}{}{})\n", "", to_string(info.scope),
                               info.rounds ? ", in rounds" : ", one shot",
                               info.stochastic ? ", can draw random numbers" : "");
      for (const ParameterSpec& p : entry.info.parameters) {
        std::cout << fmt::format("{:<12}   {}={}: {}\n", "", p.name, p.default_value,
                                 p.description);
      }
    }
    return exit_ok;
  };
}

}  // namespace parley::cli
