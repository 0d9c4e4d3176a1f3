// A small progress bar on stderr, shown only on a terminal (no C++ progress-bar library is
// packaged in Debian).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace parley::cli {

class ProgressBar {
 public:
  ProgressBar(int total, bool wanted) : total_(total), shown_(wanted && ::isatty(STDERR_FILENO)) {}

  void update(int done) {
    if (!shown_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const int width = 40;
    const int filled = total_ > 0 ? done * width / total_ : width;
    std::fprintf(stderr, "\r[%.*s%*s] %d/%d runs", filled,
                 "########################################", width - filled, "", done, total_);
    std::fflush(stderr);
  }

  void finish() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 70, "");
  }

 private:
  int total_;
  bool shown_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace parley::cli
