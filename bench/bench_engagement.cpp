// Runs per second of the default comparison (Afghanistan 2024, five strategies, 36 months) on
// one core and on all cores. Items = strategy runs (one strategy, one Monte Carlo draw).
#include <benchmark/benchmark.h>

#include "parley/analysis.hpp"
#include "parley/scenario.hpp"

namespace {

void BM_default_comparison(benchmark::State& state) {
  const parley::Scenario scenario =
      parley::load_scenario_text(parley::embedded_default_scenario(), "afghanistan-2024.yaml");
  parley::ComparisonPlan plan;
  plan.strategies = parley::strategies_to_compare(scenario);
  plan.runs = 200;
  plan.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(parley::run_comparison(scenario, plan));
  state.SetItemsProcessed(state.iterations() * plan.runs *
                          static_cast<int64_t>(plan.strategies.size()));
}

BENCHMARK(BM_default_comparison)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
