// Internal: what the importers of other tools' files (KTAB CSV, expected-utility CSV, decide)
// share: splitting delimited lines into fields that remember their column, reading numbers the
// way those files write them, turning names into parley ids, and building diagnostics.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.hpp"
#include "scenario/parsed.hpp"

namespace parley::detail {

struct TextField {
  std::string text;  // unquoted, surrounding blanks removed
  int column = 0;    // 1-based column of the field's first non-blank character
};

struct TextRecord {
  int line = 0;        // 1-based
  int end_column = 0;  // column just past the last character of the line
  std::vector<TextField> fields;
};

struct DelimitedOptions {
  char delimiter = ',';
  bool single_quotes = false;  // decide quotes with ' as well as "
  bool ktab_escapes = false;   // KTAB writes a comma inside a field as "$$" and '"' as "&quot;"
};

// One record per non-blank line. A field that starts with a quote runs to the closing quote (a
// doubled quote inside stands for one). Lines whose fields are all empty (",,,," rows that
// spreadsheets leave behind) count as blank. Line endings may be \n or \r\n; a UTF-8 byte-order
// mark is skipped.
std::vector<TextRecord> read_records(std::string_view text, const DelimitedOptions& options);

// One line (without its line ending) split into fields with the same rules.
std::vector<TextField> split_line(std::string_view line, const DelimitedOptions& options);

enum class NumberStatus { ok, not_a_number, not_finite };

struct ParsedNumber {
  NumberStatus status = NumberStatus::not_a_number;
  double value = 0.0;
};

// A decimal number as the imported tools write it ("12", "-3.5", "1e-3", "+2"), nothing else.
ParsedNumber parse_number(std::string_view text);
// The same number times 100, computed on the decimal text (by moving the exponent) so that
// "0.07" becomes exactly 7 rather than 7.000000000000001.
ParsedNumber parse_number_times_100(std::string_view text);
std::optional<int> parse_whole_number(std::string_view text);

// "What the field should hold, got 'text'": the tail of a wrong-type message.
std::string describe_field(std::string_view text);

// Lower-case ASCII letters and digits, '-' and '_'; every other run of characters becomes one
// '_'. Empty when nothing usable is left.
std::string slug(std::string_view name);

// Hands out ids that are unique within one list: "xj", then "xj_2", "xj_3", ..., each at most
// limits::max_id_length characters long.
class IdAllocator {
 public:
  std::string make(std::string_view name, const std::string& fallback);

 private:
  std::set<std::string> used_;
};

// "data/ec-emissions-1994.csv" -> "ec-emissions-1994"; "import" when there is no stem.
std::string file_stem(const std::string& file);
// "data/ec-emissions-1994.csv" -> "ec-emissions-1994.csv".
std::string file_name(const std::string& file);

// Collects what one importer finds: diagnostics and the locations of the fields it read.
class ImportReport {
 public:
  ImportReport(Parsed& parsed, std::string file) : parsed_(parsed), file_(std::move(file)) {}

  void error(const char* code, int line, int column, std::string path, std::string message);
  // Keeps the first location given for `path`.
  void remember(const std::string& path, int line, int column);
  // The number in `field` (remembered at `path`), or nothing after reporting E012 (not a number)
  // or E014 (not finite) or E016 (a magnitude beyond `max_magnitude` or below
  // limits::min_magnitude); `what` says what the field should hold, e.g. "the actor's capability".
  std::optional<double> number(const TextField& field, int line, const std::string& path,
                               const char* what, double max_magnitude = limits::max_magnitude);

 private:
  Parsed& parsed_;
  std::string file_;
};

}  // namespace parley::detail
