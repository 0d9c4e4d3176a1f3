// The --threads option of the Monte Carlo analyses, as a cap on the TBB pool.
#pragma once

#include <tbb/global_control.h>

#include <cstddef>
#include <optional>

namespace parley::detail {

// Caps the pool at `threads` while the returned object lives; no cap for 0 (every core).
inline std::optional<tbb::global_control> thread_limit(int threads) {
  if (threads <= 0) return std::nullopt;
  return std::optional<tbb::global_control>(std::in_place,
                                            tbb::global_control::max_allowed_parallelism,
                                            static_cast<std::size_t>(threads));
}

}  // namespace parley::detail
