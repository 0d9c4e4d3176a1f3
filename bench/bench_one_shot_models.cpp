// Time of the one-shot models (compromise, median) on a generated scenario of n actors x 10 issues.
#include <benchmark/benchmark.h>

#include <random>

#include "parley/model.hpp"

namespace {

parley::Scenario generated_scenario(int actors, int issues) {
  parley::Scenario s;
  s.meta.name = "generated";
  std::mt19937_64 draw(42);
  std::uniform_real_distribution<double> unit(0.0, 100.0);
  for (int i = 0; i < issues; ++i) {
    parley::Issue issue;
    issue.id = "issue" + std::to_string(i);
    s.issues.push_back(issue);
  }
  for (int a = 0; a < actors; ++a) {
    parley::Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = unit(draw);
    for (const auto& issue : s.issues) {
      actor.positions[issue.id] = unit(draw);
      actor.salience[issue.id] = unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
}

void run_model(benchmark::State& state, const char* spec) {
  const parley::Scenario scenario = generated_scenario(static_cast<int>(state.range(0)), 10);
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
