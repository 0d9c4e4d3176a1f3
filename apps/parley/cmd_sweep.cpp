#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "run_options.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct SweepArgs : RunOptions {
  std::string path;
  std::vector<double> values;
  double from = 0, to = 1;
  int steps = 0;
  std::vector<std::string> series{"food_insecure_millions"};
  std::string out;
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
  app.add_option("-o,--out", a->out, "Also write the sweep as tidy CSV to this file (atomically)");
  return [a] {
    SweepPlan plan;
    plan.values = sweep_values(*a);
    // A usage error, whatever the file: no need to read the scenario first.
    if (plan.values.empty()) throw CLI::ValidationError("sweep", "give --values or --steps");
    const Scenario scenario = load_scenario_arg(a->file);
    plan.path = a->path;
    plan.series = a->series;
    plan.comparison = comparison_plan(*a, scenario);
    const std::vector<SweepPoint> points = run_sweep(scenario, plan);
    std::cout << sweep_table(scenario, plan, points);
    if (!a->out.empty()) write_file_atomically(a->out, sweep_csv(plan, points));
    return exit_ok;
  };
}

}  // namespace parley::cli
