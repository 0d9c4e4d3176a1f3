#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "parley/forecast_report.hpp"
#include "parley/model.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct ForecastArgs {
  std::string file;
  std::vector<std::string> models{"compromise", "median"};
  bool json = false;
  std::string out;
  std::optional<int> rounds;
};

bool has_rounds(const Forecast& forecast) {
  return std::any_of(forecast.issues.begin(), forecast.issues.end(),
                     [](const IssueForecast& issue) { return !issue.round_summaries.empty(); });
}
}  // namespace

Handler add_forecast(CLI::App& app) {
  auto args = std::make_shared<ForecastArgs>();
  app.add_option("file", args->file,
                 "Scenario file; the embedded Afghanistan 2024 scenario if omitted");
  app.add_option(
         "-m,--model", args->models,
         "Model spec, e.g. median or eum(q=0.5); repeat for several (default: compromise, median)")
      ->take_all()
      ->allow_extra_args(false);  // one spec per --model, so a scenario file may follow
  app.add_flag("--json", args->json, "Print the full forecast as JSON");
  app.add_option("--rounds", args->rounds,
                 "Bargaining rounds, passed as rounds=N to every model that has that parameter "
                 "(a model spec's own rounds= wins)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("-o,--out", args->out, "Write to this file (atomically) instead of stdout");
  return [args] {
    const Scenario scenario = load_scenario_arg(args->file);
    std::vector<Forecast> forecasts;
    for (std::string spec : args->models) {
      if (args->rounds) spec = spec_with_default(spec, "rounds", std::to_string(*args->rounds));
      forecasts.push_back(make_model(spec)->forecast(scenario));
    }
    if (args->json) {
      emit(forecast_json(scenario, forecasts), args->out);
      return exit_ok;
    }
    std::string header = fmt::format(
        "{}{} — {} issues, {} actors; outcomes on each issue's scale\n\n", scenario.meta.name,
        scenario.meta.as_of.empty() ? "" : " (" + scenario.meta.as_of + ")", scenario.issues.size(),
        scenario.actors.size());
    std::string footer =
        "\npulled up/down by: each actor's share of sum(capability x salience x distance) to the " +
        forecasts.front().model + " outcome\n";
    // One bargaining model: its rounds too.
    if (forecasts.size() == 1 && has_rounds(forecasts.front())) {
      footer += "\n" + forecast_rounds_text(forecasts.front());
    }
    emit(header + forecast_table(scenario, forecasts) + footer, args->out);
    return exit_ok;
  };
}

}  // namespace parley::cli
