// Time of the expected utility model (eum) on one issue with n generated actors: one round, and
// a 20-round run, on 1 and on 2 threads. Figures and the fitted growth exponent are recorded in
// bench/README.md.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <set>
#include <string>

#include "generated_scenario.hpp"
#include "parley/models.hpp"

namespace {

// Threads is the pool's size: from 64 actors on, a round's per-actor loops run on it.
void run_eum(benchmark::State& state, const std::string& spec, int threads) {
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
  const parley::Scenario scenario =
      parley::bench::uniform_scenario(static_cast<int>(state.range(0)), 1);
  const auto model = parley::make_model(spec);
  parley::Forecast forecast;
  for (auto _ : state) {
    forecast = model->forecast(scenario);
    benchmark::DoNotOptimize(forecast);
  }
  const parley::IssueForecast& issue = forecast.issues.at(0);
  const std::set<double> held(issue.positions.back().begin(), issue.positions.back().end());
  state.counters["rounds_run"] = issue.rounds;
  state.counters["held_at_end"] = static_cast<double>(held.size());  // positions held at the end
  std::size_t offers = 0;
  for (const parley::RoundSummary& round : issue.round_summaries) offers += round.offers.size();
  state.counters["offers_per_round"] = static_cast<double>(offers) / std::max(issue.rounds, 1);
  state.SetComplexityN(state.range(0));
}

template <int Threads>
void BM_eum_one_round(benchmark::State& state) {
  run_eum(state, "eum(rounds=1)", Threads);
}
template <int Threads>
void BM_eum_20_rounds(benchmark::State& state) {
  run_eum(state, "eum(rounds=20)", Threads);
}
template <int Threads>
void BM_eum_20_rounds_moves_only(benchmark::State& state) {
  run_eum(state, "eum(rounds=20,offers=accepted)", Threads);
}

#define EUM_SIZES Arg(10)->Arg(30)->Arg(100)->Arg(300)->Arg(1000)
#define EUM_BENCHMARK(name, threads) \
  BENCHMARK_TEMPLATE(name, threads)->EUM_SIZES->Unit(benchmark::kMillisecond)->Complexity()
EUM_BENCHMARK(BM_eum_one_round, 1);
EUM_BENCHMARK(BM_eum_20_rounds, 1);
EUM_BENCHMARK(BM_eum_20_rounds_moves_only, 1);
EUM_BENCHMARK(BM_eum_one_round, 2);
EUM_BENCHMARK(BM_eum_20_rounds, 2);
EUM_BENCHMARK(BM_eum_20_rounds_moves_only, 2);

}  // namespace

BENCHMARK_MAIN();
