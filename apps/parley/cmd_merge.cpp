// parley merge OUT DIR...: the run directories of the shards of one comparison (compare or
// simulate --shard k/N, e.g. the tasks of a Slurm job array) combined into the run directory one
// process making every run would have written.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_store.hpp"

namespace parley::cli {

namespace fs = std::filesystem;

namespace {

struct MergeArgs {
  std::string out;
  std::vector<std::string> shards;
  bool quiet = false;
};

// The database of the shard directory `directory`, refused with the reason when there is none.
fs::path shard_database(const std::string& directory) {
  const fs::path dir(directory);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    const fs::path name = dir.filename().empty() ? dir.parent_path() : dir;
    const fs::path work = name.parent_path() / ("." + name.filename().string() + ".partial");
    if (fs::exists(work / "results.sqlite", ec)) {
      throw Error(ErrorId::request_unfinished_shard,
                  fmt::format("cannot merge: {} is unfinished (a killed run left {}); finish it "
                              "with the same command and --resume",
                              directory, work.string()));
    }
    throw Error(ErrorId::io_read, fmt::format("cannot merge: {} is not a directory", directory));
  }
  if (!fs::exists(dir / "results.sqlite", ec)) {
    throw Error(ErrorId::request_not_run_directory,
                fmt::format("cannot merge: {} holds no results.sqlite; name the run directories "
                            "of compare or simulate --shard k/N --out DIR",
                            directory));
  }
  return dir / "results.sqlite";
}

// The reference strategy the shards' manifests name: the same in every one.
std::string shared_reference(const std::vector<std::string>& shards) {
  std::string reference, first;
  for (const std::string& directory : shards) {
    const fs::path file = fs::path(directory) / "manifest.json";
    std::ifstream in(file);
    nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
    if (!in || manifest.is_discarded() || !manifest.contains("reference")) {
      throw Error(ErrorId::io_read,
                  fmt::format("cannot merge: {} is not a run directory's manifest (no "
                              "'reference')",
                              file.string()));
    }
    const std::string named = manifest["reference"].get<std::string>();
    if (first.empty()) {
      reference = named;
      first = directory;
    } else if (named != reference) {
      throw Error(ErrorId::request_different_run,
                  fmt::format("cannot merge: {} and {} hold different runs (reference is {} in "
                              "{}, {} in {})",
                              first, directory, reference, first, named, directory));
    }
  }
  return reference;
}

int run(const MergeArgs& a) {
  std::vector<fs::path> databases;
  for (const std::string& directory : a.shards) databases.push_back(shard_database(directory));
  const std::string reference = shared_reference(a.shards);
  RunDirectory directory(a.out);
  directory.start_fresh();
  std::unique_ptr<ResultStore> store;
  // Known once the shards are read: blocks of series values (a strategy's series each).
  std::optional<ProgressBar> bar;
  try {
    store =
        ResultStore::merge_shards(databases, directory.work() / "results.sqlite",
                                  {.command_line = invocation(), .scenario_file = "", .threads = 1},
                                  [&](std::size_t merged, std::size_t total) {
                                    if (!bar) bar.emplace(total, !a.quiet, "series");
                                    bar->update(merged);
                                  });
    if (bar) bar->finish();
    const Scenario scenario = store->scenario();
    const StorePlan& p = store->plan();
    ComparisonContext context;
    context.scenario_file = store->scenario_file();
    context.plan.strategies = p.strategies;
    context.plan.runs = static_cast<int>(p.runs);
    context.plan.seed = p.seed;
    context.plan.threads = 1;
    context.plan.engagement.months = p.months;
    context.plan.engagement.engine = p.engine;
    context.reference = reference;
    context.seconds = store->seconds();
    const auto summaries = summarise(*store, reference);
    std::cout << comparison_table(scenario, context, summaries);
    write_run_directory(directory.work(), scenario, context, *store, summaries);
    store->close();
  } catch (...) {
    if (bar) bar->finish();
    store.reset();
    // Nothing to resume: a merge starts again from the shards.
    directory.start_fresh();
    throw;
  }
  directory.commit();
  std::cout << fmt::format("\nRun directory: {} (merged from {} shards)\n", a.out,
                           databases.size());
  return exit_ok;
}

}  // namespace

Handler add_merge(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  app.add_option("OUT", args->out, "Run directory to write: the whole run")->required();
  app.add_option("DIR", args->shards,
                 "Run directories of the shards (compare or simulate --shard k/N --out DIR), "
                 "every k of 1..N once, in any order")
      ->required();
  app.add_flag("-q,--quiet", args->quiet, "No progress bar");
  return [args] { return run(*args); };
}

}  // namespace parley::cli
