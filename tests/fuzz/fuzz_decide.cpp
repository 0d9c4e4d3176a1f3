// Fuzzes the importer of decide's exchange-model records, #A/#P/#M/#D (format forced, as
// `parley import decide` forces it), and everything a successful import goes on to
// (fuzz_checks.hpp: check_load).
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.hpp"

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::check_load(parley::fuzz::as_text(data, size), "input.txt",
                           parley::InputFormat::decide);
  return 0;
}
