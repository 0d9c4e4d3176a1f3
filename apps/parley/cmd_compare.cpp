#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "run_store.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct CompareArgs : RunOptions {
  std::string reference;  // empty: isolation if compared, else the first strategy
  StoreOptions store;
  bool quiet = false;
};

void add_common(CLI::App& app, CompareArgs& a) {
  add_run_options(app, a);
  add_store_options(app, a.store,
                    "Run directory: results.sqlite (every run), manifest.json, summary.csv/json, "
                    "agreements.csv, recognition.csv",
                    true);
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

int run(const CompareArgs& a, const char* command) {
  const Scenario scenario = load_scenario_arg(a.file);
  ComparisonContext context;
  context.scenario_file = a.file.empty() ? "<embedded>/afghanistan-2024.yaml" : a.file;
  context.plan = comparison_plan(a, scenario);
  const auto& plan = context.plan;
  const auto& strategies = plan.strategies;
  context.reference = reference_strategy(a.reference, strategies);

  StorePlan store_plan;
  store_plan.command = command;
  store_plan.strategies = strategies;
  store_plan.seed = plan.seed;
  store_plan.months = plan.engagement.months;
  store_plan.engine = plan.engagement.engine;
  store_plan.runs = static_cast<std::uint64_t>(plan.runs);
  // Without a run directory nothing is kept: the table's months are enough.
  store_plan.record = a.store.out.empty()
                          ? Record::checkpoints
                          : record_for(a.store, store_plan.runs, strategies.size(),
                                       series_names(scenario).size(), plan.engagement.months);
  StoredRun stored(a.store, scenario, store_plan,
                   {.command_line = invocation(),
                    .scenario_file = context.scenario_file,
                    .threads = resolved_threads(plan.threads)});
  ResultStore& store = stored.store();
  const auto missing = store.missing_runs();
  ProgressBar bar(plan.runs, !a.quiet);
  ProgressSink sink(store, bar, plan.runs - static_cast<int>(missing.size()));
  stored.run([&] { stream_comparison(scenario, plan, missing, sink); });
  bar.finish();
  context.seconds = store.seconds();
  const auto summaries = summarise(store, context.reference);
  std::cout << comparison_table(scenario, context, summaries);
  if (stored.has_directory()) {
    stored.commit([&](const std::filesystem::path& work) {
      write_run_directory(work, scenario, context, store, summaries);
    });
    std::cout << fmt::format("\nRun directory: {}\n", a.store.out);
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
  return [args] { return run(*args, "compare"); };
}

Handler add_simulate(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  auto strategy = std::make_shared<std::string>();
  add_common(app, *args);
  app.add_option("--strategy", *strategy, "Strategy id; every bloc's baseline if omitted");
  return [args, strategy] {
    args->reference = *strategy;
    args->plan.strategies = {*strategy};
    return run(*args, "simulate");
  };
}

}  // namespace parley::cli
