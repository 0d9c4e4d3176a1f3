// parley score: how well a scenario's runs forecast what happened (docs/observations.md).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct ScoreArgs : RunOptions {
  std::string observations;
  ObservationWindow window;
  std::string strategy;
  std::string format = "table";
  std::string out;
  bool quiet = false;
  // Scoring needs the ensemble's spread, not a long tail: fewer runs than compare's default.
  ScoreArgs() {
    plan.runs = 200;
    plan.engagement.months = 0;  // 0: up to the observations' last month
  }
};

// Scoring the runs stored in a run directory needs the results store; say so rather than
// pretend, and give the command that works.
void refuse_run_directory(const std::string& directory) {
  throw Error(
      ErrorId::request_invalid_option,
      fmt::format(
          "score: '{}' is a run directory; scoring stored runs needs the results store "
          "(results.sqlite), which this build does not have yet. Score the scenario instead, which "
          "runs the simulations itself: parley score SCENARIO OBSERVATIONS --strategy ID --runs N",
          directory));
}

int run(const ScoreArgs& a) {
  if (std::filesystem::is_directory(a.file)) refuse_run_directory(a.file);
  const Scenario scenario = load_scenario_arg(a.file);
  ScoreContext context;
  context.scenario_file = a.file;
  context.observations_file = a.observations;
  context.plan = comparison_plan(a, scenario);
  if (!a.strategy.empty()) context.plan.strategies = {a.strategy};
  // Checked against the scenario's series and as_of now, and against the months once known.
  ObservationContext checks{series_names(scenario), scenario.meta.as_of,
                            a.plan.engagement.months > 0 ? a.plan.engagement.months : -1};
  const Observations observations =
      within_window(load_observations_file(a.observations, &checks), a.window);
  if (context.plan.engagement.months <= 0) {
    context.plan.engagement.months = months_for(observations);
  }
  ProgressBar bar(context.plan.runs, !a.quiet);
  const auto results = run_comparison(scenario, context.plan, [&](int done) { bar.update(done); });
  bar.finish();
  const MemoryRunSource runs(scenario, results);
  std::vector<StrategyScore> scores;
  for (const std::string& strategy : context.plan.strategies) {
    scores.push_back(score_strategy(runs, strategy, observations, context.scoring));
  }
  std::string text;
  if (a.format == "csv") {
    text = score_csv(observations, context.scoring, scores);
  } else if (a.format == "json") {
    text = score_json(observations, context, scores);
  } else {
    text = score_table(observations, context, scores);
  }
  emit(text, a.out);
  return exit_ok;
}
}  // namespace

Handler add_score(CLI::App& app) {
  auto a = std::make_shared<ScoreArgs>();
  app.add_option("scenario", a->file,
                 "Scenario file whose runs are scored (a run directory needs the results store)")
      ->required();
  app.add_option("observations", a->observations, "Observations file (docs/observations.md)")
      ->required();
  app.add_option("--runs", a->plan.runs, "Monte Carlo runs per strategy")
      ->check(CLI::Range(1, 10000000));
  add_engagement_options(
      app, a->plan,
      {.seed = "Master seed; run r draws from stream (seed, r)",
       .threads = "Worker threads (0: all cores); results do not depend on it",
       .engine = "Bargaining model for the regime's internal bargaining and the tracks"});
  add_strategies_option(app, *a);
  app.add_option("--strategy", a->strategy, "Score one strategy (default: every strategy)");
  add_window_options(app, a->window);
  app.add_option("--format", a->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("-o,--out", a->out, "Write to this file (atomically) instead of the terminal");
  app.add_flag("-q,--quiet", a->quiet, "No progress bar");
  return [a] { return run(*a); };
}

}  // namespace parley::cli
