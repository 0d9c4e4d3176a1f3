#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "run_options.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

Handler add_sensitivity(CLI::App& app) {
  struct Args {
    std::string file;
    SensitivityPlan plan;
    std::size_t top = 20;
    std::string out;
  };
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
  app.add_option("-o,--out", a->out, "Also write every factor as CSV to this file (atomically)");
  return [a] {
    const Scenario scenario = load_scenario_arg(a->file);
    const std::vector<FactorEffect> effects = morris_screening(scenario, a->plan);
    std::cout << sensitivity_table(scenario, a->plan, effects, a->top);
    if (!a->out.empty()) write_file_atomically(a->out, sensitivity_csv(effects));
    return exit_ok;
  };
}

}  // namespace parley::cli
