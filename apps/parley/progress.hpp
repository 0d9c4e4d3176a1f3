// A progress bar with rate and ETA on stderr, drawn only when stderr is a terminal (no C++
// progress-bar library is packaged in Debian): a log or a pipe gets none of it.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace parley::cli {

class ProgressBar {
 public:
  // `total` units of work named `unit` ("runs"); `done` of them were done before (a resumed
  // run), so the rate and the ETA count only the work done here. `wanted` false (--quiet)
  // draws nothing; else the bar is drawn when stderr is a terminal, or always when not
  // `terminal_only` (--progress: under mpirun stderr reaches the terminal through a pipe).
  ProgressBar(std::uint64_t total, bool wanted, std::string unit = "runs", std::uint64_t done = 0,
              bool terminal_only = true)
      : total_(total),
        first_(done),
        shown_(wanted && (!terminal_only || ::isatty(STDERR_FILENO))),
        unit_(std::move(unit)),
        start_(std::chrono::steady_clock::now()) {}

  void update(std::uint64_t done) {
    if (!shown_) return;
    const auto now = std::chrono::steady_clock::now();
    // At most ten frames a second: drawing costs more than a run when runs are quick.
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 && done > first_ ? double(done - first_) / seconds : 0;
    const int width = 30;
    const int filled = total_ > 0 ? static_cast<int>(done * width / total_) : width;
    const std::string eta =
        rate > 0 ? clock_text(double(total_ - std::min(done, total_)) / rate) : "--:--";
    std::fprintf(stderr, "\r[%.*s%*s] %llu/%llu %s  %.1f %s/s  ETA %s ", filled,
                 "##############################", width - filled, "",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                 unit_.c_str(), rate, unit_.c_str(), eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

  // Clears the bar, leaving the line for what follows.
  void finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r%*s\r", 100, "");
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  // m:ss, or h:mm:ss past an hour.
  static std::string clock_text(double seconds) {
    const long long s = std::llround(seconds);
    char text[32];
    if (s >= 3600) {
      std::snprintf(text, sizeof(text), "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    } else {
      std::snprintf(text, sizeof(text), "%lld:%02lld", s / 60, s % 60);
    }
    return text;
  }

  std::uint64_t total_, first_;
  bool shown_;
  bool drawn_ = false;
  std::string unit_;
  std::chrono::steady_clock::time_point start_, last_{};
};

}  // namespace parley::cli
