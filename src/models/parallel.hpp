// Splitting a model's per-actor loops over the thread pool. Each index's work writes only its
// own outputs, so results do not depend on how the range is split or on the thread count.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <cstddef>

// ThreadSanitizer builds (gcc defines the first macro, clang answers the second).
#if defined(__SANITIZE_THREAD__)
#define PARLEY_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PARLEY_TSAN 1
#endif
#endif
#ifdef PARLEY_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace parley::detail {

// The fork and join edges of one parallel loop, told to ThreadSanitizer. Debian's libtbb is not
// built with TSan, so TSan cannot see that what precedes a loop happens before each block and
// that each block happens before the loop returns; without these it reports every result a
// block writes. Blocks are not ordered among themselves, so a race between two blocks is still
// reported. Outside TSan builds this is empty.
class ForkJoin {
 public:
  // Constructed before the loop starts (fork), destroyed once it has returned or thrown (join).
  ForkJoin() { release(&fork_); }
  ~ForkJoin() { acquire(&join_); }
  ForkJoin(const ForkJoin&) = delete;
  ForkJoin& operator=(const ForkJoin&) = delete;

  // Held by each block while it runs.
  class Block {
   public:
    explicit Block(ForkJoin& loop) : loop_(loop) { acquire(&loop_.fork_); }
    ~Block() { release(&loop_.join_); }
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

   private:
    ForkJoin& loop_;
  };

 private:
#ifdef PARLEY_TSAN
  static void release(char* at) { __tsan_release(at); }
  static void acquire(char* at) { __tsan_acquire(at); }
#else
  static void release(char* /*at*/) {}
  static void acquire(char* /*at*/) {}
#endif
  char fork_ = 0;
  char join_ = 0;
};

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
  ForkJoin loop;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      const ForkJoin::Block block(loop);
                      body(r.begin(), r.end());
                    });
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
