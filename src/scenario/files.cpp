#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "parley/scenario.hpp"
#include "scenario/parsed.hpp"

namespace parley {

namespace detail {

bool read_capped(const std::filesystem::path& path, std::size_t cap, std::string& out) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read '{}': it is a directory", path.string()));
  }
  // A regular file says its size: refuse a long one before reading it.
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > cap) return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  // Pipes, FIFOs and devices do not: read in chunks, one byte past the cap at most.
  out.clear();
  std::string chunk(std::size_t{1} << 20, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (out.size() > cap) return false;
  }
  if (in.bad()) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  return true;
}

std::string too_large_message(const std::filesystem::path& path) {
  return fmt::format("'{}' is larger than {} MiB, the limit for an input file", path.string(),
                     limits::max_input_bytes >> 20);
}

}  // namespace detail

std::string read_file(const std::filesystem::path& path) {
  std::string content;
  if (!detail::read_capped(path, limits::max_input_bytes, content)) {
    throw Error(ErrorId::io_read, detail::too_large_message(path));
  }
  return content;
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
