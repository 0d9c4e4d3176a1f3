// Test helpers the model tests share: checks that cannot pass by accident, and a forecast on a
// limited thread pool.
#pragma once

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstddef>
#include <string>

#include "parley/models.hpp"

namespace parley::test {

// `call` must throw a ModelError whose message contains `text`; a call that does not throw
// fails the test rather than skipping the message check.
template <typename Call>
void expect_model_error_from(Call&& call, const std::string& text) {
  try {
    call();
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    return;
  }
  ADD_FAILURE() << "no ModelError thrown; expected one saying: " << text;
}

// make_model(spec) must throw a ModelError whose message contains `text`.
inline void expect_model_error(const std::string& spec, const std::string& text) {
  expect_model_error_from([&] { make_model(spec); }, text);
}

// For comparing runs on different thread counts: the limit holds while the model is made and runs.
inline Forecast forecast_on_threads(const std::string& spec, const Scenario& scenario,
                                    std::size_t threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  return make_model(spec)->forecast(scenario);
}

// Every issue's outcome and every position of every round is finite.
inline void expect_finite_positions(const Forecast& f, const std::string& what) {
  for (const IssueForecast& issue : f.issues) {
    EXPECT_TRUE(std::isfinite(issue.outcome)) << what;
    for (const auto& round : issue.positions) {
      for (double x : round) EXPECT_TRUE(std::isfinite(x)) << what;
    }
  }
}

}  // namespace parley::test
