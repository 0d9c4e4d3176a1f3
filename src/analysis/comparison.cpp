#include <fmt/format.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "analysis/stream.hpp"
#include "analysis/thread_limit.hpp"
#include "models/parallel.hpp"
#include "parley/analysis.hpp"

namespace parley {
namespace {

constexpr std::size_t default_block = 256;

// Run `index` of the block: drawn scenario, then every strategy on it.
void compute_run(const UncertaintyDraws& draws, const ComparisonPlan& plan, std::uint64_t stream,
                 detail::RunNumbering numbering, RunResult& out) {
  out.run = numbering.first_run + stream;
  out.stream = stream;
  out.variant = numbering.variant;
  const Scenario drawn = draws.draw(plan.seed, stream, out.numbers);
  out.strategies.resize(plan.strategies.size());
  for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
    out.strategies[s] =
        simulate_engagement(drawn, plan.strategies[s], plan.engagement, plan.seed, stream);
  }
}

// Keeps every run in memory, for run_comparison.
class CollectRuns final : public RunSink {
 public:
  CollectRuns(const ComparisonPlan& plan, const std::function<void(int)>& progress)
      : progress_(progress) {
    results_.resize(plan.strategies.size());
    for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
      results_[s].strategy = plan.strategies[s];
      results_[s].runs.resize(static_cast<std::size_t>(plan.runs));
    }
  }
  void begin(const std::vector<std::string>&) override {}
  void accept(const RunResult& result) override {
    for (std::size_t s = 0; s < results_.size(); ++s) {
      results_[s].runs[result.stream] = result.strategies[s];
    }
    if (progress_) progress_(++done_);
  }
  std::vector<StrategyRuns> take() { return std::move(results_); }

 private:
  const std::function<void(int)>& progress_;
  std::vector<StrategyRuns> results_;
  int done_ = 0;
};

void check_distinct(const std::vector<std::string>& strategies) {
  std::set<std::string> seen;
  for (const std::string& id : strategies) {
    if (!seen.insert(id).second) {
      throw Error(
          ErrorId::request_invalid_option,
          fmt::format("strategy '{}' is named twice; a comparison runs each strategy once", id));
    }
  }
}

// What the plan's results take in memory: a MonthRecord per month, its vector holding a value per
// series (and the allocator's 16 bytes).
double results_bytes(const Scenario& scenario, const ComparisonPlan& plan) {
  const double month =
      sizeof(MonthRecord) + 16.0 + 8.0 * static_cast<double>(series_names(scenario).size());
  return static_cast<double>(plan.runs) * static_cast<double>(plan.strategies.size()) *
         (plan.engagement.months + 1.0) * month;
}

void check_plan(const Scenario& scenario, const ComparisonPlan& plan) {
  if (plan.runs < 1 || plan.runs > limits::max_runs) {
    throw Error(ErrorId::request_invalid_option,
                fmt::format("runs: expected a whole number in [1, {}], got {}", limits::max_runs,
                            plan.runs));
  }
  const double bytes = results_bytes(scenario, plan);
  if (bytes > limits::max_results_bytes) {
    throw Error(
        ErrorId::request_too_large,
        fmt::format(
            "{} runs x {} strategies x {} months would keep about {:.1f} GiB of results in memory; "
            "the limit is {:.0f} GiB: use fewer runs, strategies or months",
            plan.runs, plan.strategies.size(), plan.engagement.months, bytes / (1ull << 30),
            limits::max_results_bytes / (1ull << 30)));
  }
}

}  // namespace

std::vector<std::string> strategies_to_compare(const Scenario& scenario,
                                               std::vector<std::string> named) {
  check_distinct(named);
  if (!named.empty()) return named;
  for (const Strategy& s : scenario.strategies) named.push_back(s.id);
  if (named.empty()) named.push_back("");
  return named;
}

std::vector<std::uint64_t> all_runs(const ComparisonPlan& plan) {
  std::vector<std::uint64_t> runs(static_cast<std::size_t>(std::max(plan.runs, 0)));
  std::iota(runs.begin(), runs.end(), std::uint64_t{0});
  return runs;
}

void detail::stream_runs(const Scenario& scenario, const ComparisonPlan& plan,
                         const std::vector<std::uint64_t>& runs, RunSink& sink, int block,
                         RunNumbering numbering) {
  const UncertaintyDraws draws(scenario);
  sink.begin(draws.paths());
  if (runs.empty()) return;
  const std::size_t size = block > 0 ? static_cast<std::size_t>(block) : default_block;
  // Each run writes only its own slot and draws only from its own streams: the schedule cannot
  // change any number.
  auto compute = [&](std::size_t first, std::vector<RunResult>& out) {
    out.resize(std::min(size, runs.size() - first));
    detail::for_blocks(out.size(), true, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i != end; ++i) {
        compute_run(draws, plan, runs[first + i], numbering, out[i]);
      }
    });
  };
  std::vector<RunResult> ready, next;
  compute(0, ready);
  for (std::size_t first = 0; first < runs.size(); first += size) {
    // The sink takes this block while the arena's other threads compute the next one; with one
    // thread the next block waits for the sink.
    // fork_join tells ThreadSanitizer the task's edges (Debian's libtbb is not instrumented);
    // it is destroyed after group.wait() on both paths below.
    detail::ForkJoin fork_join;
    tbb::task_group group;
    if (first + size < runs.size()) {
      group.run([&] {
        const detail::ForkJoin::Block task(fork_join);
        compute(first + size, next);
      });
    }
    try {
      for (const RunResult& result : ready) sink.accept(result);
    } catch (...) {
      group.cancel();
      group.wait();
      throw;
    }
    group.wait();
    std::swap(ready, next);
  }
}

void stream_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                       const std::vector<std::uint64_t>& runs, RunSink& sink, int block) {
  detail::with_threads(plan.threads, [&] {
    detail::stream_runs(scenario, plan, runs, sink, block, detail::RunNumbering{});
  });
}

std::vector<StrategyRuns> run_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                                         const std::function<void(int)>& progress) {
  check_plan(scenario, plan);
  CollectRuns collect(plan, progress);
  stream_comparison(scenario, plan, all_runs(plan), collect);
  return collect.take();
}

}  // namespace parley
