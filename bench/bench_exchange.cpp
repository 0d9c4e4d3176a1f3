// Time of the exchange model: the decide sample case (10 actors x 6 issues) over 10 rounds, and
// one round on generated cases of 10-100 actors x 5-30 issues. Figures in bench/README.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "generated_scenario.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace {

parley::Scenario sample_case() {
  return parley::load_scenario_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "exchange" /
                                    "sample_data.txt");
}

void report(benchmark::State& state, const parley::Forecast& f) {
  std::size_t candidates = 0, realised = 0;
  for (const auto& r : f.exchange_rounds) {
    candidates += r.candidates;
    realised += r.exchanges.size();
  }
  state.counters["rounds_run"] = static_cast<double>(f.exchange_rounds.size());
  state.counters["candidates"] = static_cast<double>(candidates);
  state.counters["realised"] = static_cast<double>(realised);
}

// The whole forecast (normalising, the rounds, the per-round record), not only the model loop.
void time_forecast(benchmark::State& state, const parley::Scenario& scenario, const char* spec) {
  const auto model = parley::make_model(spec);
  parley::Forecast forecast;
  for (auto _ : state) {
    forecast = model->forecast(scenario);
    benchmark::DoNotOptimize(forecast);
  }
  report(state, forecast);
}

void BM_exchange_sample_10_rounds(benchmark::State& state) {
  time_forecast(state, sample_case(), "exchange(rounds=10)");
}
BENCHMARK(BM_exchange_sample_10_rounds)->Unit(benchmark::kMicrosecond);

void BM_exchange_one_round(benchmark::State& state) {
  time_forecast(state,
                parley::bench::uniform_scenario(static_cast<int>(state.range(0)),
                                                static_cast<int>(state.range(1))),
                "exchange(rounds=1)");
}
BENCHMARK(BM_exchange_one_round)
    ->ArgsProduct({{10, 30, 100}, {5, 10, 30}})
    ->ArgNames({"actors", "issues"})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
