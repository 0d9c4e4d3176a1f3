// The processes a comparison's runs are spread over: the ranks of an `mpirun -n K parley
// compare` (builds with PARLEY_MPI), or this one process. Only ranks/ranks_mpi.cpp includes
// MPI; the library layers below the command line know nothing of it: they compute the runs they
// are given, and the store takes them in any order.
//
// Under mpirun every rank parses the command line and sets up (agree); rank 0 claims the run
// directory and opens results.sqlite, the one writer, and names the runs to make (share); rank r
// makes the runs at positions i with i % K == r of that list. Rank 0 computes its own on a
// second thread while its first receives every rank's results and writes them (gather); the
// others send theirs (work). A run depends only on (seed, run), so which rank makes it changes
// no number: the database holds what one process would have written.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "parley/analysis.hpp"

namespace parley::cli {

// Starts MPI when mpirun launched this process (and the build has it) and finishes it at the end
// of main; otherwise does nothing.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  // Trivial in a build without MPI (ranks_single.cpp); MPI_Finalize in one with it.
  ~MpiSession();  // NOLINT(performance-trivially-destructible)
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

struct World {
  int rank = 0;
  int size = 1;
  // Launched by mpirun and built with MPI: the runs go through MPI, even with one rank. A
  // build without MPI under mpirun has size > 1 and mpi false: main refuses to run.
  bool mpi = false;
};

// This process's place among the ranks.
World world();

// Whether the runs are spread over more than one process.
inline bool spread(const World& world) { return world.mpi && world.size > 1; }

// A rank that stops because rank 0 reported the failure: main exits with `code` silently.
struct QuietExit {
  int code;
};

// Runs `setup` on every rank and agrees on its outcome, so that no rank waits for one that
// failed: when rank 0 failed it rethrows there and the others throw QuietExit with its exit
// code; when only others failed they rethrow theirs (rank 0 throws, naming the failure as
// theirs). `exit_code_of` gives the exit code of an exception, as main reports it.
void agree(const World& world, const std::function<void()>& setup,
           const std::function<int(std::exception_ptr)>& exit_code_of);

// Rank 0's `runs`, on every rank.
std::vector<std::uint64_t> share(const World& world, std::vector<std::uint64_t> runs);

// The runs `runs` (the same list on every rank) at this rank's positions.
std::vector<std::uint64_t> runs_of_rank(const World& world, const std::vector<std::uint64_t>& runs);

// Rank 0: computes its part of `runs` and hands every rank's runs to `sink` (rank 0's own in
// order, the others' as they arrive), returning when all are in. One process: stream_comparison.
void gather(const World& world, const Scenario& scenario, const ComparisonPlan& plan,
            const std::vector<std::uint64_t>& runs, RunSink& sink);

// Any other rank: computes its part of `runs` and sends each run to rank 0. A failure here is
// reported by this rank and ends every rank (MPI_Abort): rank 0 keeps the runs it wrote for
// --resume.
void work(const World& world, const Scenario& scenario, const ComparisonPlan& plan,
          const std::vector<std::uint64_t>& runs);

// Ends every rank after a failure this rank reported, with exit code `code` (MPI_Abort); returns
// when the runs are not spread.
void abort_ranks(const World& world, int code);

}  // namespace parley::cli
