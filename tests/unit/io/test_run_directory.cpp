// Run directories are replaced whole: a new run is written beside the directory and moved into
// place when complete; what killed runs leave is cleaned up or finished; a directory that holds
// anything else is never replaced.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) { return read_file(path); }

// A pid no process has: a child that has exited and been reaped.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST(RunDirectory, WritesBesideAndMovesIntoPlace) {
  test::TempDir tmp;
  const fs::path out = tmp / "run";
  {
    RunDirectory dir(out);
    EXPECT_EQ(dir.work(), tmp / ".run.partial");
    EXPECT_FALSE(dir.has_unfinished());
    write_file_atomically(dir.work() / "summary.csv", "one\n");
    EXPECT_FALSE(fs::exists(out));
    dir.commit();
  }
  EXPECT_EQ(read(out / "summary.csv"), "one\n");
  EXPECT_FALSE(fs::exists(tmp / ".run.partial"));
  {
    RunDirectory dir(out);
    write_file_atomically(dir.work() / "manifest.json", "two\n");
    // Until the commit the old run is whole.
    EXPECT_EQ(read(out / "summary.csv"), "one\n");
    dir.commit();
  }
  // The new run replaced the old one whole: no file of the old one stays.
  EXPECT_FALSE(fs::exists(out / "summary.csv"));
  EXPECT_EQ(read(out / "manifest.json"), "two\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
}

TEST(RunDirectory, AnAbandonedRunLeavesNothingUnlessItHasADatabase) {
  test::TempDir tmp;
  { RunDirectory dir(tmp / "run"); }
  EXPECT_FALSE(fs::exists(tmp / ".run.partial"));
  {
    RunDirectory dir(tmp / "run");
    write_file_atomically(dir.work() / "results.sqlite", "");
  }
  EXPECT_TRUE(fs::exists(tmp / ".run.partial/results.sqlite"));
  RunDirectory dir(tmp / "run");
  EXPECT_TRUE(dir.has_unfinished());
  dir.start_fresh();
  EXPECT_FALSE(dir.has_unfinished());
  EXPECT_TRUE(fs::is_empty(dir.work()));
}

TEST(RunDirectory, OneWriterAtATime) {
  test::TempDir tmp;
  RunDirectory first(tmp / "run");
  test::expect_error([&] { RunDirectory second(tmp / "run"); }, ErrorId::io_busy,
                     "another parley process is writing " + (tmp / "run").string());
}

TEST(RunDirectory, NeverReplacesADirectoryWithOtherFiles) {
  test::TempDir tmp;
  fs::create_directories(tmp / "home");
  write_file_atomically(tmp / "home/thesis.tex", "precious");
  test::expect_error([&] { RunDirectory dir(tmp / "home"); }, ErrorId::request_not_run_directory,
                     "the directory holds 'thesis.tex', which parley did not write");
  EXPECT_EQ(read(tmp / "home/thesis.tex"), "precious");
  write_file_atomically(tmp / "file", "x");
  test::expect_error([&] { RunDirectory dir(tmp / "file"); }, ErrorId::request_not_run_directory,
                     "it exists and is not a directory");
  test::expect_error([&] { RunDirectory dir("/"); }, ErrorId::request_not_run_directory,
                     "not a directory parley can replace");
  // An earlier parley's leftovers are a run directory's files.
  fs::create_directories(tmp / "old");
  write_file_atomically(tmp / "old/summary.csv.tmp-123", "");
  write_file_atomically(tmp / "old/manifest.json", "");
  RunDirectory dir(tmp / "old");
  dir.commit();
  EXPECT_TRUE(fs::is_empty(tmp / "old"));
}

TEST(RunDirectory, CleansWhatKilledRunsLeft) {
  test::TempDir tmp;
  fs::create_directories(tmp / "run");
  write_file_atomically(tmp / "run/manifest.json", "new");
  const fs::path stale = tmp / (".run.trash-" + std::to_string(dead_pid()));
  const fs::path alive = tmp / (".run.trash-" + std::to_string(::getpid()));
  fs::create_directories(stale);
  fs::create_directories(alive);
  { RunDirectory dir(tmp / "run"); }
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(alive));  // a live process may still be removing it
  EXPECT_EQ(read(tmp / "run/manifest.json"), "new");
}

// Killed after its last file but before the directory was replaced: the next claim finishes
// the replacement, so the complete run is not lost and the old one not mixed with it.
TEST(RunDirectory, FinishesAnInterruptedReplacement) {
  test::TempDir tmp;
  fs::create_directories(tmp / "run");
  write_file_atomically(tmp / "run/summary.csv", "old");
  fs::create_directories(tmp / ".run.partial");
  write_file_atomically(tmp / ".run.partial/results.sqlite", "new db");
  write_file_atomically(tmp / ".run.partial/manifest.json", "new");
  RunDirectory dir(tmp / "run");
  EXPECT_EQ(read(tmp / "run/manifest.json"), "new");
  EXPECT_FALSE(fs::exists(tmp / "run/summary.csv"));
  EXPECT_FALSE(dir.has_unfinished());
  // Killed between the two renames: the directory is gone, the complete run waits.
  fs::remove_all(tmp / "run");
  fs::create_directories(tmp / ".other.partial");
  write_file_atomically(tmp / ".other.partial/manifest.json", "complete");
  { RunDirectory other(tmp / "other"); }
  EXPECT_EQ(read(tmp / "other/manifest.json"), "complete");
}

TEST(RunDirectory, KnowsItsFiles) {
  EXPECT_TRUE(is_run_directory_file("results.sqlite"));
  EXPECT_TRUE(is_run_directory_file("results.sqlite-wal"));
  EXPECT_TRUE(is_run_directory_file("summary.json.tmp-4242"));
  EXPECT_FALSE(is_run_directory_file("notes.txt"));
  EXPECT_FALSE(is_run_directory_file("summary.csv.bak"));
}

}  // namespace
}  // namespace parley
