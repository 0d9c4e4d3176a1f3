// Time of the exchange model: the decide sample case (10 actors x 6 issues) over 10 rounds, and
// one round on generated cases of 10-100 actors x 5-30 issues. Figures in bench/README.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "parley/model.hpp"
#include "parley/scenario_io.hpp"

namespace {

parley::Scenario sample_case() {
  const auto root = std::filesystem::path(__FILE__).parent_path().parent_path();
  return parley::load_scenario_file(root / "tests/data/exchange/sample_data.txt");
}

// Every actor on every issue; capability, position and salience uniform on 0-100, seed 42.
parley::Scenario generated_scenario(int actors, int issues) {
  parley::Scenario s;
  s.meta.name = "generated";
  for (int d = 0; d < issues; ++d) {
    parley::Issue issue;
    issue.id = "issue" + std::to_string(d);
    s.issues.push_back(issue);
  }
  std::mt19937_64 draw(42);
  std::uniform_real_distribution<double> unit(0.0, 100.0);
  for (int a = 0; a < actors; ++a) {
    parley::Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = unit(draw);
    for (const parley::Issue& issue : s.issues) {
      actor.positions[issue.id] = unit(draw);
      actor.salience[issue.id] = unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
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

// The whole forecast (normalising, 10 rounds, the per-round record), not only the model loop.
void BM_exchange_sample_10_rounds(benchmark::State& state) {
  const parley::Scenario scenario = sample_case();
  const auto model = parley::make_model("exchange(rounds=10)");
  parley::Forecast forecast;
  for (auto _ : state) {
    forecast = model->forecast(scenario);
    benchmark::DoNotOptimize(forecast);
  }
  report(state, forecast);
}
BENCHMARK(BM_exchange_sample_10_rounds)->Unit(benchmark::kMicrosecond);

void BM_exchange_one_round(benchmark::State& state) {
  const parley::Scenario scenario =
      generated_scenario(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  const auto model = parley::make_model("exchange(rounds=1)");
  parley::Forecast forecast;
  for (auto _ : state) {
    forecast = model->forecast(scenario);
    benchmark::DoNotOptimize(forecast);
  }
  report(state, forecast);
}
BENCHMARK(BM_exchange_one_round)
    ->ArgsProduct({{10, 30, 100}, {5, 10, 30}})
    ->ArgNames({"actors", "issues"})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
