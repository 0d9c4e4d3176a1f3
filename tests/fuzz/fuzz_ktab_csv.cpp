// Fuzzes the importer of KTAB's smpc CSV (format forced, as `parley import ktab` forces it), and
// everything a successful import goes on to (fuzz_checks.hpp: check_load).
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.hpp"

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::check_load(parley::fuzz::as_text(data, size), "input.csv",
                           parley::InputFormat::ktab_csv);
  return 0;
}
