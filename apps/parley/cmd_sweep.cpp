#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "run_store.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct SweepArgs : RunOptions {
  std::string path;
  std::vector<double> values;
  double from = 0, to = 1;
  int steps = 0;
  std::vector<std::string> series{"food_insecure_millions"};
  std::string csv;
  StoreOptions store;
  bool quiet = false;
  // A whole comparison runs at each value: fewer runs than compare's default.
  SweepArgs() { plan.runs = 200; }
};

// --values as given, or --steps evenly spaced values from --from to --to inclusive.
std::vector<double> sweep_values(const SweepArgs& a) {
  if (!a.values.empty()) return a.values;
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(a.steps));  // 1 to 1000 (the option's check)
  for (int k = 0; k < a.steps; ++k) {
    values.push_back(a.steps == 1 ? a.from : a.from + (a.to - a.from) * k / (a.steps - 1));
  }
  return values;
}
// The sweep with a run directory: every run of every value in results.sqlite.
int run_stored(const SweepArgs& a, const Scenario& scenario, const SweepPlan& plan) {
  const ComparisonPlan& c = plan.comparison;
  const auto runs = static_cast<std::uint64_t>(c.runs) * plan.values.size();
  StorePlan store_plan = store_plan_of("sweep", c);
  store_plan.runs = runs;  // every value's runs
  store_plan.record = record_for(a.store, runs, c.strategies.size(), series_names(scenario).size(),
                                 c.engagement.months);
  store_plan.parameters = {{"sweep_path", plan.path},
                           {"sweep_values", nlohmann::json(plan.values).dump()},
                           {"runs_per_value", std::to_string(c.runs)}};
  store_plan.variant_values = plan.values;
  const std::string file = scenario_arg_name(a.file);
  StoredRun stored(a.store, scenario, store_plan,
                   {.command_line = invocation(),
                    .scenario_file = file,
                    .threads = resolved_threads(c.threads)});
  std::vector<SweepPoint> points;
  ProgressBar bar(runs, !a.quiet);
  ProgressSink sink(&stored.store(), bar, 0);
  stored.run([&] { points = run_sweep(scenario, plan, &sink); });
  bar.finish();
  std::cout << sweep_table(scenario, plan, points);
  const std::string csv = sweep_csv(plan, points);
  if (!a.csv.empty()) write_file_atomically(a.csv, csv);
  ComparisonContext context;
  context.scenario_file = file;
  context.plan = c;
  stored.commit([&](const std::filesystem::path& work) {
    write_file_atomically(work / "sweep.csv", csv);
    const auto sweep = nlohmann::ordered_json(
        {{"path", plan.path}, {"values", plan.values}, {"series", plan.series}});
    write_file_atomically(work / "manifest.json", run_manifest(scenario, context, stored.store(),
                                                               {{"sweep", sweep.dump()}}));
  });
  std::cout << fmt::format("\nRun directory: {}\n", a.store.out);
  return exit_ok;
}

}  // namespace

Handler add_sweep(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  add_run_options(app, *a);
  app.add_option("--param", a->path, "Id path of the number to sweep, e.g. regime.weights.revenue")
      ->required();
  auto* values = app.add_option("--values", a->values, "Comma-separated values")
                     ->delimiter(',')
                     ->check(scenario_number);
  auto* steps =
      app.add_option("--steps", a->steps, "Number of evenly spaced values, --from to --to")
          ->check(CLI::Range(1, 1000));
  values->excludes(steps);
  app.add_option("--from", a->from, "First value with --steps")
      ->needs(steps)
      ->check(scenario_number);
  app.add_option("--to", a->to, "Last value with --steps")->needs(steps)->check(scenario_number);
  add_strategies_option(app, *a);
  app.add_option("--series", a->series,
                 "Comma-separated series: indicators or policy:<issue> (default "
                 "food_insecure_millions)")
      ->delimiter(',');
  app.add_option("-o", a->csv, "Also write the sweep as tidy CSV to this file (atomically)");
  add_store_options(app, a->store,
                    "Run directory: results.sqlite (every run at every value), manifest.json, "
                    "sweep.csv",
                    false);
  app.add_flag("-q,--quiet", a->quiet, "No progress bar");
  return [a] {
    SweepPlan plan;
    plan.values = sweep_values(*a);
    // A usage error, whatever the file: no need to read the scenario first.
    if (plan.values.empty()) throw CLI::ValidationError("sweep", "give --values or --steps");
    const Scenario scenario = load_scenario_arg(a->file);
    plan.path = a->path;
    plan.series = a->series;
    plan.comparison = comparison_plan(*a, scenario);
    if (a->store.out.empty()) {
      ProgressBar bar(static_cast<std::uint64_t>(plan.comparison.runs) * plan.values.size(),
                      !a->quiet);
      ProgressSink sink(nullptr, bar, 0);
      const std::vector<SweepPoint> points = run_sweep(scenario, plan, &sink);
      bar.finish();
      std::cout << sweep_table(scenario, plan, points);
      if (!a->csv.empty()) write_file_atomically(a->csv, sweep_csv(plan, points));
      return exit_ok;
    }
    return run_stored(*a, scenario, plan);
  };
}

}  // namespace parley::cli
