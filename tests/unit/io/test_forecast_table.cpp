// The forecast table: one row per issue, one column per model, and the strongest pulls up and
// down on the first model's outcome.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/io.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

TEST(ForecastTable, ShowsEveryIssueWithOneColumnPerModel) {
  Scenario s = load_scenario_text(R"(parley: 1
meta: {name: T}
issues: [{id: tax, kind: political, status_quo: 20}, {id: dams, kind: technical}]
actors:
  - {id: a, kind: state, capability: 10, positions: {tax: 0, dams: 10}, salience: {tax: 50, dams: 50}}
  - {id: b, kind: state, capability: 30, positions: {tax: 100, dams: 30}, salience: {tax: 50, dams: 50}}
)",
                                  "t.yaml");
  std::vector<Forecast> forecasts{make_model("compromise")->forecast(s),
                                  make_model("median")->forecast(s)};
  std::string table = forecast_table(s, forecasts);
  EXPECT_NE(table.find("compromise"), std::string::npos);
  EXPECT_NE(table.find("median"), std::string::npos);
  EXPECT_NE(table.find("tax"), std::string::npos);
  EXPECT_NE(table.find("75.0"), std::string::npos);  // compromise on tax: 3000 / 40
  EXPECT_NE(table.find("b 50%"), std::string::npos);
  EXPECT_NE(table.find("a 50%"), std::string::npos);
}

}  // namespace
}  // namespace parley
