// parley score: how well a scenario's runs forecast what happened (docs/observations.md).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "run_store.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
namespace fs = std::filesystem;

struct ScoreArgs : RunOptions {
  std::string observations;
  ObservationWindow window;
  std::string strategy;
  std::string format = "table";
  std::string file_out;  // -o: the table, CSV or JSON
  std::string out;       // --out: a run directory
  bool quiet = false;
  // The options that choose runs to simulate: meaningless for runs already stored.
  std::vector<const CLI::Option*> simulation_options;
  // Scoring needs the ensemble's spread, not a long tail: fewer runs than compare's default.
  ScoreArgs() {
    plan.runs = 200;
    plan.engagement.months = 0;  // 0: up to the observations' last month
  }
};

std::vector<StrategyScore> score_all(const RunSource& runs, const ScoreContext& context,
                                     const Observations& observations) {
  std::vector<StrategyScore> scores;
  for (const std::string& strategy : context.plan.strategies) {
    scores.push_back(score_strategy(runs, strategy, observations, context.scoring));
  }
  return scores;
}

std::string render(const std::string& format, const Observations& observations,
                   const ScoreContext& context, const std::vector<StrategyScore>& scores) {
  if (format == "csv") return score_csv(observations, context.scoring, scores);
  if (format == "json") return score_json(observations, context, scores);
  return score_table(observations, context, scores);
}

void report(const ScoreArgs& a, const Observations& observations, const ScoreContext& context,
            const std::vector<StrategyScore>& scores) {
  emit(render(a.format, observations, context, scores), a.file_out);
  if (!a.out.empty() && a.format == "table" && a.file_out.empty()) {
    std::cout << fmt::format("\nRun directory: {}\n", a.out);
  }
}

StoreSession session_of(const std::string& scenario_file, int threads) {
  return {.command_line = invocation(),
          .scenario_file = scenario_file,
          .threads = resolved_threads(threads)};
}

// The scenario's runs, simulated here: in memory, or with --out streamed into the run
// directory's database and scored from it.
int score_scenario(const ScoreArgs& a) {
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
  const ComparisonPlan& plan = context.plan;
  ProgressBar bar(plan.runs, !a.quiet);
  if (a.out.empty()) {
    const auto results = run_comparison(scenario, plan, [&](int done) { bar.update(done); });
    bar.finish();
    report(a, observations, context,
           score_all(MemoryRunSource(scenario, results), context, observations));
    return exit_ok;
  }
  for (const std::string& id : plan.strategies) {
    if (!id.empty()) require_strategy(scenario, id);  // "" is every bloc's baseline
  }
  // Every month recorded (store_plan_of's default): events are judged month by month.
  const StorePlan store_plan = store_plan_of("score", plan);
  StoreOptions options;
  options.out = a.out;
  StoredRun stored(options, scenario, store_plan, session_of(a.file, plan.threads));
  ResultStore& store = stored.store();
  ProgressSink sink(&store, bar, 0);
  stored.run([&] { stream_comparison(scenario, plan, store.missing_runs(), sink); });
  bar.finish();
  const auto scores = score_all(StoredRunSource(store), context, observations);
  stored.commit([&](const fs::path& work) {
    const auto id = store.write_scores(observations, a.observations, context.scoring, scores);
    ComparisonContext run{.scenario_file = a.file, .plan = plan, .reference = ""};
    write_score_directory(work, run_manifest(scenario, run, store), store, observations, context,
                          scores, id);
  });
  report(a, observations, context, scores);
  return exit_ok;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    throw Error(ErrorId::io_read, fmt::format("cannot read {}", file.string()));
  }
  return text.str();
}

