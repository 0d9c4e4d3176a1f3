// What parley refuses to read, in every input format, and where it says so (issue 13): text that
// is not UTF-8 (E003), files beyond the size or nesting limits and ids beyond the length limit
// (E004), numbers outside the magnitudes the models compute with (E016), and every diagnostic
// with a line and column.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "parley/scenario.hpp"
#include "parley_test.hpp"
#include "scenario/input_checks.hpp"

namespace parley {
namespace {

const std::string minimal = R"(parley: 1
meta: {name: Minimal}
issues:
  - {id: tax, kind: political, status_quo: 20}
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 0}, salience: {tax: 50}}
  - {id: b, kind: state, capability: 30, positions: {tax: 100}, salience: {tax: 100}}
)";

// The one diagnostic of `text`, which must have exactly one.
Diagnostic only_problem(const std::string& text, const std::string& file) {
  return test::only_diagnostic(check_scenario_text(text, file).diagnostics, file);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

// One scenario in each format, with `bad` put in a text field (an actor's name) on line 2.
std::vector<std::pair<std::string, std::string>> every_format(const std::string& bad) {
  return {
      {"s.yaml", "parley: 1\nmeta: {name: \"x" + bad + "\"}\n"},
      {"s.json", "{\"parley\": 1,\n \"meta\": {\"name\": \"x" + bad + "\"}}\n"},
      {"s.csv", "Actor,Capability,Position,Salience\nx" + bad + ",1,2,3\n"},
      {"k.csv", "name,desc,3,1\nActor,Description,Power,P" + bad + ",S1\n"},
      {"d.txt", "#A;a;a\n#A;x" + bad + ";b\n"},
  };
}

TEST(InputEncoding, InvalidUtf8IsRejectedWithItsLineAndColumnInEveryFormat) {
  // A lone continuation byte, an overlong '/', a UTF-16 surrogate, a code point above U+10FFFF,
  // a truncated sequence, Latin-1.
  for (const std::string bad :
       {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xE9t\xE9"}) {
    for (const auto& [file, text] : every_format(bad)) {
      const Diagnostic d = only_problem(text, file);
      EXPECT_EQ(d.code, "E003") << file;
      EXPECT_EQ(d.line, 2) << file;
      EXPECT_GT(d.column, 1) << file;
      EXPECT_NE(d.message.find("not valid UTF-8"), std::string::npos) << d.message;
    }
  }
}

// Found by fuzzing (tests/fuzz, fuzz_detect): yaml-cpp reads text with NUL bytes as UTF-16 or
// UTF-32, so a file starting "\x01\0\0\0" was misread from its first byte ("got a single
// value"). NUL is refused in every format, where it stands.
TEST(InputEncoding, NulBytesAreRejectedWithTheirLineAndColumnInEveryFormat) {
  for (const auto& [file, text] : every_format(std::string(1, '\0'))) {
    const Diagnostic d = only_problem(text, file);
    EXPECT_EQ(d.code, "E003") << file;
    EXPECT_EQ(d.line, 2) << file;
    EXPECT_GT(d.column, 1) << file;
    EXPECT_NE(d.message.find("NUL byte"), std::string::npos) << d.message;
  }
  const Diagnostic d = only_problem(std::string("\x01\0\0\0parley: 1\n", 14), "utf32.yaml");
  EXPECT_EQ(d.code, "E003");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 2);
}

// Found by fuzzing (tests/fuzz, fuzz_json and fuzz_detect): yaml-cpp and nlohmann/json quote
// single bytes of a multi-byte character in their messages, and the diagnostics passed them on
// as invalid UTF-8. They now show U+FFFD instead.
TEST(InputEncoding, SyntaxErrorsQuotingAPartOfACharacterAreValidUtf8) {
  const std::string replacement = "\xEF\xBF\xBD";
  const Diagnostic yaml = only_problem("parley: 1\nmeta: {name: \"a\\\xC3\xA9\"}\n", "e.yaml");
  EXPECT_EQ(yaml.code, "E002");
  EXPECT_NE(yaml.message.find("unknown escape character: " + replacement), std::string::npos)
      << yaml.message;
  const Diagnostic json = only_problem("{\"parley\": 1, \"meta\": \xC3\xA9}\n", "e.json");
  EXPECT_EQ(json.code, "E002");
  EXPECT_NE(json.message.find(replacement), std::string::npos) << json.message;
  for (const Diagnostic& d : {yaml, json}) EXPECT_FALSE(detail::invalid_utf8(d.message));
}

// Observation files (docs/observations.md) are an input too: the same limits, the same codes.
TEST(InputEncoding, ObservationFilesMeetTheSameLimits) {
  const std::string observations =
      "parley: 1\nobservations:\n  name: \"History\"\n  start: \"2024-01\"\nindicators:\n"
      "  - {series: food_insecure_millions, month: 3, value: 14.5, source: x}\n";
  EXPECT_TRUE(check_observations_text(observations, "o.yaml").observations);
  const auto bad =
      check_observations_text(replace(observations, "History", "Hist\xFFory"), "o.yaml");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].code, "E003");
  EXPECT_EQ(bad.diagnostics[0].line, 3);
  const auto deep =
      check_observations_text(replace(observations, "name: \"History\"",
                                      "name: " + std::string(70, '[') + "1" + std::string(70, ']')),
                              "o.yaml");
  ASSERT_FALSE(deep.diagnostics.empty());
  EXPECT_EQ(deep.diagnostics[0].code, "E004");
  const auto huge =
      check_observations_text(replace(observations, "value: 14.5", "value: 1e300"), "o.yaml");
  ASSERT_FALSE(huge.diagnostics.empty());
  EXPECT_EQ(huge.diagnostics[0].code, "E016");
}

