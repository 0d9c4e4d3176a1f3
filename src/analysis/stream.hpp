// The streaming runner behind stream_comparison and run_sweep.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/analysis.hpp"

namespace parley::detail {

// How the runs of one stream are numbered: RunResult::run = first_run + stream index, and
// RunResult::variant = variant.
struct RunNumbering {
  std::uint64_t first_run = 0;
  std::uint64_t variant = 0;
};

// Runs `runs` (ascending stream indices) of `plan` on `scenario`, `block` at a time, handing
// them to `sink` in order on the calling thread while the next block is computed. Must be called
// inside the arena of the plan's threads (with_threads).
void stream_runs(const Scenario& scenario, const ComparisonPlan& plan,
                 const std::vector<std::uint64_t>& runs, RunSink& sink, int block,
                 RunNumbering numbering);

}  // namespace parley::detail
