#include <atomic>
#include <mutex>

#include "analysis/thread_limit.hpp"
#include "models/parallel.hpp"
#include "parley/analysis.hpp"

namespace parley {

std::vector<std::string> strategies_to_compare(const Scenario& scenario,
                                               std::vector<std::string> named) {
  if (!named.empty()) return named;
  for (const Strategy& s : scenario.strategies) named.push_back(s.id);
  if (named.empty()) named.push_back("");
  return named;
}

std::vector<StrategyRuns> run_comparison(const Scenario& scenario, const ComparisonPlan& plan,
                                         const std::function<void(int)>& progress) {
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
