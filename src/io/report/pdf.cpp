// `parley report --pdf`: the page printed by headless Chromium, with the page's print style (A4).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "parley/io.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& file) {
  std::error_code ec;
  return fs::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
}

// $PARLEY_CHROMIUM, else the first of Chromium's usual names on PATH.
fs::path find_chromium() {
  if (const char* named = std::getenv("PARLEY_CHROMIUM"); named && *named) {
    if (!executable(named)) {
      throw Error(
          ErrorId::io_unavailable,
          fmt::format("PARLEY_CHROMIUM names '{}', which is not an executable file", named));
    }
    return named;
  }
  const char* path = std::getenv("PATH");
  const std::string directories = path ? path : "/usr/bin:/bin";
  for (const char* name :
       {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t colon = directories.find(':', start);
      fs::path candidate = fs::path(directories.substr(start, colon - start)) / name;
      if (executable(candidate)) return candidate;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  throw Error(ErrorId::io_unavailable,
              "--pdf prints the report with headless Chromium, and none was found on PATH "
              "(chromium, chromium-browser, google-chrome); install it (Debian: apt-get install "
              "chromium) or name it in PARLEY_CHROMIUM. The HTML report is written all the same");
}

// Runs `argv` with its output in `log`; its exit status, or -1 when it ran past `limit`.
int run_program(const std::vector<std::string>& argv, const fs::path& log,
                std::chrono::seconds limit) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    throw Error(ErrorId::io_write,
                fmt::format("cannot start {}: {}", argv.front(), std::strerror(errno)));
  }
  if (child == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) ::dup2(fd, STDOUT_FILENO), ::dup2(fd, STDERR_FILENO);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0 && errno != EINTR) return -2;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string tail_of(const fs::path& log) {
  std::string text;
  try {
    text = read_file(log);
  } catch (const Error&) {
    return "";
  }
  if (text.size() > 1500) text = "..." + text.substr(text.size() - 1500);
  return text;
}

struct TemporaryDirectory {
  fs::path path;
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "parley-pdf-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorId::io_write,
                  fmt::format("cannot create a temporary directory: {}", std::strerror(errno)));
    }
    path = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

void print_pdf(const fs::path& html, const fs::path& pdf) {
  const fs::path chromium = find_chromium();
  const TemporaryDirectory work;
  const fs::path printed = work.path / "report.pdf";
  const fs::path log = work.path / "chromium.log";
  std::vector<std::string> argv{chromium.string(), "--headless=new"};
  // Chromium refuses to run as root inside its sandbox.
  if (::geteuid() == 0) argv.push_back("--no-sandbox");
  for (const char* flag :
       {"--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-pdf-header-footer", "--virtual-time-budget=60000"}) {
    argv.emplace_back(flag);
  }
  argv.push_back("--user-data-dir=" + (work.path / "profile").string());
  argv.push_back("--print-to-pdf=" + printed.string());
  argv.push_back("file://" + fs::absolute(html).lexically_normal().string());
  const int status = run_program(argv, log, std::chrono::seconds(180));
  std::error_code ec;
  const bool made = fs::is_regular_file(printed, ec) && fs::file_size(printed, ec) > 4;
  std::string head;
  if (made) head = read_file(printed).substr(0, 5);
  if (status != 0 || head != "%PDF-") {
    throw Error(ErrorId::io_write, fmt::format("{} did not print {} to PDF ({}); it said:\n{}",
                                               chromium.string(), html.string(),
                                               status == -1 ? "it ran for 180 s"
                                                            : fmt::format("exit status {}", status),
                                               tail_of(log)));
  }
  write_file_atomically(pdf, read_file(printed));
}

}  // namespace parley
