// Counter-based random streams: run r of master seed s draws only from stream (s, r, purpose), so
// results do not depend on thread count, scheduling, shards or MPI ranks, and every strategy of a
// comparison sees the same draws for the same run (common random numbers).
#pragma once

#include <Random123/philox.h>

#include <cstdint>

namespace parley {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t run, std::uint32_t purpose);

  std::uint64_t next_u64();
  double uniform();            // in [0, 1), 53 random bits
  double normal();             // standard normal (Box-Muller on two uniforms)
  double gamma(double shape);  // Marsaglia-Tsang; shape > 0
  double beta(double a, double b);
  double triangular(double low, double mode, double high);

 private:
  r123::Philox4x32 generator_;
  r123::Philox4x32::ctr_type counter_{};
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type block_{};
  int used_ = 4;  // 32-bit words of block_ already handed out
};

}  // namespace parley
