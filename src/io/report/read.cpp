// Reading a run directory for its report: results.sqlite through ResultStore, manifest.json for
// what the command was asked (the reference, a sweep's series, a screening), sensitivity.csv.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/report/report.hpp"

namespace parley::detail {
namespace {

namespace fs = std::filesystem;

// The series whose values at the last month the findings read run by run.
bool finding_series(const std::string& series) {
  return series == "food_insecure_millions" || series == "spoiler_strength" ||
         series == "attacks_per_month" || series == "recognition_steps" ||
         series == "revenue_usd_bn" || series.rfind("policy:", 0) == 0;
}

fs::path database_of(const fs::path& directory) {
  std::error_code ec;
  if (fs::is_regular_file(directory, ec) && directory.filename() == "results.sqlite") {
    return directory;
  }
  if (!fs::exists(directory, ec)) {
    throw Error(ErrorId::request_not_run_directory,
                fmt::format("report: '{}' does not exist (expected a run directory, which "
                            "compare, simulate, sweep, sensitivity or score --out DIR writes)",
                            directory.string()));
  }
  fs::path file = directory / "results.sqlite";
  if (fs::is_regular_file(file, ec)) return file;
  std::string hint;
  const fs::path partial =
      directory.parent_path() / ("." + directory.filename().string() + ".partial");
  if (fs::exists(partial / "results.sqlite", ec)) {
    hint =
        fmt::format("; a killed run's database is in {} (--resume finishes it)", partial.string());
  }
  throw Error(ErrorId::request_not_run_directory,
              fmt::format("report: '{}' holds no results.sqlite, so it is not a run directory "
                          "(compare, simulate, sweep, sensitivity or score --out DIR writes one){}",
                          directory.string(), hint));
}

nlohmann::json read_manifest_json(const fs::path& directory) {
  const fs::path file = directory / "manifest.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return nlohmann::json::object();
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read {}: not JSON ({})", file.string(), e.what()));
  }
}

std::string json_text(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string choose_reference(const ReportOptions& options, const nlohmann::json& manifest,
                             const std::vector<std::string>& strategies) {
  auto run = [&](const std::string& id) {
    return std::find(strategies.begin(), strategies.end(), id) != strategies.end();
  };
  if (!options.reference.empty()) {
    if (run(options.reference)) return options.reference;
    std::string names;
    for (const std::string& s : strategies) names += (names.empty() ? "" : ", ") + strategy_name(s);
    throw Error(ErrorId::request_reference_not_run,
                fmt::format("report --reference: strategy '{}' was not run; the run directory "
                            "holds: {}",
                            options.reference, names));
  }
  const std::string stated = json_text(manifest, "reference");
  return run(stated) ? stated : strategies.front();
}

std::size_t series_at(const ReportData& data, const std::string& name) {
  const auto found = std::find(data.series.begin(), data.series.end(), name);
  return static_cast<std::size_t>(found - data.series.begin());
}

void read_sessions(const ResultStore& store, ReportData& data) {
  // The sessions table is documented (docs/results-schema.md); the store gives its totals.
  data.started = store.started();
  data.finished = store.finished();
  data.seconds = store.seconds();
  for (const auto& [command_line, version] : store.session_commands()) {
    data.command_lines.push_back(command_line);
    if (data.parley_version.empty()) data.parley_version = version;
  }
}

void read_horizon(const ResultStore& store, ReportData& data) {
  const std::size_t last = data.months.size() - 1;
  const auto& strategies = data.plan.strategies;
  const auto reference = static_cast<std::size_t>(
      std::find(strategies.begin(), strategies.end(), data.reference) - strategies.begin());
  for (std::size_t k = 0; k < data.series.size(); ++k) {
    if (!finding_series(data.series[k])) continue;
    std::vector<double> reference_values;
    if (reference < strategies.size()) store.read_values(reference, k, last, reference_values);
    for (std::size_t s = 0; s < strategies.size(); ++s) {
      PairedValues paired;
      paired.strategy = strategies[s];
      paired.series = data.series[k];
      paired.month = data.months[last];
      store.read_values(s, k, last, paired.values);
      store.read_values(s, k, 0, paired.start);
      paired.reference = reference_values;
      data.at_horizon.push_back(std::move(paired));
    }
  }
}

void read_agreements(const ResultStore& store, ReportData& data) {
  std::vector<double> months;
  for (std::size_t i = 0; i < data.scenario.issues.size(); ++i) {
    const std::string& issue = data.scenario.issues[i].id;
    // A track some strategy or baseline negotiates has a series; other issues never agree.
    if (series_at(data, "agreement:" + issue) == data.series.size()) continue;
    for (std::size_t s = 0; s < data.plan.strategies.size(); ++s) {
      store.read_agreement_months(s, i, months);
      AgreementCurve curve;
      curve.strategy = data.plan.strategies[s];
      curve.issue = issue;
      std::sort(months.begin(), months.end());
      for (int m : data.months) {
        curve.agreed_by.push_back(static_cast<std::uint64_t>(
            std::upper_bound(months.begin(), months.end(), double(m)) - months.begin()));
      }
      curve.months_agreed = months;
      data.agreements.push_back(std::move(curve));
    }
  }
}

void read_recognition(const ResultStore& store, ReportData& data) {
  const std::string prefix = "recognition:";
  const std::size_t last = data.months.size() - 1;
  std::vector<double> steps;
  for (std::size_t k = 0; k < data.series.size(); ++k) {
    if (data.series[k].rfind(prefix, 0) != 0) continue;
    const std::string actor = data.series[k].substr(prefix.size());
    for (std::size_t s = 0; s < data.plan.strategies.size(); ++s) {
      RecognitionCounts counts;
      counts.strategy = data.plan.strategies[s];
      counts.actor = actor;
      counts.runs_at_step.assign(4, 0);
      store.read_values(s, k, 0, steps);
      counts.start = band_in_place(steps);
      store.read_values(s, k, last, steps);
      for (double x : steps) {
        const auto step = static_cast<std::size_t>(std::clamp(std::lround(x), 0L, 3L));
        ++counts.runs_at_step[step];
      }
      counts.end = band_in_place(steps);
      data.recognition.push_back(std::move(counts));
    }
  }
}

void read_sweep(const ResultStore& store, const nlohmann::json& manifest, ReportData& data) {
  const auto entries = store.manifest();
  const auto path = entries.find("sweep_path");
  data.sweep_path = path == entries.end() ? std::string() : path->second;
  data.sweep_values = store.variant_values();
  if (const auto sweep = manifest.find("sweep"); sweep != manifest.end() && sweep->is_object()) {
    if (const auto series = sweep->find("series"); series != sweep->end() && series->is_array()) {
      for (const auto& name : *series) {
        if (name.is_string()) data.sweep_series.push_back(name.get<std::string>());
      }
    }
  }
  const std::vector<std::uint64_t> variants = store.run_variants();
  const std::size_t last = data.months.size() - 1;
  std::vector<double> values;
  std::vector<std::vector<double>> by_value(data.sweep_values.size());
  for (std::size_t k = 0; k < data.series.size(); ++k) {
    const std::string& name = data.series[k];
    const bool named = std::find(data.sweep_series.begin(), data.sweep_series.end(), name) !=
                       data.sweep_series.end();
    if (!named && name.find(':') != std::string::npos && name.rfind("policy:", 0) != 0) continue;
    for (std::size_t s = 0; s < data.plan.strategies.size(); ++s) {
      store.read_values(s, k, last, values);
      for (auto& group : by_value) group.clear();
      for (std::size_t r = 0; r < values.size() && r < variants.size(); ++r) {
        if (variants[r] < by_value.size()) by_value[variants[r]].push_back(values[r]);
      }
      SweepBands bands;
      bands.strategy = data.plan.strategies[s];
      bands.series = name;
      for (auto& group : by_value) {
        bands.at_value.push_back(group.empty() ? Band{NAN, NAN, NAN} : band_in_place(group));
      }
      data.sweep.push_back(std::move(bands));
    }
  }
}

// One field of sensitivity.csv as a number, or an error naming the file, line and column.
double csv_number(const std::string& field, const fs::path& file, int line, int column,
                  const char* name) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(field, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != field.size()) {
    throw Error(ErrorId::io_read, fmt::format("{}:{}:{}: {}: expected a number, got '{}'",
                                              file.string(), line, column, name, field));
  }
  return value;
}

std::vector<FactorEffect> read_sensitivity_csv(const fs::path& file) {
  std::istringstream in(read_file(file));
  std::string text;
  std::vector<FactorEffect> effects;
  int line = 0;
  const std::string header = "factor,low,high,mu_star,mu,sigma";
  static constexpr const char* names[] = {"factor", "low", "high", "mu_star", "mu", "sigma"};
  while (std::getline(in, text)) {
    ++line;
    if (line == 1) {
      if (text != header) {
        throw Error(ErrorId::io_read, fmt::format("{}:1:1: expected the header '{}', got '{}'",
                                                  file.string(), header, text));
      }
      continue;
    }
    if (text.empty()) continue;
    std::vector<std::string> fields;
    std::vector<int> columns;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = text.find(',', start);
      fields.push_back(text.substr(start, comma - start));
      columns.push_back(static_cast<int>(start) + 1);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (fields.size() != 6) {
      throw Error(ErrorId::io_read, fmt::format("{}:{}:1: expected 6 fields ({}), got {}",
                                                file.string(), line, header, fields.size()));
    }
    FactorEffect e;
    e.path = fields[0];
    double* targets[] = {&e.low, &e.high, &e.mu_star, &e.mu, &e.sigma};
    for (std::size_t f = 1; f < 6; ++f) {
      *targets[f - 1] = csv_number(fields[f], file, line, columns[f], names[f]);
    }
    effects.push_back(e);
  }
  return effects;
}

void read_screening(const fs::path& directory, const nlohmann::json& manifest, ReportData& data) {
  const fs::path file = directory / "sensitivity.csv";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return;
  Screening screening;
  screening.effects = read_sensitivity_csv(file);
  const auto entries = manifest.find("screening");
  if (entries != manifest.end() && entries->is_object()) {
    screening.strategy = json_text(*entries, "strategy");
    screening.reference = json_text(*entries, "reference");
    screening.series = json_text(*entries, "series");
    screening.trajectories = entries->value("trajectories", 0);
  }
  if (screening.strategy.empty()) screening.strategy = data.plan.strategies.front();
  if (screening.series.empty()) screening.series = "food_insecure_millions";
  screening.month = data.plan.months;
  data.reference = screening.reference;
  data.screening = std::move(screening);
}

}  // namespace

