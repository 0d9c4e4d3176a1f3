// Time of the expected utility model (eum) on one issue with n generated actors: one round, and
// a 20-round run. Figures and the fitted growth exponent are recorded in bench/README.md.
#include <benchmark/benchmark.h>

#include <string>

#include "generated_scenario.hpp"
#include "parley/model.hpp"

namespace {

void run_eum(benchmark::State& state, const std::string& spec) {
  const parley::Scenario scenario =
      parley::bench::uniform_scenario(static_cast<int>(state.range(0)), 1);
  const auto model = parley::make_model(spec);
  int rounds = 0;
  for (auto _ : state) {
    parley::Forecast forecast = model->forecast(scenario);
    rounds = forecast.issues[0].rounds;
    benchmark::DoNotOptimize(forecast);
  }
  state.counters["rounds_run"] = rounds;
  state.SetComplexityN(state.range(0));
}

void BM_eum_one_round(benchmark::State& state) { run_eum(state, "eum(rounds=1)"); }
void BM_eum_20_rounds(benchmark::State& state) { run_eum(state, "eum(rounds=20)"); }
void BM_eum_20_rounds_moves_only(benchmark::State& state) {
  run_eum(state, "eum(rounds=20,offers=accepted)");
}

#define EUM_SIZES Arg(10)->Arg(30)->Arg(100)->Arg(300)->Arg(1000)
BENCHMARK(BM_eum_one_round)->EUM_SIZES->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_eum_20_rounds)->EUM_SIZES->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_eum_20_rounds_moves_only)->EUM_SIZES->Unit(benchmark::kMillisecond)->Complexity();

}  // namespace

BENCHMARK_MAIN();
