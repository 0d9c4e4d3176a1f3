// Loads the default scenario compiled into parley, forecasts it, simulates a year of its first
// strategy and prints one line from each layer.
#include <iostream>

#include "parley/io.hpp"

int main() {
  const parley::Scenario scenario =
      parley::load_scenario_text(parley::embedded_default_scenario(), "default");
  const parley::Forecast forecast = parley::make_model("median")->forecast(scenario);
  const parley::EngagementRun run = parley::simulate_engagement(
      scenario, scenario.strategies.front().id, {.months = 12, .engine = "compromise"}, 1, 0);
  const std::string table = parley::forecast_table(scenario, {forecast});
  std::cout << "scenario: " << scenario.meta.name << "\n"
            << "issues forecast: " << forecast.issues.size() << " of " << scenario.issues.size()
            << "\n"
            << "months simulated: " << run.months.size() - 1 << "\n"
            << "table header: " << table.substr(0, table.find(' ')) << "\n";
}
