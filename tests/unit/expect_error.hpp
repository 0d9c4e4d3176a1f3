// Test helper: a call must fail with a given parley::Error id, not merely throw something.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "parley/scenario.hpp"

namespace parley::test {

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

}  // namespace parley::test
