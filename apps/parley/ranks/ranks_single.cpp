// One process (a build without MPI): every run is this process's, made by stream_comparison.
#include <stdexcept>

#include "../ranks.hpp"

namespace parley::cli {

MpiSession::MpiSession(int&, char**&) {}
MpiSession::~MpiSession() = default;

World world() { return {}; }

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
