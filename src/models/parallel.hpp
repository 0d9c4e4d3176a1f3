// Splitting a model's per-actor loops over the thread pool. Each index's work writes only its
// own outputs, so results do not depend on how the range is split or on the thread count.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace parley::detail {

// Below this many actors a round takes about a millisecond or less, and starting and waking
// the pool's workers costs more than it saves (measured on 2 cores: smp on 27 actors ran 30%
// slower in parallel).
inline constexpr std::size_t min_parallel_actors = 64;

// body(begin, end) over [0, count): in blocks on the thread pool when `parallel`, else at once.
template <class Body>
void for_blocks(std::size_t count, bool parallel, const Body& body) {
  if (!parallel) {
    body(std::size_t{0}, count);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count),
                    [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

// Working memory for for_blocks bodies, kept between calls: one S for each thread that runs a
// block in parallel, and one for the serial case (which then needs no thread lookup).
template <class S>
class PerThread {
 public:
  S& local(bool parallel) { return parallel ? pool_.local() : serial_; }

 private:
  tbb::enumerable_thread_specific<S> pool_;
  S serial_;
};

}  // namespace parley::detail
