// Time of the one-shot models (compromise, median) on a generated scenario of n actors x 10 issues.
#include <benchmark/benchmark.h>

#include "generated_scenario.hpp"
#include "parley/models.hpp"

namespace {

void run_model(benchmark::State& state, const char* spec) {
  const parley::Scenario scenario =
      parley::bench::uniform_scenario(static_cast<int>(state.range(0)), 10);
  auto model = parley::make_model(spec);
  for (auto _ : state) benchmark::DoNotOptimize(model->forecast(scenario));
  state.SetComplexityN(state.range(0));
}

void BM_compromise(benchmark::State& state) { run_model(state, "compromise"); }
void BM_median(benchmark::State& state) { run_model(state, "median"); }

BENCHMARK(BM_compromise)->RangeMultiplier(10)->Range(10, 10000)->Complexity();
BENCHMARK(BM_median)->RangeMultiplier(10)->Range(10, 10000)->Complexity();

}  // namespace

BENCHMARK_MAIN();