TEST(InputEncoding, ValidUtf8IsReadAndColumnsCountCharacters) {
  const std::string text =
      replace(minimal, "meta: {name: Minimal}", "meta: {name: \"Kabul – 2024 ✓ 𝄞\"}");
  const LoadResult result = check_scenario_text(text, "u.yaml");
  ASSERT_TRUE(result.scenario) << format_diagnostic(result.diagnostics.at(0));
  EXPECT_EQ(result.scenario->meta.name, "Kabul – 2024 ✓ 𝄞");
  // "é" (two bytes) counts as one column: the bad byte after it is in column 2.
  const Diagnostic d = only_problem("parley: 1\né\xFF\n", "c.yaml");
  EXPECT_EQ(d.column, 2);
}

std::string nested_json(int depth) {
  std::string text = "{\"parley\": 1, \"meta\": {\"name\": \"x\", \"note\": ";
  for (int i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  for (int i = 0; i < depth; ++i) text += "}";
  return text + "}}\n";
}

TEST(InputNesting, DeepNestingIsRejectedWithItsLocationNotABadFile) {
  // F10: 600 levels were "YAML syntax error: bad file" at 1:1.
  for (int depth : {70, 600, 5000}) {
    const Diagnostic d = only_problem(nested_json(depth), "deep.json");
    EXPECT_EQ(d.code, "E004");
    EXPECT_EQ(d.line, 1);
    EXPECT_GT(d.column, 64 * 5);  // at the brace that goes past the limit, not at 1:1
    EXPECT_NE(d.message.find("nest more than 64 levels"), std::string::npos) << d.message;
  }
  std::string block = "parley: 1\nmeta:\n  name: x\n  note:\n";
  for (int i = 0; i < 100; ++i) block += std::string(2 * i + 4, ' ') + "a:\n";
  EXPECT_EQ(only_problem(block, "deep.yaml").code, "E004");
  std::string flow =
      "parley: 1\nmeta: {name: x, note: " + std::string(80, '[') + std::string(80, ']') + "}\n";
  EXPECT_EQ(only_problem(flow, "deep.yaml").code, "E004");
}

TEST(InputNesting, OrdinaryNestingTextAndBlockScalarsPass) {
  // Quoted brackets, comments and the indentation of block text do not count as nesting.
  std::string meta = "meta:  # " + std::string(70, '[') + "\n  name: \"" + std::string(70, '{') +
                     "\"\n  description: |\n";
  for (int i = 0; i < 80; ++i) meta += std::string(4 + i, ' ') + "line\n";
  const LoadResult result =
      check_scenario_text(replace(minimal, "meta: {name: Minimal}\n", meta), "ok.yaml");
  EXPECT_TRUE(result.scenario) << format_diagnostic(result.diagnostics.at(0));
  // 58 levels inside meta.note are within the limit (the note is then the wrong type, E012).
  for (const Diagnostic& d : check_scenario_text(nested_json(58), "ok.json").diagnostics) {
    EXPECT_NE(d.code, "E004") << format_diagnostic(d);
  }
}

// Found by fuzzing (tests/fuzz, the importers through the YAML writer): brackets inside plain
// text counted as nesting, so a name such as Z{{{...eming (70 braces) was refused with E004.
// Where a node starts (after ": ", "- ", "? ", an anchor or a tag) they still count.
TEST(InputNesting, BracketsInPlainTextAreTextAndNodesStillCount) {
  const std::string braces = std::string(70, '{');
  for (const std::string& name :
       {"Z" + braces + "eming", "a " + std::string(70, '['), "it's " + braces, "a:" + braces}) {
    const std::string text = replace(minimal, "meta: {name: Minimal}", "meta:\n  name: " + name);
    const LoadResult result = check_scenario_text(text, "plain.yaml");
    ASSERT_TRUE(result.scenario) << name << ": " << format_diagnostic(result.diagnostics.at(0));
    EXPECT_EQ(result.scenario->meta.name, name);
  }
  const std::string deep = std::string(80, '[') + std::string(80, ']');
  for (const std::string& node : {"&anchor " + deep, "!!seq " + deep, "\n    ? " + deep}) {
    const std::string text =
        replace(minimal, "meta: {name: Minimal}", "meta:\n  name: x\n  note: " + node);
    EXPECT_EQ(only_problem(text, "deep.yaml").code, "E004") << node;
  }
}

TEST(InputSize, TextBeyondTheLimitIsRejected) {
  std::string text = minimal + "# " + std::string(limits::max_input_bytes, 'x') + "\n";
  const LoadResult result = check_scenario_text(text, "big.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E004");
  EXPECT_NE(result.diagnostics[0].message.find("larger than 64 MiB"), std::string::npos);
}

TEST(InputSize, AnEndlessDeviceStopsAtTheLimit) {
  // F6: `validate /dev/zero` read until memory ran out.
  const LoadResult result = check_scenario_file("/dev/zero");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E004");
  EXPECT_THROW(read_file("/dev/zero"), std::runtime_error);
}

TEST(InputSize, PipesAreStillRead) {
  const std::filesystem::path fifo =
      std::filesystem::temp_directory_path() / ("parley-fifo-" + std::to_string(::getpid()));
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    FILE* out = std::fopen(fifo.c_str(), "w");
    std::fputs(minimal.c_str(), out);
    std::fclose(out);
  });
  const LoadResult result = check_scenario_file(fifo);
  writer.join();
  std::filesystem::remove(fifo);
  EXPECT_TRUE(result.scenario);
  EXPECT_EQ(check_scenario_file(std::filesystem::temp_directory_path()).diagnostics.at(0).code,
            "E001");
}

