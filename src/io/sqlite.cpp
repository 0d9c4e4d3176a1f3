#include "io/sqlite.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "parley/scenario.hpp"

namespace parley::detail {
namespace {

// Reading fails as io.read; anything else (opening to write, writing, closing) as io.write.
ErrorId error_id(std::string_view doing) {
  return doing == "read" ? ErrorId::io_read : ErrorId::io_write;
}

// Integers SQLite stores exactly and doubles represent exactly.
constexpr double exact_integer_limit = 9007199254740992.0;  // 2^53

}  // namespace

Database::Database(const std::filesystem::path& file, Mode mode)
    : name_(mode == Mode::temporary ? "a temporary results database" : file.string()),
      file_(mode == Mode::temporary ? std::string() : file.string()) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  switch (mode) {
    case Mode::create:
    case Mode::temporary:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::read_write:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::read_only:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  const std::string path = mode == Mode::temporary ? std::string() : file.string();
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    // SQLite hands back a handle even when opening fails, and a constructor that throws runs no
    // destructor: describe the failure with the handle, then release it.
    const std::string_view doing = mode == Mode::read_only ? "read" : "open";
    Error error(error_id(doing), describe(code, doing));
    sqlite3_close(db_);
    db_ = nullptr;
    throw error;
  }
  sqlite3_extended_result_codes(db_, 1);
  // A reader (a user's sqlite3 on a run in progress) may hold a lock for a moment.
  sqlite3_busy_timeout(db_, 1000);
}

Database::~Database() {
  // Statements are finalised by their owners first; an unclean close loses nothing committed.
  if (db_) sqlite3_close_v2(db_);
}

void Database::close() {
  if (!db_) return;
  const int code = sqlite3_close(db_);
  if (code != SQLITE_OK) fail(code, "close");
  db_ = nullptr;
}

std::string Database::describe(int code, std::string_view doing) {
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  const int primary = code & 0xff;
  if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_READONLY) {
    const std::string reason = system_reason(primary);
    if (!reason.empty()) message += " (" + reason + ")";
  }
  return fmt::format("cannot {} {}: {}", doing, name_, message);
}

std::string Database::system_reason(int primary) {
  // SQLite keeps the failed call's errno only on some paths (a write to the log loses it), and
  // reports a full disk as SQLITE_FULL without one: look at the file and its limits.
  const int system = db_ ? sqlite3_system_errno(db_) : 0;
  if (system != 0) return std::strerror(system);
  if (primary == SQLITE_FULL) return std::strerror(ENOSPC);
  if (file_.empty() || primary != SQLITE_IOERR) return "";
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    for (const char* suffix : {"", "-wal", "-journal"}) {
      struct stat file {};
      if (::stat((file_ + suffix).c_str(), &file) == 0 &&
          static_cast<rlim_t>(file.st_size) + 65536 >= limit.rlim_cur) {
        return fmt::format("{}: the file size limit, ulimit -f, is {} bytes", std::strerror(EFBIG),
                           limit.rlim_cur);
      }
    }
  }
  struct statvfs fs {};
  const std::string directory = std::filesystem::path(file_).parent_path().string();
  if (::statvfs(directory.empty() ? "." : directory.c_str(), &fs) == 0 &&
      fs.f_bavail * fs.f_frsize < 65536) {
    return std::strerror(ENOSPC);
  }
  return "";
}

void Database::fail(int code, std::string_view doing) {
  throw Error(error_id(doing), describe(code, doing));
}

bool Database::try_execute(std::string_view sql) {
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return false;
  if (code != SQLITE_OK) fail(code, "write");
  return true;
}

void Database::execute(std::string_view sql) {
  char* error = nullptr;
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (error) sqlite3_free(error);
  if (code != SQLITE_OK) fail(code, "write");
}

Statement::Statement(Database& db, std::string_view sql, const char* doing)
    : db_(db), doing_(doing) {
  const int code = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
  if (code != SQLITE_OK) db.fail(code, doing);
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) db_.fail(code, "write");
  return *this;
}

Statement& Statement::bind(int index, const std::string& text) {
  const int code = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                                     SQLITE_TRANSIENT);
  if (code != SQLITE_OK) db_.fail(code, "write");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) db_.fail(code, "write");
  return *this;
}

Statement& Statement::bind_double(int index, double value) {
  int code;
  if (std::isnan(value)) {
    code = sqlite3_bind_null(statement_, index);
  } else if (value == std::trunc(value) && std::abs(value) < exact_integer_limit &&
             !(value == 0 && std::signbit(value))) {
    code = sqlite3_bind_int64(statement_, index, static_cast<std::int64_t>(value));
  } else {
    code = sqlite3_bind_double(statement_, index, value);
  }
  if (code != SQLITE_OK) db_.fail(code, "write");
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  std::string message = db_.describe(code, doing_);
  sqlite3_reset(statement_);
  throw Error(error_id(doing_), message);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() { sqlite3_reset(statement_); }

std::int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::column_double(int column) const {
  switch (sqlite3_column_type(statement_, column)) {
    case SQLITE_NULL:
      return NAN;
    case SQLITE_INTEGER:
      return static_cast<double>(sqlite3_column_int64(statement_, column));
    default:
      return sqlite3_column_double(statement_, column);
  }
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
              : std::string();
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.execute("COMMIT");
  open_ = false;
}

}  // namespace parley::detail
