#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "parley/model.hpp"

namespace parley::cli {

Handler add_models(CLI::App&) {
  return [] {
    for (const ModelEntry& entry : model_registry()) {
      std::cout << fmt::format("{:<12} {}\n", entry.info.name, entry.info.summary);
      for (const ParameterSpec& p : entry.info.parameters) {
        std::cout << fmt::format("{:<12}   {}={}: {}\n", "", p.name, p.default_value,
                                 p.description);
      }
    }
    return exit_ok;
  };
}

}  // namespace parley::cli