TEST(InputIds, WrittenIdsLongerThanTheLimitAreRejected) {
  const std::string id(limits::max_id_length + 1, 'a');
  const Diagnostic d = only_problem(replace(minimal, "{id: a,", "{id: " + id + ","), "id.yaml");
  EXPECT_EQ(d.code, "E004");
  EXPECT_EQ(d.path, "actors[0].id");
  EXPECT_EQ(d.line, 6);
  const std::string ok(limits::max_id_length, 'a');
  EXPECT_TRUE(
      check_scenario_text(replace(minimal, "{id: a,", "{id: " + ok + ","), "ok.yaml").scenario);
}

TEST(InputIds, ImportedIdsAreCutToTheLimitAndLabelsKeptWhole) {
  // F2: a 100 KB dimension name became a 100 KB id, repeated in every row of the output.
  const std::string name(100000, 'D');
  const std::string ktab = "c,d,3,2\nActor,Description,Power," + name + ",S1," + name +
                           ",S2\na,x,1,0,10,0,10\nb,x,2,50,20,50,20\nc,x,3,100,30,100,30\n";
  const LoadResult result = check_scenario_text(ktab, "long.csv");
  ASSERT_TRUE(result.scenario) << format_diagnostic(result.diagnostics.at(0));
  const auto& issues = result.scenario->issues;
  EXPECT_EQ(issues[0].id, std::string(limits::max_id_length, 'd'));
  EXPECT_EQ(issues[1].id, std::string(limits::max_id_length - 2, 'd') + "_2");
  EXPECT_EQ(issues[0].label, name);
}

