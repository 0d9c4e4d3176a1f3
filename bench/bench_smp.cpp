// Time of KTAB's spatial model (smp): the whole run on KTAB's sample inputs, and a growth table
// over actors (10-100) and dimensions (1-20) on generated inputs. Figures in bench/README.md;
// bench/smp_vs_ktab.sh times whole `parley forecast` processes against KTAB's own timings.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace {

// tests/data/ktab/, unless PARLEY_KTAB_DIR says otherwise.
std::filesystem::path ktab_dir() {
  if (const char* dir = std::getenv("PARLEY_KTAB_DIR")) return dir;
  return std::filesystem::path(PARLEY_TEST_DATA_DIR) / "ktab";
}

void record(benchmark::State& state, const parley::Scenario& scenario) {
  const auto model = parley::make_model("smp");
  int turns = 0;
  double seconds = 0.0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    parley::Forecast forecast = model->forecast(scenario);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    turns = forecast.issues.at(0).rounds;
    benchmark::DoNotOptimize(forecast);
  }
  state.counters["turns"] = turns;
  // Runs differ in length; the time of one turn is what grows with actors and dimensions.
  const double runs = static_cast<double>(state.iterations());
  state.counters["ms_per_turn"] = turns > 0 ? 1e3 * seconds / runs / turns : 0.0;
}

// threads 0: the default thread pool; 1: the time without the parallel target search.
void BM_smp_ktab_input(benchmark::State& state, const std::string& file, std::size_t threads) {
  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
  record(state, parley::load_scenario_file(ktab_dir() / file));
}

// KTAB's own random scenarios (--euSMP) drawn the same way: capability U(10, 200), total
// salience U(0.75, 0.99) split by U(0.1, 1) weights, positions U(0, 100); values kept to two
// decimals like KTAB's sample files. Fixed seed.
parley::Scenario generated_scenario(int actors, int dims) {
  std::mt19937_64 draw(20191117);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto two_decimals = [](double x) { return std::round(x * 100.0) / 100.0; };
  parley::Scenario s;
  s.meta.name = "generated";
  for (int d = 0; d < dims; ++d) {
    parley::Issue issue;
    issue.id = "dim" + std::to_string(d);
    s.issues.push_back(issue);
  }
  for (int a = 0; a < actors; ++a) {
    parley::Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = two_decimals(10.0 + 190.0 * unit(draw));
    const double total = 75.0 + 24.0 * unit(draw);
    std::vector<double> weight(dims);
    double sum = 0.0;
    for (double& w : weight) sum += (w = 0.1 + 0.9 * unit(draw));
    for (int d = 0; d < dims; ++d) {
      const std::string& id = s.issues[d].id;
      actor.positions[id] = two_decimals(100.0 * unit(draw));
      // Rounded down so the saliences never add up past 100.
      actor.salience[id] = std::floor(total * weight[d] / sum * 100.0) / 100.0;
    }
    s.actors.push_back(actor);
  }
  return s;
}

void BM_smp_generated(benchmark::State& state) {
  record(state,
         generated_scenario(static_cast<int>(state.range(0)), static_cast<int>(state.range(1))));
}

const char* const inputs[] = {"inputs/dummyData_3Dim.csv",   "inputs/SOE-Policy.csv",
                              "inputs/dummyData_6Dim.csv",   "inputs/SOE-Competitive.csv",
                              "inputs/dummyData-a040.csv",   "more-inputs/dummyData-a080.csv",
                              "more-inputs/SOE-Pol-Comp.csv"};

const bool registered = [] {
  for (const char* file : inputs) {
    const std::string name = std::filesystem::path(file).stem().string();
    benchmark::RegisterBenchmark(("BM_smp_ktab/" + name).c_str(), BM_smp_ktab_input,
                                 std::string(file), std::size_t{0})
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_smp_ktab_one_thread/" + name).c_str(), BM_smp_ktab_input,
                                 std::string(file), std::size_t{1})
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

BENCHMARK(BM_smp_generated)
    ->ArgsProduct({{10, 20, 40, 60, 80, 100}, {1, 2, 5, 10, 20}})
    ->ArgNames({"actors", "dims"})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
