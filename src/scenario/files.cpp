#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
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

namespace fs = std::filesystem;

// Names the file the caller asked for, not the temporary one beside it.
[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
  throw Error(ErrorId::io_write, fmt::format("cannot write '{}': {}", path.string(), why));
}

const char* node_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The file a write to `path` means: through symbolic links to the file they name. Throws when
// that is anything but a regular file or a name that does not exist yet.
fs::path output_target(const fs::path& path, struct stat& existing, bool& exists) {
  fs::path target = path;
  for (int hops = 0;; ++hops) {
    if (::lstat(target.c_str(), &existing) != 0) {
      if (errno != ENOENT) cannot_write(path, std::strerror(errno));
      exists = false;
      return target;
    }
    if (!S_ISLNK(existing.st_mode)) break;
    if (hops == 40) cannot_write(path, "too many levels of symbolic links");
    std::error_code ec;
    const fs::path link = fs::read_symlink(target, ec);
    if (ec) cannot_write(path, ec.message());
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  if (!S_ISREG(existing.st_mode)) {
    cannot_write(path, fmt::format("{} is {}; parley writes regular files only",
                                   target == path ? "it" : "'" + target.string() + "'",
                                   node_kind(existing.st_mode)));
  }
  exists = true;
  return target;
}

// A pid read from a file name: beyond pid_t's range it names no process.
bool process_alive(long pid) {
  const auto id = static_cast<pid_t>(pid);
  return pid > 0 && id == pid && (::kill(id, 0) == 0 || errno == EPERM);
}

// Temporary files beside `target` that killed processes left.
void remove_stale_temporaries(const fs::path& target) {
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (end && *end == '\0' && !process_alive(pid)) fs::remove(entry.path(), ec);
  }
}

void write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category());
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  struct stat existing {};
  bool exists = false;
  const fs::path target = output_target(path, existing, exists);
  // Write beside the target and rename: readers see the old file or the whole new one, and a
  // failure (a full disk) leaves the old one.
  const fs::path temporary =
      target.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) cannot_write(path, std::strerror(errno));
  try {
    write_all(fd, content);
    // Keep the permissions of the file replaced.
    if (exists && ::fchmod(fd, existing.st_mode & 07777) != 0) {
      throw std::system_error(errno, std::generic_category());
    }
    if (::fsync(fd) != 0) throw std::system_error(errno, std::generic_category());
    const int closed = ::close(fd);
    if (closed != 0) {
      const int error = errno;
      ::unlink(temporary.c_str());
      cannot_write(path, std::strerror(error));
    }
  } catch (const std::system_error& e) {
    ::close(fd);
    ::unlink(temporary.c_str());
    cannot_write(path, std::strerror(e.code().value()));
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    cannot_write(path, std::strerror(error));
  }
  remove_stale_temporaries(target);
}

}  // namespace parley
