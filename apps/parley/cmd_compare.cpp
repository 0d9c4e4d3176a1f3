#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/comparison_report.hpp"
#include "progress.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct CompareArgs {
  std::string file;
  std::vector<std::string> strategies;
  std::string reference = "isolation";
  int runs = 1000;
  int months = 36;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string engine = "eum";
  std::string out;
  bool quiet = false;
};

void add_common(CLI::App& app, CompareArgs& a) {
  app.add_option("file", a.file,
                 "Scenario file; the embedded Afghanistan 2024 scenario if omitted");
  app.add_option("--runs", a.runs, "Monte Carlo runs per strategy")->check(CLI::Range(1, 10000000));
  app.add_option("--months", a.months, "Months to simulate")->check(CLI::Range(1, 1200));
  app.add_option("--seed", a.seed, "Master seed; run r draws from stream (seed, r)");
  app.add_option("--threads", a.threads,
                 "Worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  app.add_option("--engine", a.engine,
                 "Bargaining model for the regime's internal bargaining and the tracks");
  app.add_option("--out", a.out,
                 "Run directory for manifest.json, summary.csv/json, agreements.csv, recognition.csv");
  app.add_flag("-q,--quiet", a.quiet, "No progress bar");
}

int run(const CompareArgs& a, std::vector<std::string> strategies) {
  const Scenario scenario = load_scenario_arg(a.file);
  if (strategies.empty()) {
    for (const Strategy& s : scenario.strategies) strategies.push_back(s.id);
  }
  if (strategies.empty()) strategies.push_back("");
  ComparisonContext context;
  context.scenario_file = a.file.empty() ? "<embedded>/afghanistan-2024.yaml" : a.file;
  context.plan.strategies = strategies;
  context.plan.runs = a.runs;
  context.plan.seed = a.seed;
  context.plan.threads = a.threads;
  context.plan.engagement.months = a.months;
  context.plan.engagement.engine = a.engine;
  context.reference =
      std::find(strategies.begin(), strategies.end(), a.reference) != strategies.end()
          ? a.reference
          : strategies.front();
  ProgressBar bar(a.runs, !a.quiet);
  const auto start = std::chrono::steady_clock::now();
  const auto results = run_comparison(scenario, context.plan, [&](int done) { bar.update(done); });
  context.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bar.finish();
  const auto summaries = summarise(scenario, results, context.reference);
  std::cout << comparison_table(scenario, context, summaries);
  if (!a.out.empty()) {
    write_run_directory(a.out, scenario, context, results, summaries);
    std::cout << fmt::format("\nRun directory: {}\n", a.out);
  }
  return exit_ok;
}
}  // namespace

Handler add_compare(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  add_common(app, *args);
  app.add_option("--strategies", args->strategies, "Comma-separated strategy ids (default: all)")
      ->delimiter(',');
  app.add_option("--reference", args->reference, "Strategy the differences are taken to");
  return [args] { return run(*args, args->strategies); };
}

Handler add_simulate(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  auto strategy = std::make_shared<std::string>();
  add_common(app, *args);
  app.add_option("--strategy", *strategy, "Strategy id; every bloc's baseline if omitted");
  return [args, strategy] {
    args->reference = *strategy;
    return run(*args, {*strategy});
  };
}

}  // namespace parley::cli
