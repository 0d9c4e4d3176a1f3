// write_file_atomically: a whole new file or the old one; through symbolic links to the file they
// name; never over a device, a pipe or a directory; the system's reason when it fails.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "parley/scenario.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

class WriteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("parley-write-file-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string error_of(const fs::path& path, const std::string& content) {
  try {
    write_file_atomically(path, content);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST_F(WriteFile, ReplacesARegularFileKeepingItsMode) {
  write_file_atomically(dir_ / "a", "old");
  fs::permissions(dir_ / "a", fs::perms::owner_read | fs::perms::owner_write);
  write_file_atomically(dir_ / "a", "new");
  EXPECT_EQ(read_file(dir_ / "a"), "new");
  EXPECT_EQ(fs::status(dir_ / "a").permissions(), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(WriteFile, WritesThroughASymbolicLink) {
  write_file_atomically(dir_ / "target", "old");
  fs::create_symlink("target", dir_ / "link");
  write_file_atomically(dir_ / "link", "new");
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));
  EXPECT_EQ(read_file(dir_ / "target"), "new");
  // A dangling link creates the file it names.
  fs::create_symlink("later", dir_ / "dangling");
  write_file_atomically(dir_ / "dangling", "x");
  EXPECT_TRUE(fs::is_symlink(dir_ / "dangling"));
  EXPECT_EQ(read_file(dir_ / "later"), "x");
}

TEST_F(WriteFile, RefusesAPipeADirectoryAndALinkToThem) {
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  EXPECT_NE(error_of(dir_ / "fifo", "x").find("it is a named pipe"), std::string::npos);
  EXPECT_EQ(fs::status(dir_ / "fifo").type(), fs::file_type::fifo);
  fs::create_directories(dir_ / "sub");
  EXPECT_NE(error_of(dir_ / "sub", "x").find("a directory"), std::string::npos);
  fs::create_symlink("fifo", dir_ / "to-fifo");
  EXPECT_NE(error_of(dir_ / "to-fifo", "x").find("is a named pipe"), std::string::npos);
  EXPECT_TRUE(fs::is_symlink(dir_ / "to-fifo"));
  EXPECT_NE(error_of("/dev/null", "x").find("a character device"), std::string::npos);
  EXPECT_EQ(fs::status("/dev/null").type(), fs::file_type::character);
}

// A write that fails (the file size limit stands in for a full disk) names the reason and
// leaves the old file whole, with no temporary file beside it.
TEST_F(WriteFile, AFailedWriteKeepsTheOldFile) {
  write_file_atomically(dir_ / "a", "old");
  const pid_t child = ::fork();
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{1024, 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const std::string message = error_of(dir_ / "a", std::string(4096, 'x'));
    ::_exit(message.find("File too large") != std::string::npos ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(read_file(dir_ / "a"), "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(WriteFile, RemovesTemporariesOfDeadProcesses) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  write_file_atomically(dir_ / ("a.tmp-" + std::to_string(child)), "stale");
  write_file_atomically(dir_ / "a.tmp-notapid", "kept");
  write_file_atomically(dir_ / "a", "new");
  EXPECT_FALSE(fs::exists(dir_ / ("a.tmp-" + std::to_string(child))));
  EXPECT_TRUE(fs::exists(dir_ / "a.tmp-notapid"));
}

}  // namespace
}  // namespace parley