ReportData read_report_data(const fs::path& directory, const ReportOptions& options) {
  const fs::path file = database_of(directory);
  const auto store = ResultStore::read(file);
  ReportData data;
  data.directory = file.parent_path();
  data.scenario = store->scenario();
  data.plan = store->plan();
  data.series = store->series();
  data.months = store->months();
  data.runs_stored = store->runs_stored();
  data.complete = store->complete();
  read_sessions(*store, data);
  if (data.plan.strategies.empty() || data.months.empty()) {
    throw Error(ErrorId::io_read, fmt::format("{} holds no strategies or months", file.string()));
  }
  if (data.runs_stored == 0) {
    throw Error(ErrorId::io_read,
                fmt::format("{} holds no runs yet: there is nothing to report", file.string()));
  }
  data.scoring = store->last_scoring();
  const nlohmann::json manifest = read_manifest_json(data.directory);
  const std::string& command = data.plan.command;
  if (command == "sensitivity") {
    read_screening(data.directory, manifest, data);
    return data;
  }
  if (command == "sweep") {
    data.reference = data.plan.strategies.size() > 1
                         ? choose_reference(options, manifest, data.plan.strategies)
                         : std::string();
    read_sweep(*store, manifest, data);
    return data;
  }
  // compare and simulate: one strategy has nothing to be compared with.
  const bool paired = data.plan.strategies.size() > 1;
  data.reference = paired ? choose_reference(options, manifest, data.plan.strategies) : "";
  data.summaries = summarise(*store, paired ? data.reference : data.plan.strategies.front());
  read_horizon(*store, data);
  read_agreements(*store, data);
  read_recognition(*store, data);
  return data;
}

DrawSource stored_draws(const fs::path& directory) {
  const fs::path file = database_of(directory);
  return [file](const std::function<void(const DrawnNumber&)>& visit) {
    const auto store = ResultStore::read(file);
    const std::vector<std::string> paths = store->number_paths();
    DrawnNumber number;
    for (std::size_t n = 0; n < paths.size(); ++n) {
      number.path = paths[n];
      store->read_draws(n, number.values);
      visit(number);
    }
  };
}

}  // namespace parley::detail
