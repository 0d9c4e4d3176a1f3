#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct CompareArgs : RunOptions {
  std::string reference;  // empty: isolation if compared, else the first strategy
  std::string out;
  bool quiet = false;
};

void add_common(CLI::App& app, CompareArgs& a) {
  add_run_options(app, a);
  app.add_option(
      "--out", a.out,
      "Run directory for manifest.json, summary.csv/json, agreements.csv, recognition.csv");
  app.add_flag("-q,--quiet", a.quiet, "No progress bar");
}

// The strategy the differences are taken to: the one --reference names, which must be among
// those compared; without --reference, isolation if it is compared, else the first.
std::string reference_strategy(const std::string& named, const std::vector<std::string>& compared) {
  auto among = [&](const std::string& id) {
    return std::find(compared.begin(), compared.end(), id) != compared.end();
  };
  if (named.empty()) return among("isolation") ? "isolation" : compared.front();
  if (among(named)) return named;
  std::string list;
  for (const std::string& id : compared) list += (list.empty() ? "" : ", ") + id;
  throw Error(ErrorId::request_reference_not_run,
              fmt::format("--reference '{}' is not among the strategies compared ({}); name one of "
                          "them, or add it to "
                          "--strategies",
                          named, list));
}

int run(const CompareArgs& a) {
  const Scenario scenario = load_scenario_arg(a.file);
  ComparisonContext context;
  context.scenario_file = a.file.empty() ? "<embedded>/afghanistan-2024.yaml" : a.file;
  context.plan = comparison_plan(a, scenario);
  context.reference = reference_strategy(a.reference, context.plan.strategies);
  ProgressBar bar(a.plan.runs, !a.quiet);
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
  add_strategies_option(app, *args);
  app.add_option("--reference", args->reference,
                 "Strategy the differences are taken to, one of those compared (default: "
                 "isolation if compared, else the first)");
  return [args] { return run(*args); };
}

Handler add_simulate(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  auto strategy = std::make_shared<std::string>();
  add_common(app, *args);
  app.add_option("--strategy", *strategy, "Strategy id; every bloc's baseline if omitted");
  return [args, strategy] {
    args->reference = *strategy;
    args->plan.strategies = {*strategy};
    return run(*args);
  };
}

}  // namespace parley::cli
