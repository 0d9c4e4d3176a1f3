// The control: the top layer calls every layer below it, and links.
#include "parley/io.hpp"

std::size_t probe() {
  const parley::Scenario scenario =
      parley::load_scenario_text(parley::embedded_default_scenario(), "default");
  const auto forecast = parley::make_model("median")->forecast(scenario);
  const auto run = parley::simulate_engagement(scenario, "", {.months = 1}, 1, 0);
  return parley::forecast_table(scenario, {forecast}).size() + run.months.size() +
         static_cast<std::size_t>(parley::quantile({1.0, 2.0}, 0.5));
}