TEST(InputNumbers, MagnitudesOutsideTheLimitsAreE016InEveryFormat) {
  for (const std::string value : {"1e308", "1000000.5", "-2e6", "1e-320", "5e-324", "1e-10"}) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"s.yaml", replace(minimal, "capability: 10", "capability: " + value)},
        {"s.json",
         "{\"parley\": 1, \"meta\": {\"name\": \"x\"}, \"issues\": [{\"id\": \"t\", "
         "\"kind\": \"political\"}],\n \"actors\": [{\"id\": \"a\", \"kind\": \"state\", "
         "\"capability\": " +
             value +
             ", \"positions\": {\"t\": 1}, \"salience\": "
             "{\"t\": 1}}]}\n"},
        {"s.csv", "Actor,Capability,Position,Salience\na,1,2,3\nb," + value + ",2,3\n"},
        {"k.csv",
         "n,d,3,1\nActor,Description,Power,P1,S1\na,d,1,2,3\nb,d,1," + value + ",3\nc,d,1,2,3\n"},
        {"d.txt", "#A;a;a\n#P;p;p\n#D;a;p;" + value + ";50;1\n"},
    };
    for (const auto& [file, text] : files) {
      const LoadResult result = check_scenario_text(text, file);
      ASSERT_FALSE(result.diagnostics.empty()) << file << " " << value;
      const Diagnostic& d = result.diagnostics.front();
      EXPECT_EQ(d.code, "E016") << file << " " << value << ": " << format_diagnostic(d);
      EXPECT_GT(d.line, 1) << file;
      EXPECT_GT(d.column, 0) << file;
    }
  }
}

TEST(InputNumbers, TheLimitsThemselvesAreAccepted) {
  for (const std::string value : {"1e6", "1e-9", "0", "999999.99999999988"}) {
    const LoadResult result =
        check_scenario_text(replace(minimal, "capability: 10", "capability: " + value), "ok.yaml");
    EXPECT_TRUE(result.scenario) << value << ": " << format_diagnostic(result.diagnostics.at(0));
  }
}

TEST(InputNumbers, ScalesDistributionsAndThresholdsAreHeldToTheirLimits) {
  auto first_code = [](const std::string& text) {
    const LoadResult r = check_scenario_text(text, "x.yaml");
    return r.diagnostics.empty() ? std::string("none") : r.diagnostics.front().code;
  };
  EXPECT_EQ(first_code(replace(minimal, "kind: political,", "kind: political, scale: [0, 1e-7],")),
            "E013");
  EXPECT_EQ(first_code(replace(minimal, "kind: political,", "kind: political, scale: [0, 1e-6],")),
            "E013");  // the status quo 20 is now outside; the scale itself is fine
  EXPECT_EQ(
      first_code(replace(minimal, "kind: political,", "kind: political, scale: [-1e6, 2e6],")),
      "E016");
  EXPECT_EQ(first_code(minimal + "uncertainty:\n  \"actors.a.capability\": {normal: [10, 1e7]}\n"),
            "E016");
  EXPECT_EQ(first_code(minimal + "uncertainty:\n  \"actors.a.capability\": {spread: 1e-12}\n"),
            "E016");
  EXPECT_EQ(first_code(minimal + "uncertainty:\n  \"actors.a.capability\": {normal: [10, 1e6]}\n"),
            "none");
}

TEST(InputLocations, EveryDiagnosticOfTheBadFilesHasALineAndColumn) {
  // F4: an empty decide, EU or KTAB file's "no issues"/"no actors" had no location.
  const std::filesystem::path dir = std::filesystem::path(PARLEY_TEST_DATA_DIR) / "invalid";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".expected" || ext == ".md") continue;
    ++files;
    for (const Diagnostic& d : check_scenario_file(entry.path()).diagnostics) {
      EXPECT_GT(d.line, 0) << format_diagnostic(d);
      EXPECT_GT(d.column, 0) << format_diagnostic(d);
    }
  }
  EXPECT_GT(files, 70);
  for (const std::string text :
       {"#A;a;a\n#A;b;b\n", "#P;p;p\n", "Actor,Capability,Position,Salience\n",
        "n,d,3,1\nActor,Description,Power,P1,S1\n"}) {
    for (const Diagnostic& d : check_scenario_text(text, "empty").diagnostics) {
      EXPECT_GT(d.line, 0) << format_diagnostic(d);
    }
  }
}

}  // namespace
}  // namespace parley