// With --out: a copy of the run directory (its database copied through SQLite, its other
// files as they are) whose database and files gain the scores. The run directory itself may be
// the --out: it is then replaced whole by its scored copy.
void write_scored_copy(const ScoreArgs& a, const fs::path& source, const Observations& observations,
                       const ScoreContext& context, const std::vector<StrategyScore>& scores) {
  const fs::path manifest = source / "manifest.json";
  if (!fs::exists(manifest)) {
    throw Error(ErrorId::request_not_scorable,
                fmt::format("score --out: {} has no manifest.json, so it is not a whole run "
                            "directory to copy",
                            source.string()));
  }
  const std::string manifest_text = read_text(manifest);
  RunDirectory directory(a.out);
  directory.start_fresh();
  try {
    const fs::path& work = directory.work();
    for (const auto& entry : fs::directory_iterator(source)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("results.sqlite", 0) == 0 || name == "manifest.json" ||
          !is_run_directory_file(name) || name.find(".tmp-") != std::string::npos) {
        continue;
      }
      write_file_atomically(work / name, read_text(entry.path()));
    }
    ResultStore::copy(source / "results.sqlite", work / "results.sqlite");
    auto store = ResultStore::amend(work / "results.sqlite",
                                    session_of(context.scenario_file, a.plan.threads));
    const auto id = store->write_scores(observations, a.observations, context.scoring, scores);
    store->finish(0.0);
    write_score_directory(work, manifest_text, *store, observations, context, scores, id);
    store->close();
  } catch (...) {
    directory.start_fresh();
    throw;
  }
  directory.commit();
}

// The runs a compare, simulate or score --out stored, read series by series from its database.
int score_run_directory(const ScoreArgs& a) {
  for (const CLI::Option* option : a.simulation_options) {
    if (option->count() > 0) {
      throw Error(ErrorId::request_invalid_option,
                  fmt::format("score: {} chooses runs to simulate; '{}' is a run directory, whose "
                              "stored runs are scored as they are",
                              option->get_name(), a.file));
    }
  }
  const fs::path source(a.file);
  const fs::path file = source / "results.sqlite";
  if (!fs::exists(file)) {
    throw Error(ErrorId::request_not_scorable,
                fmt::format("score: '{}' is a directory without results.sqlite; give a scenario "
                            "file, or a run directory of compare, simulate or score --out",
                            a.file));
  }
  const auto store = ResultStore::read(file);
  const StoredRunSource runs(*store);
  const Scenario scenario = store->scenario();
  const ObservationContext checks = observation_context(runs, scenario);
  const Observations observations =
      within_window(load_observations_file(a.observations, &checks), a.window);
  const StorePlan& stored = store->plan();
  ScoreContext context;
  context.scenario_file = store->scenario_file();
  context.observations_file = a.observations;
  context.plan.strategies = stored.strategies;
  if (!a.plan.strategies.empty()) context.plan.strategies = a.plan.strategies;
  if (!a.strategy.empty()) context.plan.strategies = {a.strategy};
  context.plan.runs = static_cast<int>(stored.runs);
  context.plan.seed = stored.seed;
  context.plan.engagement.months = stored.months;
  context.plan.engagement.engine = stored.engine;
  const auto scores = score_all(runs, context, observations);
  if (!a.out.empty()) write_scored_copy(a, source, observations, context, scores);
  report(a, observations, context, scores);
  return exit_ok;
}
}  // namespace

Handler add_score(CLI::App& app) {
  auto a = std::make_shared<ScoreArgs>();
  app.add_option("scenario", a->file,
                 "Scenario file whose runs are scored, or a run directory (compare, simulate or "
                 "score --out) whose stored runs are")
      ->required();
  app.add_option("observations", a->observations, "Observations file (docs/observations.md)")
      ->required();
  a->simulation_options.push_back(
      app.add_option("--runs", a->plan.runs, "Monte Carlo runs per strategy")
          ->check(CLI::Range(1, limits::max_runs)));
  add_engagement_options(
      app, a->plan,
      {.seed = "Master seed; run r draws from stream (seed, r)",
       .threads = "Worker threads (0: all cores); results do not depend on it",
       .engine = "Bargaining model for the regime's internal bargaining and the tracks"});
  for (const char* name : {"--months", "--seed", "--engine"}) {
    a->simulation_options.push_back(app.get_option(name));
  }
  add_strategies_option(app, *a);
  app.add_option("--strategy", a->strategy, "Score one strategy (default: every strategy)");
  add_window_options(app, a->window);
  app.add_option("--format", a->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("-o", a->file_out, "Write the table, CSV or JSON to this file (atomically)");
  app.add_option("--out", a->out,
                 "Run directory: results.sqlite (the runs scored and the scores), scores.csv, "
                 "scores.json, manifest.json");
  app.add_flag("-q,--quiet", a->quiet, "No progress bar");
  return [a] {
    return std::filesystem::is_directory(a->file) ? score_run_directory(*a) : score_scenario(*a);
  };
}

}  // namespace parley::cli
