// Format detection by content: every reference sample is recognised, and near misses fall back
// to YAML (whose parser then explains what is wrong).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

using test::test_data_text;

TEST(DetectFormat, JsonStartsWithABrace) {
  EXPECT_EQ(detect_format("{\"parley\": 1}"), InputFormat::json);
  EXPECT_EQ(detect_format("\n  \t{\n"), InputFormat::json);
  EXPECT_EQ(detect_format("\xEF\xBB\xBF{}"), InputFormat::json);
  EXPECT_EQ(detect_format("parley: 1\nmeta: {name: x}\n"), InputFormat::yaml);
}

TEST(DetectFormat, KtabSamples) {
  for (const char* name : {"dummyData_3Dim.csv", "dummyData_6Dim.csv", "dummyData-a040.csv",
                           "SOE-Policy.csv", "SOE-Competitive.csv"}) {
    EXPECT_EQ(detect_format(test_data_text(std::string("import/") + name)), InputFormat::ktab_csv)
        << name;
  }
}

TEST(DetectFormat, KtabNeedsWholeNumberCountsAndAnActorHeader) {
  EXPECT_EQ(detect_format("T,d,3,1\nActor,Description,Power,P,S\n"), InputFormat::ktab_csv);
  EXPECT_EQ(detect_format("T,d,3,1\nactor, Description,Power,P,S\n"), InputFormat::ktab_csv);
  EXPECT_EQ(detect_format("T,d,3.5,1\nActor,Description,Power,P,S\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("T,d,3,x\nActor,Description,Power,P,S\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("T,d,3\nActor,Description,Power,P,S\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("T,d,3,1\nName,Description,Power,P,S\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("T,d,3,1\n"), InputFormat::yaml);
}

TEST(DetectFormat, ExpectedUtilityCsv) {
  EXPECT_EQ(detect_format(test_data_text("import/ec-emissions-1994.csv")), InputFormat::eu_csv);
  EXPECT_EQ(detect_format(test_data_text("import/china-2002.csv")), InputFormat::eu_csv);
  EXPECT_EQ(detect_format("ACTOR, capability ,Position,Salience\r\na,1,2,3\r\n"),
            InputFormat::eu_csv);
  EXPECT_EQ(detect_format("\n\nActor,Capability,Position,Salience,,\n"), InputFormat::eu_csv);
  EXPECT_EQ(detect_format("Actor,Capability,Position\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("Actor,Capability,Position,Salience,Risk\n"), InputFormat::yaml);
}

TEST(DetectFormat, DecideFiles) {
  for (const char* name : {"sample_data.txt", "copenhagen.csv", "cop21.csv"}) {
    EXPECT_EQ(detect_format(test_data_text(std::string("import/") + name)), InputFormat::decide)
        << name;
  }
  EXPECT_EQ(detect_format("#A;EU;European Union\n"), InputFormat::decide);
  EXPECT_EQ(detect_format("\"#P\",\"x\"\n"), InputFormat::decide);
  EXPECT_EQ(detect_format("  #D\ta\tx\t1\t0.5\t1\n"), InputFormat::decide);
  EXPECT_EQ(detect_format("#/\tcomment first\n#A\ta\n"), InputFormat::decide);
  EXPECT_EQ(detect_format("#M,x,0\n"), InputFormat::decide);
}

TEST(DetectFormat, YamlCommentsAreNotDecideTags) {
  EXPECT_EQ(detect_format("# A scenario\nparley: 1\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format("#Afghanistan\nparley: 1\n"), InputFormat::yaml);
  EXPECT_EQ(detect_format(test_data_text("valid/minimal.yaml")), InputFormat::yaml);
}

TEST(DetectFormat, EmptyInputIsYaml) {
  EXPECT_EQ(detect_format(""), InputFormat::yaml);
  EXPECT_EQ(detect_format("\n \r\n"), InputFormat::yaml);
}

TEST(DetectFormat, NamesOfTheFormats) {
  EXPECT_STREQ(to_string(InputFormat::yaml), "yaml");
  EXPECT_STREQ(to_string(InputFormat::json), "json");
  EXPECT_STREQ(to_string(InputFormat::ktab_csv), "ktab_csv");
  EXPECT_STREQ(to_string(InputFormat::eu_csv), "eu_csv");
  EXPECT_STREQ(to_string(InputFormat::decide), "decide");
}

}  // namespace
}  // namespace parley
