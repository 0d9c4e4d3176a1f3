#include "run_store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>

namespace parley::cli {

CLI::Option* add_store_options(CLI::App& app, StoreOptions& options, const char* out_help,
                               bool resumable) {
  auto* out = app.add_option("--out", options.out, out_help);
  app.add_option("--record", options.record,
                 "Months the results database keeps: every, or checkpoints (0, every 12th and "
                 "the last); default every up to 50 million values")
      ->check(CLI::IsMember({"every", "checkpoints"}));
  if (resumable) {
    app.add_flag("--resume", options.resume,
                 "Continue the run a kill interrupted in --out DIR (the same command)")
        ->needs(out);
  }
  return out;
}

Record record_for(const StoreOptions& options, std::uint64_t runs, std::size_t strategies,
                  std::size_t series, int months) {
  if (options.record == "every") return Record::every;
  if (options.record == "checkpoints") return Record::checkpoints;
  const Record record = default_record(runs, strategies, series, months);
  if (record == Record::checkpoints && !options.out.empty()) {
    std::cerr << fmt::format(
        "Note: results.sqlite keeps months {} of every run (--record checkpoints): every month "
        "would be over {} values; --record every keeps them all\n",
        fmt::join(recorded_months(record, months), ", "), record_every_limit);
  }
  return record;
}

std::pair<int, int> parse_shard(const std::string& text) {
  if (text.empty()) return {1, 1};
  const auto slash = text.find('/');
  auto number = [&](const std::string& part) {
    if (part.empty() || part.size() > 6 ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      throw CLI::ValidationError("--shard", "expected k/N (e.g. 2/4), got '" + text + "'");
    }
    return std::stoi(part);
  };
  if (slash == std::string::npos) number("");
  const int k = number(text.substr(0, slash));
  const int n = number(text.substr(slash + 1));
  if (n < 1 || k < 1 || k > n) {
    throw CLI::ValidationError("--shard",
                               "expected k/N with 1 <= k <= N (shards are numbered from 1, as "
                               "Slurm array tasks), got '" +
                                   text + "'");
  }
  return {k, n};
}

std::string invocation() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string line, word;
  while (std::getline(in, word, '\0')) {
    const bool plain =
        !word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;!#~") == std::string::npos;
    if (!line.empty()) line += ' ';
    if (plain) {
      line += word;
    } else {
      line += '\'';
      for (char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
      line += '\'';
    }
  }
  return line;
}

StoredRun::StoredRun(const StoreOptions& options, const Scenario& scenario, const StorePlan& plan,
                     const StoreSession& session) {
  if (options.out.empty()) {
    store_ = ResultStore::temporary(scenario, plan, session);
    return;
  }
  directory_ = std::make_unique<RunDirectory>(options.out);
  const std::filesystem::path file = directory_->work() / "results.sqlite";
  if (options.resume && directory_->has_unfinished() && ResultStore::holds_plan(file)) {
    store_ = ResultStore::resume(file, scenario, plan, session);
    std::cerr << fmt::format("Resuming {}: {} of {} runs were stored\n", options.out,
                             store_->runs_stored(), shard_run_count(plan));
    return;
  }
  const std::filesystem::path finished = directory_->directory() / "results.sqlite";
  if (options.resume && std::filesystem::exists(finished)) {
    auto done = ResultStore::read(finished);
    if (const auto difference = done->difference(scenario, plan)) {
      throw Error(
          ErrorId::request_different_run,
          fmt::format("cannot resume: {} holds a different run ({})", options.out, *difference));
    }
    if (done->complete()) {
      std::cerr << fmt::format("{} already holds this run, complete\n", options.out);
      store_ = std::move(done);
      already_complete_ = true;
      return;
    }
  }
  if (directory_->has_unfinished() && ResultStore::holds_plan(file)) {
    std::cerr << fmt::format("Note: discarding the unfinished run in {} (--resume continues one)\n",
                             directory_->work().string());
  }
  directory_->start_fresh();
  try {
    store_ = ResultStore::create(file, scenario, plan, session);
  } catch (...) {
    // A database without its tables is nothing to resume.
    directory_->start_fresh();
    throw;
  }
}

void StoredRun::run(const std::function<void()>& write) {
  if (already_complete_) return;
  const auto start = std::chrono::steady_clock::now();
  try {
    write();
    store_->finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  } catch (...) {
    if (directory_) {
      try {
        // The runs received before the failure are whole: keep them.
        store_->flush();
      } catch (...) {
        // The runs committed before stay; the error that stopped the run is the one to report.
      }
      keep_for_resume();
    }
    throw;
  }
}

void StoredRun::keep_for_resume() {
  std::uint64_t stored = 0;
  try {
    stored = store_->runs_stored();
  } catch (...) {
  }
  store_.reset();
  if (stored == 0) {
    directory_->start_fresh();
    return;
  }
  std::cerr << fmt::format(
      "The {} runs stored so far are kept in {}: the same command with --resume continues "
      "them\n",
      stored, directory_->work().string());
}

void StoredRun::commit(const std::function<void(const std::filesystem::path& work)>& write) {
  if (!directory_ || already_complete_) return;
  try {
    write(directory_->work());
    store_->close();
  } catch (...) {
    keep_for_resume();
    throw;
  }
  directory_->commit();
}

}  // namespace parley::cli
