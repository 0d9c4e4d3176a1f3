#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "parley/scenario.hpp"

namespace parley {

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read '{}': it is a directory", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

namespace {
// Names the file the caller asked for, not the temporary one beside it.
[[noreturn]] void cannot_write(const std::filesystem::path& path, const std::string& reason) {
  throw Error(ErrorId::io_write, fmt::format("cannot write '{}': {}", path.string(), reason));
}
}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  // Write beside the target and rename: readers see the old file or the whole new one.
  const std::filesystem::path temporary =
      path.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) cannot_write(path, std::strerror(errno));
    errno = 0;  // a stream need not set it: say so rather than report a stale one
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      const std::string reason = errno != 0 ? std::strerror(errno) : "the write failed";
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      cannot_write(path, reason);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    cannot_write(path, ec.message());
  }
}

}  // namespace parley
