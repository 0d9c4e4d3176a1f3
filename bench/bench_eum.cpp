// Time of the expected utility model (eum) on one issue with n generated actors: one round, and
// a 20-round run. Figures and the fitted growth exponent are recorded in bench/README.md.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "parley/model.hpp"

namespace {

parley::Scenario generated_scenario(int actors) {
  parley::Scenario s;
  s.meta.name = "generated";
  parley::Issue issue;
  issue.id = "issue";
  s.issues.push_back(issue);
  std::mt19937_64 draw(42);
  std::uniform_real_distribution<double> unit(0.0, 100.0);
  for (int a = 0; a < actors; ++a) {
    parley::Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = unit(draw);
    actor.positions[issue.id] = unit(draw);
    actor.salience[issue.id] = unit(draw);
    s.actors.push_back(actor);
  }
  return s;
}

void run_eum(benchmark::State& state, const std::string& spec) {
  const parley::Scenario scenario = generated_scenario(static_cast<int>(state.range(0)));
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
