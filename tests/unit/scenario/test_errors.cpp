// parley::Error: stable ids, the exit code each implies, the message format, and docs/errors.md
// listing every id exactly once with that exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

std::vector<ErrorId> every_id() {
  std::vector<ErrorId> ids;
  ids.reserve(static_cast<std::size_t>(ErrorId::count_));
  for (int i = 0; i < static_cast<int>(ErrorId::count_); ++i) ids.push_back(ErrorId(i));
  return ids;
}

TEST(Error, WhatIsTheIdInBracketsThenTheMessage) {
  const Error e(ErrorId::request_unknown_strategy, "unknown strategy 'nope'");
  EXPECT_STREQ(e.what(), "[parley.request.unknown_strategy] unknown strategy 'nope'");
  EXPECT_EQ(e.message(), "unknown strategy 'nope'");
  EXPECT_EQ(e.id(), ErrorId::request_unknown_strategy);
  const std::runtime_error& base = e;  // catchable as a standard exception
  EXPECT_STREQ(base.what(), e.what());
}

TEST(Error, EveryIdHasADistinctDottedNameInAKnownCategory) {
  const std::regex name("(request|model|io)\\.[a-z_]+");
  std::set<std::string> seen;
  for (ErrorId id : every_id()) {
    const std::string text = to_string(id);
    EXPECT_TRUE(std::regex_match(text, name)) << text;
    EXPECT_TRUE(seen.insert(text).second) << "two ids named " << text;
  }
}

TEST(Error, TheUsersInputExitsTwoAndFailuresWhileRunningOne) {
  EXPECT_EQ(exit_code(ErrorId::request_unknown_series), 2);
  EXPECT_EQ(exit_code(ErrorId::model_unknown_parameter), 2);
  EXPECT_EQ(exit_code(ErrorId::io_read), 1);
  EXPECT_EQ(exit_code(ErrorId::io_write), 1);
  for (ErrorId id : every_id()) {
    const std::string text = to_string(id);
    const bool input = text.starts_with("request.") || text.starts_with("model.");
    EXPECT_EQ(exit_code(id), input ? 2 : 1) << text;
  }
}

// Each id is one row "| `id` | exit | ... |" of docs/errors.md, and every such row is an id.
TEST(Error, DocsListEveryIdOnceWithItsExitCode) {
  const std::string docs = read_file(std::string(PARLEY_SOURCE_DIR) + "/docs/errors.md");
  const std::regex row("^\\| `([a-z_]+\\.[a-z_]+)` \\| ([0-9]+) \\|");
  std::map<std::string, std::vector<int>> rows;
  std::istringstream lines(docs);
  std::smatch match;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, match, row)) rows[match[1]].push_back(std::stoi(match[2]));
  }
  for (ErrorId id : every_id()) {
    const std::string name = to_string(id);
    auto found = rows.find(name);
    if (found == rows.end()) {
      ADD_FAILURE() << "docs/errors.md has no row for " << name;
      continue;
    }
    EXPECT_EQ(found->second, std::vector<int>{exit_code(id)}) << name;
    rows.erase(found);
  }
  for (const auto& [name, codes] : rows) ADD_FAILURE() << "docs/errors.md documents " << name;
}

TEST(Error, ReadingAMissingFileOrADirectoryIsAnIoReadError) {
  const std::filesystem::path missing = std::filesystem::path(PARLEY_TEST_DATA_DIR) / "no-such";
  test::expect_error([&] { read_file(missing); }, ErrorId::io_read,
                     "cannot read '" + missing.string() + "': No such file or directory");
  test::expect_error([&] { read_file(PARLEY_TEST_DATA_DIR); }, ErrorId::io_read,
                     "it is a directory");
}

TEST(Error, WritingIntoAMissingDirectoryNamesTheFileAskedFor) {
  const std::filesystem::path target =
      std::filesystem::temp_directory_path() / "parley-no-such-directory" / "out.csv";
  try {
    write_file_atomically(target, "x\n");
    ADD_FAILURE() << "wrote " << target;
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), ErrorId::io_write);
    // The temporary file beside the target is an implementation detail the user never named.
    EXPECT_EQ(e.message(), "cannot write '" + target.string() + "': No such file or directory");
  }
}

TEST(Error, RequireStrategyNamesTheScenariosStrategies) {
  Scenario s;
  for (const char* id : {"isolation", "piecemeal"}) s.strategies.emplace_back().id = id;
  EXPECT_EQ(&require_strategy(s, "piecemeal"), &s.strategies[1]);
  test::expect_error([&] { require_strategy(s, "nope"); }, ErrorId::request_unknown_strategy,
                     "unknown strategy 'nope'; this scenario defines: isolation, piecemeal");
}

}  // namespace
}  // namespace parley
