// Validation time against the size of the uncertainty block (issue 13, F9: entries x numbers,
// 100,000 entries took over 300 s). The scenario is the one shared/reliability/15-gen-scale.py
// writes: a regime with two factions and a spoiler, n / 40 + 1 actors on 20 issues (40 numbers
// each), and n uncertainty entries, each the exact path of one position or salience.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>

#include "parley/scenario.hpp"

namespace {

std::string uncertainty_scenario(int entries) {
  constexpr int issues = 20;
  const int actors = entries / (2 * issues) + 1;
  std::mt19937 draw(1);
  auto number = [&](int low, int high) {
    return std::to_string(std::uniform_int_distribution<int>(low, high)(draw));
  };
  auto per_issue = [&](int low, int high) {
    std::string text;
    for (int i = 0; i < issues; ++i) {
      text += (i ? ", i" : "i") + std::to_string(i) + ": " + number(low, high);
    }
    return text;
  };
  const char* kinds[] = {"political", "technical", "humanitarian", "security"};
  std::string text = "parley: 1\nmeta: {name: Uncertainty benchmark}\nissues:\n";
  for (int i = 0; i < issues; ++i) {
    text += "  - {id: i" + std::to_string(i) + ", kind: " + kinds[i % 4] +
            ", status_quo: " + number(0, 100) + "}\n";
  }
  text += "actors:\n";
  for (const char* faction : {"hard", "soft"}) {
    text += std::string("  - {id: ") + faction + ", kind: regime_faction, capability: 50, " +
            "positions: {" + per_issue(0, 100) + "}, salience: {" + per_issue(1, 100) + "}}\n";
  }
  text += "  - {id: spoiler_group, kind: armed_group, capability: 5}\n";
  for (int a = 0; a < actors; ++a) {
    text += "  - {id: a" + std::to_string(a) + ", kind: state, capability: " + number(1, 100) +
            ", positions: {" + per_issue(0, 100) + "}, salience: {" + per_issue(1, 100) + "}}\n";
  }
  text +=
      "blocs:\n  - {id: west, members: [a0], baseline: {linkage: piecemeal, dialogue: true}}\n"
      "regime:\n  factions: [{actor: hard}, {actor: soft}]\n  leader: hard\n"
      "  weights: {cohesion: 0.5, ideology: 0.3, revenue: 0.1, recognition: 0.1}\n"
      "spoiler: {actor: spoiler_group, strength: 0.2}\n"
      "population: {total_millions: 40, acute_food_insecure_millions: 15}\n"
      "uncertainty:\n";
  int written = 0;
  for (int a = 0; a < actors && written < entries; ++a) {
    for (int i = 0; i < issues && written < entries; ++i) {
      for (const char* field : {"positions", "salience"}) {
        if (written == entries) break;
        text += "  \"actors.a" + std::to_string(a) + "." + field + ".i" + std::to_string(i) +
                "\": {spread: 5}\n";
        ++written;
      }
    }
  }
  return text;
}

const std::string& cached(int entries) {
  static std::map<int, std::string> texts;
  auto it = texts.find(entries);
  if (it == texts.end()) it = texts.emplace(entries, uncertainty_scenario(entries)).first;
  return it->second;
}

void BM_validate_uncertainty(benchmark::State& state) {
  const std::string& text = cached(static_cast<int>(state.range(0)));
  std::size_t entries = 0;
  for (auto _ : state) {
    const parley::LoadResult result = parley::check_scenario_text(text, "bench.yaml");
    if (!result.scenario) state.SkipWithError("the generated scenario is invalid");
    entries = result.scenario ? result.scenario->uncertainty.size() : 0;
    benchmark::DoNotOptimize(result);
  }
  state.counters["entries"] = static_cast<double>(entries);
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_validate_uncertainty)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
