// Nothing about a case is written in the code: no id of a shipped scenario (its issues, actors,
// blocs, instruments, strategies) appears as a string in src/, except the generic names of the
// schema a scenario declares against (roles, effect channels, variables, parameters).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "parley/engagement.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

std::set<std::string> case_ids() {
  std::set<std::string> ids;
  for (const char* name : {"afghanistan-2021.yaml", "afghanistan-2024.yaml"}) {
    const Scenario s = test::shipped_scenario(name);
    for (const Issue& i : s.issues) ids.insert(i.id);
    for (const Actor& a : s.actors) ids.insert(a.id);
    for (const Bloc& b : s.blocs) ids.insert(b.id);
    for (const Instrument& i : s.instruments) ids.insert(i.id);
    for (const Strategy& st : s.strategies) ids.insert(st.id);
  }
  // The schema's own names may coincide with a scenario's ids (an issue with role
  // `recognition` may also be called recognition): they are generic.
  for (const auto* names :
       {&issue_roles(), &instrument_effect_channels(), &issue_effect_channels(),
        &timeline_variables(), &seasonal_variables(), &condition_indicators()}) {
    for (const std::string& n : *names) ids.erase(n);
  }
  // So may the names of the format's kinds (an instrument called `sanctions` of kind sanctions).
  for (auto k :
       {InstrumentKind::sanctions, InstrumentKind::frozen_assets, InstrumentKind::aid,
        InstrumentKind::recognition, InstrumentKind::ct_cooperation,
        InstrumentKind::technical_assistance, InstrumentKind::dialogue, InstrumentKind::other}) {
    ids.erase(to_string(k));
  }
  for (auto k : {Linkage::bundled, Linkage::piecemeal}) ids.erase(to_string(k));
  // And the series every engagement run records (an instrument called recognition_steps).
  for (std::size_t i = 0; i < indicator_count; ++i) ids.erase(to_string(Indicator(i)));
  return ids;
}

// The string literals of a source file, comments left out.
std::vector<std::string> literals(const std::string& code) {
  std::vector<std::string> out;
  bool line_comment = false, block_comment = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (line_comment) {
      line_comment = code[i] != '\n';
    } else if (block_comment) {
      if (code.compare(i, 2, "*/") == 0) block_comment = false, ++i;
    } else if (code.compare(i, 2, "//") == 0) {
      line_comment = true;
    } else if (code.compare(i, 2, "/*") == 0) {
      block_comment = true;
    } else if (code[i] == '\'' && i + 2 < code.size()) {
      i += code[i + 1] == '\\' ? 3 : 2;  // a character literal such as '"'
    } else if (code[i] == '"') {
      std::string text;
      for (++i; i < code.size() && code[i] != '"'; ++i) {
        if (code[i] == '\\') ++i;
        if (i < code.size()) text += code[i];
      }
      out.push_back(text);
    }
  }
  return out;
}

TEST(NoCaseInCode, NoShippedScenarioIdIsAStringInSrc) {
  const std::set<std::string> ids = case_ids();
  ASSERT_GT(ids.size(), 30u) << "the shipped scenarios should give many ids";
  ASSERT_TRUE(ids.count("girls_education") && ids.count("kandahar"));
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(PARLEY_SOURCE_DIR) + "/src")) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".in") continue;
    ++files;
    for (const std::string& text : literals(read_file(entry.path()))) {
      EXPECT_EQ(ids.count(text), 0u) << entry.path() << " names the case's id \"" << text << '"';
    }
  }
  EXPECT_GT(files, 50u);
}

TEST(NoCaseInCode, TheCheckSeesAStringButNotAComment) {
  const auto found = literals("// \"kandahar\"\nf(\"x\", 'y', '\"'); /* \"z\" */ g(\"a\\\"b\");");
  EXPECT_EQ(found, (std::vector<std::string>{"x", "a\"b"}));
}

}  // namespace
}  // namespace parley
