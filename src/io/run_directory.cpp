#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

#include "parley/io.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

std::string hostname() {
  char name[256] = {};
  return ::gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string("unknown");
}

// Shortest text that reads back to the same double.
std::string number(double value) { return fmt::format("{}", value); }

nlohmann::ordered_json manifest(const Scenario& scenario, const ComparisonContext& context) {
  const auto& plan = context.plan;
  nlohmann::ordered_json m;
  m["parley_version"] = PARLEY_VERSION;
  m["scenario"] = {{"name", scenario.meta.name},
                   {"file", context.scenario_file},
                   {"as_of", scenario.meta.as_of}};
  m["strategies"] = plan.strategies;
  m["reference"] = context.reference;
  m["runs"] = plan.runs;
  m["months"] = plan.engagement.months;
  m["seed"] = plan.seed;
  m["engine"] = plan.engagement.engine;
  m["threads"] =
      plan.threads > 0 ? plan.threads : static_cast<int>(std::thread::hardware_concurrency());
  m["host"] = hostname();
  m["seconds"] = context.seconds;
  m["streams"] =
      "run r draws uncertain number f from Philox4x32 stream (seed, r, 65536 + f) and "
      "monthly shocks from (seed, r, 1)";
  m["resolved_scenario"] = nlohmann::ordered_json::parse(to_json(scenario));
  return m;
}

std::string summary_csv(const std::vector<SeriesSummary>& summaries) {
  std::string csv = "strategy,series,month,p10,p50,p90,diff_p10,diff_p50,diff_p90\n";
  for (const SeriesSummary& s : summaries) {
    csv +=
        fmt::format("{},{},{},{},{},{},{},{},{}\n", s.strategy, s.series, s.month,
                    number(s.value.p10), number(s.value.p50), number(s.value.p90),
                    number(s.difference.p10), number(s.difference.p50), number(s.difference.p90));
  }
  return csv;
}

std::string summary_json(const std::vector<SeriesSummary>& summaries) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const SeriesSummary& s : summaries) {
    rows.push_back({{"strategy", s.strategy},
                    {"series", s.series},
                    {"month", s.month},
                    {"p10", s.value.p10},
                    {"p50", s.value.p50},
                    {"p90", s.value.p90},
                    {"diff_p10", s.difference.p10},
                    {"diff_p50", s.difference.p50},
                    {"diff_p90", s.difference.p90}});
  }
  return rows.dump(1) + "\n";
}

// Per strategy and track: in how many runs the track agreed, and the median month.
std::string agreements_csv(const Scenario& scenario, const std::vector<StrategyRuns>& results) {
  std::string csv = "strategy,issue,runs_agreed,share_agreed,median_month\n";
  for (const StrategyRuns& strategy : results) {
    for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
      std::vector<double> months;
      for (const EngagementRun& run : strategy.runs) {
        if (run.agreement_month[i] >= 0) months.push_back(run.agreement_month[i]);
      }
      const double share =
          strategy.runs.empty() ? 0.0 : double(months.size()) / double(strategy.runs.size());
      csv += fmt::format("{},{},{},{},{}\n", strategy.strategy, scenario.issues[i].id,
                         months.size(), number(share),
                         months.empty() ? std::string() : number(quantile(months, 0.5)));
    }
  }
  return csv;
}

// Per strategy and state: the recognition steps it had taken by the end (0-3), over runs.
std::string recognition_csv(const Scenario& scenario, const std::vector<StrategyRuns>& results) {
  std::string csv = "strategy,actor,bloc,p10,p50,p90,share_any_step\n";
  for (const StrategyRuns& strategy : results) {
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      if (scenario.actors[a].kind != ActorKind::state) continue;
      std::vector<double> steps;
      for (const EngagementRun& run : strategy.runs) steps.push_back(run.recognition_steps[a]);
      if (steps.empty()) continue;
      const auto any = std::count_if(steps.begin(), steps.end(), [](double x) { return x > 0; });
      const Band b = band(steps);
      csv += fmt::format("{},{},{},{},{},{},{}\n", strategy.strategy, scenario.actors[a].id,
                         scenario.actors[a].bloc, number(b.p10), number(b.p50), number(b.p90),
                         number(double(any) / double(steps.size())));
    }
  }
  return csv;
}

}  // namespace

void write_run_directory(const std::filesystem::path& directory, const Scenario& scenario,
                         const ComparisonContext& context, const std::vector<StrategyRuns>& results,
                         const std::vector<SeriesSummary>& summaries) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    throw Error(ErrorId::io_write,
                fmt::format("cannot create directory '{}': {}", directory.string(), ec.message()));
  }
  write_file_atomically(directory / "summary.csv", summary_csv(summaries));
  write_file_atomically(directory / "summary.json", summary_json(summaries));
  write_file_atomically(directory / "agreements.csv", agreements_csv(scenario, results));
  write_file_atomically(directory / "recognition.csv", recognition_csv(scenario, results));
  // The manifest last: a directory with a manifest is complete.
  write_file_atomically(directory / "manifest.json", manifest(scenario, context).dump(2) + "\n");
}

}  // namespace parley
