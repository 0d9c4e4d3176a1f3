// One process (a build without MPI): every run is this process's, made by stream_comparison.
#include <cstdlib>
#include <stdexcept>

#include "../ranks.hpp"

namespace parley::cli {

MpiSession::MpiSession(int&, char**&) {}
MpiSession::~MpiSession() = default;

namespace {

// A number mpirun (OpenMPI, or a PMI launcher) gave this process, or `otherwise`.
int launcher_number(const char* openmpi, const char* pmi, int otherwise) {
  for (const char* name : {openmpi, pmi}) {
    if (const char* text = std::getenv(name)) return std::atoi(text);
  }
  return otherwise;
}

}  // namespace

World world() {
  // Not MPI's: the ranks mpirun says this process has, so that main can refuse to run as
  // several unconnected copies.
  return {.rank = launcher_number("OMPI_COMM_WORLD_RANK", "PMI_RANK", 0),
          .size = launcher_number("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", 1),
          .mpi = false};
}

void agree(const World&, const std::function<void()>& setup,
           const std::function<int(std::exception_ptr)>&) {
  setup();
}

std::vector<std::uint64_t> share(const World&, std::vector<std::uint64_t> runs) { return runs; }

std::vector<std::uint64_t> runs_of_rank(const World&, const std::vector<std::uint64_t>& runs) {
  return runs;
}

void gather(const World&, const Scenario& scenario, const ComparisonPlan& plan,
            const std::vector<std::uint64_t>& runs, RunSink& sink) {
  stream_comparison(scenario, plan, runs, sink);
}

void work(const World&, const Scenario&, const ComparisonPlan&, const std::vector<std::uint64_t>&) {
  // world() is rank 0 of 1 without MPI: no caller gets here.
  throw std::logic_error("work() called in a build without MPI");
}

void abort_ranks(const World&, int) {}

}  // namespace parley::cli
