#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <set>

#include "analysis/thread_limit.hpp"
#include "models/parallel.hpp"
#include "parley/analysis.hpp"

namespace parley {

namespace {

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
  const double month = sizeof(MonthRecord) + 16.0 + 8.0 * series_names(scenario).size();
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

std::vector<StrategyRuns> run_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                                         const std::function<void(int)>& progress) {
  check_plan(scenario, plan);
  std::vector<StrategyRuns> results(plan.strategies.size());
  for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
    results[s].strategy = plan.strategies[s];
    results[s].runs.resize(static_cast<std::size_t>(plan.runs));
  }
  const UncertaintyDraws draws(scenario);
  std::atomic<int> done{0};
  std::mutex report;
  // Each run writes only its own slots, and draws only from its own streams: the schedule
  // cannot change any number.
  detail::with_threads(plan.threads, [&] {
    detail::for_blocks(
        static_cast<std::size_t>(plan.runs), true, [&](std::size_t begin, std::size_t end) {
          for (std::size_t r = begin; r != end; ++r) {
            const auto run = static_cast<std::uint64_t>(r);
            const Scenario drawn = draws.draw(plan.seed, run);
            for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
              results[s].runs[r] =
                  simulate_engagement(drawn, plan.strategies[s], plan.engagement, plan.seed, run);
            }
            const int finished = ++done;
            if (progress) {
              std::lock_guard<std::mutex> lock(report);
              progress(finished);
            }
          }
        });
  });
  return results;
}

}  // namespace parley
