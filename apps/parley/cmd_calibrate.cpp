// parley calibrate: fit uncertain numbers of a scenario to what happened (docs/validation.md).
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "parley/io.hpp"
#include "progress.hpp"
#include "run_options.hpp"
#include "run_store.hpp"
#include "scenario_arg.hpp"

namespace parley::cli {

namespace {
struct CalibrateArgs {
  std::string file;
  std::string observations;
  ObservationWindow window;
  CalibrationPlan plan;
  int sample = 0;            // rows of the posterior sample written; 0: one per particle
  std::string scenario_out;  // -o: the calibrated scenario
  std::string out;           // --out: a run directory
  std::string posterior;
  bool quiet = false;
  CalibrateArgs() {
    plan.strategy = "as-followed";
    plan.engagement.months = 0;  // 0: up to the observations' last month
  }
};

// What the database's manifest must hold besides the plan's common fields.
StorePlan store_plan(const CalibrateArgs& a) {
  StorePlan p;
  p.command = "calibrate";
  p.strategies = {a.plan.strategy};
  p.seed = a.plan.seed;
  p.months = a.plan.engagement.months;
  p.engine = a.plan.engagement.engine;
  p.runs = 0;  // its simulations are proposals, each scored and discarded: no runs are kept
  p.parameters = {
      {"observations_file", a.observations},
      {"from", a.window.from},
      {"until", a.window.until},
      {"params", nlohmann::json(a.plan.paths).dump()},
      {"particles", std::to_string(a.plan.particles)},
      {"generations", std::to_string(a.plan.generations)},
      {"runs_per_particle", std::to_string(a.plan.runs_per_particle)},
      {"quantile", fmt::format("{}", a.plan.quantile)},
      {"event_weight", fmt::format("{}", a.plan.weights.events)},
      {"indicator_weight", fmt::format("{}", a.plan.weights.indicators)},
      {"max_proposals", std::to_string(a.plan.max_attempts)},
  };
  return p;
}

int run(CalibrateArgs a) {
  const Scenario scenario = load_scenario_arg(a.file);
  ObservationContext checks{series_names(scenario), scenario.meta.as_of,
                            a.plan.engagement.months > 0 ? a.plan.engagement.months : -1};
  const Observations observations =
      within_window(load_observations_file(a.observations, &checks), a.window);
  if (!a.plan.strategy.empty()) require_strategy(scenario, a.plan.strategy);
  if (a.plan.engagement.months <= 0) {
    a.plan.engagement.months = months_for(observations);
  }
  // The run directory is claimed before the calibration runs, so that a directory it may not
  // replace fails at once.
  std::unique_ptr<StoredRun> stored;
  if (!a.out.empty()) {
    StoreOptions options;
    options.out = a.out;
    stored = std::make_unique<StoredRun>(options, scenario, store_plan(a),
                                         StoreSession{.command_line = invocation(),
                                                      .scenario_file = a.file,
                                                      .threads = resolved_threads(a.plan.threads)});
  }
  const auto start = std::chrono::steady_clock::now();
  CalibrationResult result;
  // Particles accepted, over every generation: the acceptance rate sets the pace, so the ETA
  // is rough.
  const auto per_generation = static_cast<std::uint64_t>(a.plan.particles);
  ProgressBar bar(per_generation * static_cast<std::uint64_t>(a.plan.generations), !a.quiet,
                  "particles");
  auto fit = [&] {
    result = calibrate(scenario, observations, a.plan, [&](int generation, int accepted) {
      bar.update(static_cast<std::uint64_t>(generation) * per_generation +
                 static_cast<std::uint64_t>(accepted));
    });
    bar.finish();
  };
  if (stored) {
    stored->run(fit);
  } else {
    fit();
  }
  CalibrationContext context{a.file, a.observations, a.plan, 0.0};
  context.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << calibration_table(context, result);
  const std::string source =
      fmt::format("parley calibrate on {} ('{}', start {}), strategy {}, seed {}", a.observations,
                  observations.name, observations.start, a.plan.strategy, a.plan.seed);
  const int rows = a.sample > 0 ? a.sample : a.plan.particles;
  if (!a.posterior.empty()) write_file_atomically(a.posterior, posterior_csv(result));
  if (a.scenario_out.empty() && !stored) return exit_ok;
  const Scenario calibrated = calibrated_scenario(scenario, result, source, rows, a.plan.seed);
  if (!a.scenario_out.empty()) write_file_atomically(a.scenario_out, to_yaml(calibrated));
  if (stored) {
    stored->commit([&](const std::filesystem::path& work) {
      stored->store().write_calibration(result);
      write_calibration_directory(work, scenario, observations, context, stored->store(), result,
                                  calibrated);
    });
    std::cout << fmt::format("\nRun directory: {}\n", a.out);
  }
  return exit_ok;
}
}  // namespace

Handler add_calibrate(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  app.add_option("scenario", a->file, "Scenario file to calibrate")->required();
  app.add_option("observations", a->observations, "Observations file (docs/observations.md)")
      ->required();
  app.add_option("--params", a->plan.paths,
                 "Id paths of the numbers to fit (comma-separated or repeated); each needs an "
                 "uncertainty entry, its prior")
      ->required()
      ->delimiter(',');
  add_window_options(app, a->window);
  app.add_option("--strategy", a->plan.strategy, "Strategy whose runs are scored")
      ->capture_default_str();
  app.add_option("--particles", a->plan.particles, "Particles per generation")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  app.add_option("--generations", a->plan.generations, "Generations (tolerances)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.add_option("--runs", a->plan.runs_per_particle, "Runs scored for each particle")
      ->check(CLI::Range(1, 1048575))
      ->capture_default_str();
  app.add_option("--quantile", a->plan.quantile,
                 "Next tolerance: this quantile of the last generation's distances")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  app.add_option("--event-weight", a->plan.weights.events,
                 "Weight of the mean Brier score in the distance")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  app.add_option("--indicator-weight", a->plan.weights.indicators,
                 "Weight of the mean relative CRPS in the distance")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  app.add_option("--max-proposals", a->plan.max_attempts,
                 "Proposals per generation before stopping early (0: 50 x particles)")
      ->check(CLI::Range(0, 100000000));
  add_engagement_options(
      app, a->plan,
      {.seed = "Master seed; every proposal draws from its own streams",
       .threads = "Worker threads (0: all cores); results do not depend on it",
       .engine = "Bargaining model for the regime's internal bargaining and the tracks"});
  app.add_option("-o", a->scenario_out,
                 "Write the calibrated scenario (YAML; the posterior in its uncertainty block)");
  app.add_option("--out", a->out,
                 "Run directory: results.sqlite (the plan and every generation's particles), "
                 "posterior.csv, calibrated.yaml, manifest.json");
  app.add_option("--posterior", a->posterior, "Write every generation's particles as CSV");
  app.add_option("--sample", a->sample,
                 "Rows of the posterior sample in the calibrated scenario (default: particles)")
      ->check(CLI::Range(1, 1000000));
  app.add_flag("-q,--quiet", a->quiet, "No progress bar");
  return [a] { return run(*a); };
}

}  // namespace parley::cli
