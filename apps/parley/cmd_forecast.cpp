#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "numeric_flags.hpp"
#include "parley/io.hpp"
#include "parley/models.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct ForecastArgs {
  std::string file;
  std::vector<std::string> models{"compromise", "median"};
  bool json = false;
  std::string out;
  std::optional<int> rounds;
  std::optional<std::uint64_t> seed;
  bool compare_unbundled = false;
};

bool has_rounds(const Forecast& forecast) {
  return std::any_of(forecast.issues.begin(), forecast.issues.end(),
                     [](const IssueForecast& issue) { return !issue.round_summaries.empty(); });
}
}  // namespace

Handler add_forecast(CLI::App& app) {
  auto args = std::make_shared<ForecastArgs>();
  add_scenario_file(app, args->file);
  app.add_option(
         "-m,--model", args->models,
         "Model spec, e.g. median or eum(q=0.5); repeat for several (default: compromise, median)")
      ->take_all()
      ->allow_extra_args(false);  // one spec per --model, so a scenario file may follow
  app.add_flag("--json", args->json, "Print the full forecast as JSON");
  app.add_option("--rounds", args->rounds,
                 "Bargaining rounds, passed as rounds=N to every model that has that parameter "
                 "(a model spec's own rounds= wins)")
      ->check(CLI::Range(0, limits::max_rounds));
  app.add_option("--seed", args->seed,
                 "Seed of a model's random choices, passed as seed=N to every model that has that "
                 "parameter (e.g. exchange's random tie-breaks)")
      ->check(seed_value);
  app.add_flag("--compare-unbundled", args->compare_unbundled,
               "Per issue: the piecemeal outcome (compromise, each issue alone) beside the bundled "
               "one (exchange across issues; the --model given if it is exchange) and the "
               "difference");
  app.add_option("-o,--out", args->out, "Write to this file (atomically) instead of stdout");
  return [args] {
    const Scenario scenario = load_scenario_arg(args->file);
    auto with_defaults = [&](std::string spec) {
      if (args->rounds) spec = spec_with_default(spec, "rounds", std::to_string(*args->rounds));
      if (args->seed) spec = spec_with_default(spec, "seed", std::to_string(*args->seed));
      return spec;
    };
    if (args->compare_unbundled) {
      auto bundled = std::find_if(args->models.begin(), args->models.end(),
                                  [](const auto& m) { return m.rfind("exchange", 0) == 0; });
      const std::string spec = bundled == args->models.end() ? "exchange" : *bundled;
      std::vector<Forecast> pair = {make_model("compromise")->forecast(scenario),
                                    make_model(with_defaults(spec))->forecast(scenario)};
      if (args->json) {
        emit(forecast_json(scenario, pair), args->out);
      } else {
        emit(unbundled_comparison_text(scenario, pair[0], pair[1]), args->out);
      }
      return exit_ok;
    }
    std::vector<Forecast> forecasts;
    for (const std::string& spec : args->models) {
      forecasts.push_back(make_model(with_defaults(spec))->forecast(scenario));
    }
    if (args->json) {
      emit(forecast_json(scenario, forecasts), args->out);
      return exit_ok;
    }
    const std::string header = forecast_heading(scenario) + "\n";
    std::string footer =
        "\npulled up/down by: each actor's share of sum(capability x salience x distance) to the " +
        forecasts.front().model + " outcome\n";
    // One bargaining model: its rounds too.
    if (forecasts.size() == 1 && !forecasts.front().exchange_rounds.empty()) {
      footer += "\n" + forecast_exchanges_text(scenario, forecasts.front());
    } else if (forecasts.size() == 1 && has_rounds(forecasts.front())) {
      footer += "\n" + forecast_rounds_text(forecasts.front());
      footer += "\n" + forecast_positions_text(scenario, forecasts.front());
    }
    emit(header + forecast_table(scenario, forecasts) + footer, args->out);
    return exit_ok;
  };
}

}  // namespace parley::cli
