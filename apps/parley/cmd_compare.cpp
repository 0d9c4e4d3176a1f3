#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "ranks.hpp"
#include "run_options.hpp"
#include "run_store.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct CompareArgs : RunOptions {
  std::string reference;  // empty: isolation if compared, else the first strategy
  StoreOptions store;
  bool quiet = false;
  std::string shard;  // --shard k/N; empty: every run
  bool progress = false;
};

void add_common(CLI::App& app, CompareArgs& a) {
  add_run_options(app, a);
  CLI::Option* out = add_store_options(
      app, a.store,
      "Run directory: results.sqlite (every run), manifest.json, summary.csv/json, "
      "agreements.csv, recognition.csv",
      true);
  auto* quiet = app.add_flag("-q,--quiet", a.quiet, "No progress bar");
  app.add_flag("--progress", a.progress,
               "Draw the progress bar even when stderr is not a terminal (under mpirun, which "
               "passes it on through a pipe)")
      ->excludes(quiet);
  app.add_option("--shard", a.shard,
                 "Make only shard k of N of the runs (runs r with r % N == k - 1; k from 1, as "
                 "Slurm array tasks) into --out; parley merge combines the N directories")
      ->check([](const std::string& text) {
        parse_shard(text);
        return std::string();
      })
      ->needs(out);
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

// Everything a comparison needs before its runs: on every rank (ranks.hpp), and on rank 0 the
// run directory and its database.
struct Setup {
  Scenario scenario;
  ComparisonContext context;
  StorePlan store_plan;
  std::unique_ptr<StoredRun> stored;
  std::vector<std::uint64_t> missing;
};

StorePlan store_plan_of(const CompareArgs& a, const char* command, const Scenario& scenario,
                        const ComparisonPlan& plan) {
  StorePlan store_plan = parley::store_plan_of(command, plan);
  std::tie(store_plan.shard, store_plan.shards) = parse_shard(a.shard);
  if (store_plan.shards > plan.runs) {
    throw Error(ErrorId::request_invalid_option,
                fmt::format("--shard {}: {} shards of {} runs would leave some empty; use at most "
                            "--runs shards",
                            a.shard, store_plan.shards, plan.runs));
  }
  // Without a run directory nothing is kept: the table's months are enough.
  store_plan.record = a.store.out.empty()
                          ? Record::checkpoints
                          : record_for(a.store, store_plan.runs, plan.strategies.size(),
                                       series_names(scenario).size(), plan.engagement.months);
  return store_plan;
}

void set_up(const CompareArgs& a, const char* command, const World& world, Setup& s) {
  s.scenario = load_scenario_arg(a.file);
  s.context.scenario_file = scenario_arg_name(a.file);
  s.context.plan = comparison_plan(a, s.scenario);
  // Checked here, not by the first run: under mpirun every rank then agrees on the error before
  // any run starts, and rank 0 alone reports it.
  for (const std::string& id : s.context.plan.strategies) {
    if (!id.empty()) require_strategy(s.scenario, id);  // "" is every bloc's baseline
  }
  s.context.reference = reference_strategy(a.reference, s.context.plan.strategies);
  // The other ranks only make runs: rank 0 alone checks --shard and notes the months kept.
  if (world.rank != 0) return;
  s.store_plan = store_plan_of(a, command, s.scenario, s.context.plan);
  s.stored = std::make_unique<StoredRun>(
      a.store, s.scenario, s.store_plan,
      StoreSession{.command_line = invocation(),
                   .scenario_file = s.context.scenario_file,
                   .threads = resolved_threads(s.context.plan.threads) * world.size});
  s.missing = s.stored->store().missing_runs();
}

// A shard's run directory: its database and a manifest naming the shard; the tables come from
// `parley merge` over every shard.
void finish_shard(const CompareArgs& a, Setup& s) {
  ResultStore& store = s.stored->store();
  const StorePlan& p = store.plan();
  s.context.seconds = store.seconds();
  s.stored->commit([&](const std::filesystem::path& work) {
    write_file_atomically(
        work / "manifest.json",
        run_manifest(s.scenario, s.context, store,
                     {{"shard", nlohmann::json(fmt::format("{}/{}", p.shard, p.shards)).dump()},
                      {"shard_runs", std::to_string(shard_run_count(p))}}));
  });
  std::cout << fmt::format(
      "Shard {}/{}: runs r with r % {} = {} ({} of {} runs), stored in {} ({:.1f} s)\n"
      "parley merge OUT DIR... combines the {} shards' directories into the whole run.\n",
      p.shard, p.shards, p.shards, p.shard - 1, shard_run_count(p), p.runs, a.store.out,
      s.context.seconds, p.shards);
}

int run(const CompareArgs& a, const char* command) {
  const World here = world();
  Setup s;
  agree(
      here, [&] { set_up(a, command, here, s); }, exit_code_of);
  const std::vector<std::uint64_t> runs = share(here, s.missing);
  if (here.rank != 0) {
    work(here, s.scenario, s.context.plan, runs);
    return exit_ok;
  }
  StoredRun& stored = *s.stored;
  ResultStore& store = stored.store();
  const std::uint64_t total = shard_run_count(s.store_plan);
  ProgressBar bar(total, !a.quiet, "runs", total - runs.size(), !a.progress);
  ProgressSink sink(&store, bar, total - runs.size());
  try {
    stored.run([&] { gather(here, s.scenario, s.context.plan, runs, sink); });
  } catch (...) {
    bar.finish();
    // The other ranks may be waiting to send: end them with this rank's exit code.
    if (spread(here)) abort_ranks(here, report_failure(std::current_exception(), here));
    throw;
  }
  bar.finish();
  if (s.store_plan.shards > 1) {
    finish_shard(a, s);
    return exit_ok;
  }
  s.context.seconds = store.seconds();
  const auto summaries = summarise(store, s.context.reference);
  std::cout << comparison_table(s.scenario, s.context, summaries);
  if (stored.has_directory()) {
    stored.commit([&](const std::filesystem::path& work) {
      write_run_directory(work, s.scenario, s.context, store, summaries);
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
