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

struct Args {
  std::string file;
  SensitivityPlan plan;
  std::size_t top = 20;
  std::string csv;
  StoreOptions store;
  bool quiet = false;
};

// The points a screening runs: (factors + 1) per trajectory.
std::uint64_t screening_points(const Scenario& scenario, const SensitivityPlan& plan) {
  return static_cast<std::uint64_t>(plan.trajectories) * (morris_factor_paths(scenario).size() + 1);
}

// The screening with a run directory: every point of every trajectory in results.sqlite.
int run_stored(const Args& a, const Scenario& scenario) {
  const SensitivityPlan& p = a.plan;
  std::vector<std::string> strategies{p.strategy};
  if (!p.reference.empty()) strategies.push_back(p.reference);
  const std::size_t factors = morris_factor_paths(scenario).size();
  const auto runs = static_cast<std::uint64_t>(p.trajectories) * (factors + 1);
  StorePlan store_plan;
  store_plan.command = "sensitivity";
  store_plan.strategies = strategies;
  store_plan.seed = p.seed;
  store_plan.months = p.engagement.months;
  store_plan.engine = p.engagement.engine;
  store_plan.runs = runs;
  store_plan.record = record_for(a.store, runs, strategies.size(), series_names(scenario).size(),
                                 p.engagement.months);
  store_plan.parameters = {{"screened_series", p.series},
                           {"trajectories", std::to_string(p.trajectories)},
                           {"levels", std::to_string(p.levels)}};
  const std::string file = scenario_arg_name(a.file);
  StoredRun stored(a.store, scenario, store_plan,
                   {.command_line = invocation(),
                    .scenario_file = file,
                    .threads = resolved_threads(p.threads)});
  std::vector<FactorEffect> effects;
  ProgressBar bar(runs, !a.quiet, "points");
  ProgressSink sink(&stored.store(), bar, 0);
  stored.run([&] { effects = morris_screening(scenario, p, &sink); });
  bar.finish();
  std::cout << sensitivity_table(scenario, p, effects, a.top);
  const std::string csv = sensitivity_csv(effects);
  if (!a.csv.empty()) write_file_atomically(a.csv, csv);
  ComparisonContext context;
  context.scenario_file = file;
  context.plan.strategies = strategies;
  context.plan.runs = static_cast<int>(runs);
  context.plan.seed = p.seed;
  context.plan.threads = p.threads;
  context.plan.engagement = p.engagement;
  context.reference = p.reference;
  const nlohmann::ordered_json screening{{"strategy", p.strategy}, {"reference", p.reference},
                                         {"series", p.series},     {"trajectories", p.trajectories},
                                         {"levels", p.levels},     {"factors", factors}};
  stored.commit([&](const std::filesystem::path& work) {
    write_file_atomically(work / "sensitivity.csv", csv);
    write_file_atomically(work / "manifest.json", run_manifest(scenario, context, stored.store(),
                                                               {{"screening", screening.dump()}}));
  });
  std::cout << fmt::format("\nRun directory: {}\n", a.store.out);
  return exit_ok;
}

}  // namespace

Handler add_sensitivity(CLI::App& app) {
  auto a = std::make_shared<Args>();
  SensitivityPlan& p = a->plan;
  add_scenario_file(app, a->file);
  app.add_option("--strategy", p.strategy, "Strategy whose outcome is screened")->required();
  app.add_option("--reference", p.reference,
                 "Screen the paired difference strategy - reference instead");
  app.add_option("--series", p.series,
                 "Indicator or policy:<issue> at the last month (default food_insecure_millions)");
  app.add_option("--trajectories", p.trajectories, "Morris trajectories (default 10)")
      ->check(CLI::Range(2, 10000));
  app.add_option("--levels", p.levels, "Grid levels per factor, even (default 4)")
      ->check(CLI::Range(2, 100));
  add_engagement_options(app, p,
                         {.seed = "Master seed; trajectory t draws from stream (seed, t)",
                          .threads = "Worker threads (0: all cores)",
                          .engine = "Bargaining model of the engagement dynamics"});
  app.add_option("--top", a->top, "Factors to list, most important first (0: all; default 20)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  app.add_option("-o", a->csv, "Also write every factor as CSV to this file (atomically)");
  add_store_options(app, a->store,
                    "Run directory: results.sqlite (every point of every trajectory), "
                    "manifest.json, sensitivity.csv",
                    false);
  app.add_flag("-q,--quiet", a->quiet, "No progress bar");
  return [a] {
    const Scenario scenario = load_scenario_arg(a->file);
    if (!a->store.out.empty()) return run_stored(*a, scenario);
    ProgressBar bar(screening_points(scenario, a->plan), !a->quiet, "points");
    ProgressSink sink(nullptr, bar, 0);
    const std::vector<FactorEffect> effects = morris_screening(scenario, a->plan, &sink);
    bar.finish();
    std::cout << sensitivity_table(scenario, a->plan, effects, a->top);
    if (!a->csv.empty()) write_file_atomically(a->csv, sensitivity_csv(effects));
    return exit_ok;
  };
}

}  // namespace parley::cli
