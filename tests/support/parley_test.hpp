// The helpers every unit test may use (target parley_test_support, tests/CMakeLists.txt): where
// the test data and shipped scenarios are, checks that a call fails with the right error id, and
// the model and scenario checks more than one test file needs. One header, so that a helper is
// written once and a new test finds it here.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "parley/io.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley::test {

// --- test data -----------------------------------------------------------------------------------

// `relative` under tests/data/.
std::filesystem::path test_data_path(const std::string& relative);

// The text of `relative` under tests/data/.
std::string test_data_text(const std::string& relative);

// A scenario the project ships, by file name under scenarios/ (e.g. "afghanistan-2024.yaml").
Scenario shipped_scenario(const std::string& file);

// The synthetic leverage case (tests/data/engagement/leverage.yaml) that the engagement,
// analysis and io tests share, loaded from one place so that they all test the same file.
Scenario leverage_case();

// The leverage case with every actor's capability uncertain (±30%), so that runs differ in their
// draws: the case the results-store tests record and read back.
Scenario uncertain_leverage_case();

// A fresh directory under the system's temporary directory, named after the running test and
// removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("parley-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// What a results store records of `plan` run by `command` (its identity: strategies, seed,
// months, engine, runs, what is recorded).
StorePlan store_plan_of(const ComparisonPlan& plan, const std::string& command = "compare",
                        Record record = Record::every);

// --- errors and diagnostics ----------------------------------------------------------------------

bool contains(const std::string& text, const std::string& part);

// `call` must throw a parley::Error with `id` whose message contains `text`. A call that does not
// throw, or throws another id, fails the test; another exception type escapes and fails it too.
template <typename Call>
void expect_error(Call&& call, ErrorId id, const std::string& text) {
  try {
    call();
  } catch (const Error& e) {
    EXPECT_STREQ(to_string(e.id()), to_string(id)) << e.what();
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    return;
  }
  ADD_FAILURE() << "no parley::Error thrown; expected " << to_string(id) << ": " << text;
}

// The one diagnostic of a check of `what`, failing the test (and listing them all) when there is
// not exactly one; an empty Diagnostic when there is none.
Diagnostic only_diagnostic(const std::vector<Diagnostic>& diagnostics, const std::string& what);

// tests/data/import/<name> loads, read as `format`, without a diagnostic.
void expect_sample_loads(const std::string& name, InputFormat format);

// --- models --------------------------------------------------------------------------------------

// The name of every model in the registry, in registry order: what the suites every model must
// pass are instantiated over.
std::vector<std::string> registered_models();

// make_model(spec) must throw a parley::Error with `id` whose message contains `text`.
void expect_model_error(const std::string& spec, ErrorId id, const std::string& text);

// For comparing runs on different thread counts: the limit holds while the model is made and runs.
Forecast forecast_on_threads(const std::string& spec, const Scenario& scenario,
                             std::size_t threads);

// Every issue's outcome and every position of every round is finite.
void expect_finite_positions(const Forecast& f, const std::string& what);

// --- scenarios -----------------------------------------------------------------------------------

// Every field of the two scenarios is equal; numbers compare exactly. Each difference is reported
// with the path of its field. The scenario types have no operator== (they are plain aggregates),
// and comparing writer output instead would hide a field the writer forgets on both sides.
void expect_same_scenario(const Scenario& a, const Scenario& b);

}  // namespace parley::test
