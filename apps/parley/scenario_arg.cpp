#include "scenario_arg.hpp"

#include <iostream>

#include "parley/scenario.hpp"

namespace parley::cli {

void add_scenario_file(CLI::App& app, std::string& file) {
  app.add_option("file", file, "Scenario file; the embedded Afghanistan 2024 scenario if omitted");
}

std::string scenario_arg_name(const std::string& file) {
  return file.empty() ? std::string("<embedded>/") + embedded_default_scenario_name : file;
}

Scenario load_scenario_arg(const std::string& file) {
  if (file.empty()) return load_scenario_text(embedded_default_scenario(), scenario_arg_name(file));
  return load_scenario_file(file);
}

void emit(const std::string& content, const std::string& out) {
  if (out.empty()) {
    std::cout << content;
  } else {
    write_file_atomically(out, content);
  }
}

}  // namespace parley::cli
