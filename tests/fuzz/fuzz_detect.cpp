// Fuzzes loading as `parley validate FILE` does: the format detected from the content, then that
// format's reader, then everything a successful read goes on to (fuzz_checks.hpp: check_load).
// The file name has no extension, so only the content decides.
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.hpp"

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = parley::fuzz::as_text(data, size);
  const parley::LoadResult result = parley::fuzz::check_load(text, "input", std::nullopt);
  if (result.format != parley::detect_format(text)) {
    parley::fuzz::fail("the loader read another format than detect_format names");
  }
  return 0;
}
