// Fuzzes the reader of parley's own scenario format in YAML (format forced), and everything a
// successful read goes on to (fuzz_checks.hpp: check_load).
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.hpp"

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::check_load(parley::fuzz::as_text(data, size), "input.yaml",
                           parley::InputFormat::yaml);
  return 0;
}
