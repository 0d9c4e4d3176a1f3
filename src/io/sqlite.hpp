// A thin layer over SQLite's C API for the results database: owned handles, errors as
// parley::Error (io.read for reads, io.write otherwise) that name the file and, for I/O
// failures, the system's reason.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace parley::detail {

class Database;

// A prepared statement, reset after every step sequence. Parameters are 1-based.
class Statement {
 public:
  // `doing` names the statement's purpose in errors ("write", "read").
  Statement(Database& db, std::string_view sql, const char* doing = "write");
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::string& text);
  Statement& bind_null(int index);
  // A double exactly: NaN as NULL, integral values (not -0) as integers, which SQLite stores in
  // 0 to 8 bytes instead of 8; read_double() gives back the same bits.
  Statement& bind_double(int index, double value);
  // One step of a query: true while it yields a row.
  bool step();
  // Runs a statement that yields no rows, then resets it for the next bindings.
  void run();
  void reset();

  std::int64_t column_int(int column) const;
  double column_double(int column) const;  // NULL reads as NaN
  std::string column_text(int column) const;
  bool column_is_null(int column) const;

 private:
  Database& db_;
  const char* doing_;
  sqlite3_stmt* statement_ = nullptr;
};

class Database {
 public:
  enum class Mode { create, read_write, read_only, temporary };
  // Opens `file` (ignored for a temporary database, which SQLite deletes when it is closed).
  Database(const std::filesystem::path& file, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void execute(std::string_view sql);
  // As execute(), but another connection holding the database (SQLITE_BUSY, SQLITE_LOCKED) is
  // not an error: returns false.
  bool try_execute(std::string_view sql);
  sqlite3* handle() { return db_; }
  const std::string& name() const { return name_; }
  // Throws Error io.read or io.write for SQLite result `code` of the last call: SQLite's message,
  // and the system's (strerror) when an I/O call failed, e.g. "No space left on device".
  [[noreturn]] void fail(int code, std::string_view doing);
  // fail()'s message, for callers that must reset a statement before throwing.
  std::string describe(int code, std::string_view doing);
  // Closes the connection, checkpointing the write-ahead log into the database (a WAL database
  // closed cleanly leaves no -wal or -shm file); throws when that fails.
  void close();

 private:
  // Why an I/O call failed, as the system says it ("No space left on device"), or "".
  std::string system_reason(int primary);

  sqlite3* db_ = nullptr;
  std::string name_;  // for messages
  std::string file_;  // the database's path; empty for a temporary one
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace parley::detail
