// The --threads option of the Monte Carlo analyses: work confined to an arena of that many threads.
#pragma once

#include <tbb/task_arena.h>

#include <utility>

namespace parley::detail {

// Runs `work` in its own task arena of `threads` threads (every core for 0), so that the limit
// holds for this call only: nothing process-wide changes, and concurrent callers keep their own.
// Nested parallel loops inside `work` (e.g. a model's) run in the same arena.
template <typename Work>
decltype(auto) with_threads(int threads, Work&& work) {
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  return arena.execute(std::forward<Work>(work));
}

}  // namespace parley::detail
