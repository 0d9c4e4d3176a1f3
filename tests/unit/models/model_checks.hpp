// Test helpers the model tests share: checks that cannot pass by accident, and a forecast on a
// limited thread pool.
#pragma once

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstddef>
#include <string>

#include "expect_error.hpp"
#include "parley/models.hpp"

namespace parley::test {

// make_model(spec) must throw a parley::Error with `id` whose message contains `text`.
inline void expect_model_error(const std::string& spec, ErrorId id, const std::string& text) {
  expect_error([&] { make_model(spec); }, id, text);
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
