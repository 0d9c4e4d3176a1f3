// What the commands that run simulations share beyond their plans: the results database, the
// run directory it lives in, and the options that choose them (--out, --resume, --record).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "parley/io.hpp"
#include "progress.hpp"

namespace parley::cli {

struct StoreOptions {
  std::string out;  // run directory; empty: none
  bool resume = false;
  std::string record;  // "every", "checkpoints", or empty for the default
};

// --out DIR (described by `out_help`), --record, and with `resumable` --resume; returns --out.
CLI::Option* add_store_options(CLI::App& app, StoreOptions& options, const char* out_help,
                               bool resumable);

// The months to keep: as asked, else the default for the database's size (with a note on
// stderr when that is the checkpoints).
Record record_for(const StoreOptions& options, std::uint64_t runs, std::size_t strategies,
                  std::size_t series, int months);

// The threads a --threads value gives: 0 is every core.
inline int resolved_threads(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
}

// The command line of this process, quoted where a word needs it (for the database's sessions).
std::string invocation();

// Passes runs on to a store (or nothing: `next` null) and moves the progress bar.
class ProgressSink final : public RunSink {
 public:
  ProgressSink(RunSink* next, ProgressBar& bar, std::uint64_t done)
      : next_(next), bar_(bar), done_(done) {}
  void begin(const std::vector<std::string>& paths) override {
    if (next_) next_->begin(paths);
  }
  void accept(const RunResult& result) override {
    if (next_) next_->accept(result);
    bar_.update(++done_);
  }

 private:
  RunSink* next_;
  ProgressBar& bar_;
  std::uint64_t done_;
};

// --shard k/N: "k/N" with 1 <= k <= N, as {k, N}; "" is {1, 1}. Throws CLI::ValidationError.
std::pair<int, int> parse_shard(const std::string& text);

// A run directory and the database being written in it. `write` runs the analysis into the
// store; the caller then writes its files into work() and calls commit(). When `write` fails, a
// database that holds runs stays in the work directory for --resume, and stderr says so.
class StoredRun {
 public:
  // Claims options.out (empty: a temporary database, nothing kept) and opens its database:
  // the unfinished one when options.resume and it matches, else a new one.
  StoredRun(const StoreOptions& options, const Scenario& scenario, const StorePlan& plan,
            const StoreSession& session);
  ResultStore& store() { return *store_; }
  bool has_directory() const { return directory_ != nullptr; }
  // A complete run already in the directory, matching (--resume on a finished run): nothing to
  // compute; store() reads it.
  bool already_complete() const { return already_complete_; }
  // Runs `write` (which streams runs into store()) and finishes the database with its time.
  void run(const std::function<void()>& write);
  // Writes the run directory's other files into the work directory with `write` (after the
  // runs: the database is complete), closes the database and replaces the directory by the work
  // directory. When that fails, the work directory is kept for --resume and stderr says so.
  void commit(const std::function<void(const std::filesystem::path& work)>& write);

 private:
  void keep_for_resume();

  std::unique_ptr<RunDirectory> directory_;
  std::unique_ptr<ResultStore> store_;
  bool already_complete_ = false;
};

}  // namespace parley::cli
