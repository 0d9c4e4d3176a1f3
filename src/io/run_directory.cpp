#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "io/sqlite.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string hostname() {
  char name[256] = {};
  return ::gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string("unknown");
}

// Shortest text that reads back to the same double.
std::string number(double value) { return fmt::format("{}", value); }

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
std::string agreements_csv(const Scenario& scenario, const ResultStore& store) {
  std::string csv = "strategy,issue,runs_agreed,share_agreed,median_month\n";
  const auto runs = static_cast<double>(store.runs_stored());
  std::vector<double> months;
  const auto& strategies = store.plan().strategies;
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
      store.read_agreement_months(s, i, months);
      const double share = runs == 0 ? 0.0 : double(months.size()) / runs;
      csv += fmt::format("{},{},{},{},{}\n", strategies[s], scenario.issues[i].id, months.size(),
                         number(share),
                         months.empty() ? std::string() : number(quantile(months, 0.5)));
    }
  }
  return csv;
}

// Per strategy and state: the recognition steps it had taken by the end (0-3), over runs: the
// series recognition:<state> at the last month.
std::string recognition_csv(const Scenario& scenario, const ResultStore& store) {
  std::string csv = "strategy,actor,bloc,p10,p50,p90,share_any_step\n";
  const std::string prefix = "recognition:";
  const auto& series = store.series();
  const std::size_t last = store.months().size() - 1;
  std::vector<double> steps;
  const auto& strategies = store.plan().strategies;
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    for (std::size_t k = 0; k < series.size(); ++k) {
      if (series[k].rfind(prefix, 0) != 0) continue;
      const std::string id = series[k].substr(prefix.size());
      const auto actor = std::find_if(scenario.actors.begin(), scenario.actors.end(),
                                      [&](const Actor& a) { return a.id == id; });
      if (actor == scenario.actors.end()) continue;
      store.read_values(s, k, last, steps);
      if (steps.empty()) continue;
      const auto any = std::count_if(steps.begin(), steps.end(), [](double x) { return x > 0; });
      const Band b = band_in_place(steps);
      csv += fmt::format("{},{},{},{},{},{},{}\n", strategies[s], id, actor->bloc, number(b.p10),
                         number(b.p50), number(b.p90), number(double(any) / double(steps.size())));
    }
  }
  return csv;
}

const char* streams_text(const std::string& command) {
  if (command == "sweep") {
    return "run k * runs + r is run r at swept value k: uncertain number f from Philox4x32 "
           "stream (seed, r, 65536 + f), monthly shocks from (seed, r, 1)";
  }
  if (command == "sensitivity") {
    return "trajectory t draws its grid from Philox4x32 stream (seed, t, 131072); run "
           "t * (factors + 1) + j is its step j, with monthly shocks from (seed, t, 1)";
  }
  return "run r draws uncertain number f from Philox4x32 stream (seed, r, 65536 + f) and "
         "monthly shocks from (seed, r, 1)";
}

// ---------------------------------------------------------------------------------------------
// The run directory's protocol.

fs::path sibling(const fs::path& directory, const std::string& suffix) {
  return directory.parent_path() / ("." + directory.filename().string() + suffix);
}

// A pid read from a file name: beyond pid_t's range it names no process.
bool process_alive(long pid) {
  const auto id = static_cast<pid_t>(pid);
  return pid > 0 && id == pid && (::kill(id, 0) == 0 || errno == EPERM);
}

[[noreturn]] void fail(const std::string& doing, const fs::path& path, int error) {
  throw Error(ErrorId::io_write,
              fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(error)));
}

void rename_or_fail(const fs::path& from, const fs::path& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    fail("rename " + from.string() + " to", to, errno);
}

// Removes what killed runs left beside `directory`: .NAME.trash-PID of dead processes.
void remove_stale_trash(const fs::path& directory) {
  const std::string prefix = "." + directory.filename().string() + ".trash-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (!process_alive(pid)) fs::remove_all(entry.path(), ec);
  }
}

// A directory may be replaced when it holds only what parley writes there.
void check_replaceable(const fs::path& directory) {
  std::error_code ec;
  const auto status = fs::symlink_status(directory, ec);
  if (ec || status.type() == fs::file_type::not_found) return;
  if (status.type() != fs::file_type::directory) {
    throw Error(ErrorId::request_not_run_directory,
                fmt::format("--out {}: it exists and is not a directory", directory.string()));
  }
  fs::directory_iterator entries(directory, ec);
  if (ec) {
    throw Error(ErrorId::io_read,
                fmt::format("cannot read {}: {}", directory.string(), ec.message()));
  }
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (!is_run_directory_file(name)) {
      throw Error(ErrorId::request_not_run_directory,
                  fmt::format("--out {}: the directory holds '{}', which parley did not write; a "
                              "new run replaces the whole directory, so name a new or empty one",
                              directory.string(), name));
    }
  }
}

// A complete run's database as a finished run leaves it: its log checkpointed, out of WAL mode,
// one file (the kill may have come while it was being closed).
void close_database(const fs::path& file) {
  std::error_code ec;
  bool left = false;
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    left = left || fs::exists(file.string() + suffix, ec);
  }
  if (!left) return;
  // Opening it read-write replays or rolls back what the kill left.
  detail::Database db(file, detail::Database::Mode::read_write);
  db.execute("PRAGMA journal_mode=DELETE");
  db.close();
}

// The keys every run directory's manifest begins with: which parley, which command, on what.
nlohmann::ordered_json manifest_head(const std::string& command, const Scenario& scenario,
                                     const std::string& scenario_file) {
  nlohmann::ordered_json m;
  m["parley_version"] = PARLEY_VERSION;
  m["command"] = command;
  m["scenario"] = {
      {"name", scenario.meta.name}, {"file", scenario_file}, {"as_of", scenario.meta.as_of}};
  return m;
}

}  // namespace

bool is_run_directory_file(const std::string& name) {
  static constexpr const char* outputs[] = {
      "manifest.json",      "summary.csv",        "summary.json",           "agreements.csv",
      "recognition.csv",    "sweep.csv",          "sensitivity.csv",        "scores.csv",
      "scores.json",        "posterior.csv",      "calibrated.yaml",        "results.sqlite",
      "results.sqlite-wal", "results.sqlite-shm", "results.sqlite-journal", "report.html",
      "report.pdf"};
  for (const char* output : outputs) {
    const std::string base = output;
    if (name == base) return true;
    // An earlier parley's temporary file, left by a kill.
    if (name.rfind(base + ".tmp-", 0) == 0) return true;
  }
  return false;
}

RunDirectory::RunDirectory(const fs::path& directory) {
  std::error_code ec;
  directory_ = fs::weakly_canonical(fs::absolute(directory), ec);
  if (ec) directory_ = fs::absolute(directory).lexically_normal();
  if (directory_.filename().empty()) directory_ = directory_.parent_path();
  if (directory_ == directory_.root_path() || directory_.filename() == "..") {
    throw Error(ErrorId::request_not_run_directory,
                fmt::format("--out {}: not a directory parley can replace", directory.string()));
  }
  check_replaceable(directory_);
  fs::create_directories(directory_.parent_path(), ec);
  if (ec) {
    throw Error(ErrorId::io_write,
                fmt::format("cannot create directory '{}': {}", directory_.string(), ec.message()));
  }
  work_ = sibling(directory_, ".partial");
  claim();
}

void RunDirectory::claim() {
  for (;;) {
    if (::mkdir(work_.c_str(), 0777) != 0 && errno != EEXIST) fail("create", work_, errno);
    lock_ = ::open(work_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock_ < 0) fail("open", work_, errno);
    if (::flock(lock_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(lock_);
      lock_ = -1;
      if (error == EWOULDBLOCK) {
        throw Error(ErrorId::io_busy,
                    fmt::format("another parley process is writing {} (its work directory {} is "
                                "locked); wait for it to finish",
                                directory_.string(), work_.string()));
      }
      fail("lock", work_, error);
    }
    // The lock may be on a directory another process has just renamed into place: then the
    // work directory's name is free again, and the claim starts over.
    struct stat held {
    }, named{};
    if (::fstat(lock_, &held) != 0 || ::stat(work_.c_str(), &named) != 0 ||
        held.st_ino != named.st_ino || held.st_dev != named.st_dev) {
      ::close(lock_);
      lock_ = -1;
      continue;
    }
    remove_stale_trash(directory_);
    // A run killed after its last file but before it replaced the directory: finish its work,
    // then claim a new work directory.
    std::error_code ec;
    if (!fs::exists(work_ / "manifest.json", ec)) return;
    close_database(work_ / "results.sqlite");
    commit();
  }
}

RunDirectory::~RunDirectory() {
  if (lock_ < 0) return;
  // An unfinished run's database stays for --resume; anything less is removed.
  std::error_code ec;
  if (!fs::exists(work_ / "results.sqlite", ec)) fs::remove_all(work_, ec);
  ::close(lock_);
}

bool RunDirectory::has_unfinished() const {
  std::error_code ec;
  return fs::exists(work_ / "results.sqlite", ec);
}

void RunDirectory::start_fresh() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(work_, ec)) {
    fs::remove_all(entry.path(), ec);
    if (ec) break;
  }
  if (ec) {
    throw Error(ErrorId::io_write,
                fmt::format("cannot empty {}: {}", work_.string(), ec.message()));
  }
}

void RunDirectory::commit() {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(directory_, ec))) {
    const fs::path trash = sibling(directory_, fmt::format(".trash-{}", long(::getpid())));
    rename_or_fail(directory_, trash);
    rename_or_fail(work_, directory_);
    fs::remove_all(trash, ec);
  } else {
    rename_or_fail(work_, directory_);
  }
  ::close(lock_);
  lock_ = -1;
}

std::string run_manifest(const Scenario& scenario, const ComparisonContext& context,
                         const ResultStore& store,
                         const std::vector<std::pair<std::string, std::string>>& extra) {
  const auto& plan = context.plan;
  nlohmann::ordered_json m = manifest_head(store.plan().command, scenario, context.scenario_file);
  m["strategies"] = plan.strategies;
  // A scoring compares each strategy with the observations, not with a reference.
  if (store.plan().command != "score") m["reference"] = context.reference;
  m["runs"] = plan.runs;
  m["months"] = plan.engagement.months;
  m["seed"] = plan.seed;
  m["engine"] = plan.engagement.engine;
  for (const auto& [key, json] : extra) m[key] = nlohmann::ordered_json::parse(json);
  m["threads"] =
      plan.threads > 0 ? plan.threads : static_cast<int>(std::thread::hardware_concurrency());
  m["host"] = hostname();
  m["seconds"] = store.seconds();
  m["started"] = store.started();
  m["finished"] = store.finished();
  m["sessions"] = store.sessions();
  m["results"] = "results.sqlite";
  m["record"] = to_string(store.plan().record);
  m["months_recorded"] = store.months();
  m["streams"] = streams_text(store.plan().command);
  m["resolved_scenario"] = nlohmann::ordered_json::parse(to_json(scenario));
  return m.dump(2) + "\n";
}

void write_score_directory(const fs::path& directory, const std::string& manifest,
                           const ResultStore& store, const Observations& observations,
                           const ScoreContext& context, const std::vector<StrategyScore>& scores,
                           std::int64_t scoring) {
  write_file_atomically(directory / "scores.csv", score_csv(observations, context.scoring, scores));
  write_file_atomically(directory / "scores.json", score_json(observations, context, scores));
  auto m = nlohmann::ordered_json::parse(manifest);
  m["sessions"] = store.sessions();
  nlohmann::ordered_json strategies = nlohmann::ordered_json::array();
  for (const StrategyScore& s : scores) strategies.push_back(s.strategy);
  m["scores"] = {{"observations",
                  {{"file", context.observations_file},
                   {"name", observations.name},
                   {"start", observations.start}}},
                 {"strategies", strategies},
                 {"band_levels", context.scoring.band_levels},
                 {"scoring", scoring},
                 {"files", {"scores.csv", "scores.json"}}};
  // The manifest last: a work directory with a manifest is complete.
  write_file_atomically(directory / "manifest.json", m.dump(2) + "\n");
}

void write_calibration_directory(const fs::path& directory, const Scenario& scenario,
                                 const Observations& observations,
                                 const CalibrationContext& context, const ResultStore& store,
                                 const CalibrationResult& result, const Scenario& calibrated) {
  write_file_atomically(directory / "posterior.csv", posterior_csv(result));
  write_file_atomically(directory / "calibrated.yaml", to_yaml(calibrated));
  const CalibrationPlan& plan = context.plan;
  nlohmann::ordered_json m = manifest_head(store.plan().command, scenario, context.scenario_file);
  m["observations"] = {{"file", context.observations_file},
                       {"name", observations.name},
                       {"start", observations.start}};
  m["strategy"] = plan.strategy;
  m["params"] = plan.paths;
  m["particles"] = plan.particles;
  m["generations"] = plan.generations;
  m["generations_run"] = result.generations.size();
  m["runs_per_particle"] = plan.runs_per_particle;
  m["quantile"] = plan.quantile;
  m["event_weight"] = plan.weights.events;
  m["indicator_weight"] = plan.weights.indicators;
  m["months"] = plan.engagement.months;
  m["seed"] = plan.seed;
  m["engine"] = plan.engagement.engine;
  m["threads"] =
      plan.threads > 0 ? plan.threads : static_cast<int>(std::thread::hardware_concurrency());
  m["host"] = hostname();
  m["seconds"] = store.seconds();
  m["started"] = store.started();
  m["finished"] = store.finished();
  m["stopped"] = result.stopped;
  m["results"] = "results.sqlite";
  m["files"] = {"posterior.csv", "calibrated.yaml"};
  m["streams"] =
      "run r of proposal k in generation g is run number (g + 1) << 48 | k << 20 | r, drawn "
      "as compare's run of that number; the proposal's own choices (parent, perturbation, prior "
      "draw) come from Philox4x32 stream (seed, (g + 1) << 48 | k << 20, 0x30000)";
  m["resolved_scenario"] = nlohmann::ordered_json::parse(to_json(scenario));
  // The manifest last: a work directory with a manifest is complete.
  write_file_atomically(directory / "manifest.json", m.dump(2) + "\n");
}

void write_run_directory(const fs::path& directory, const Scenario& scenario,
                         const ComparisonContext& context, const ResultStore& store,
                         const std::vector<SeriesSummary>& summaries) {
  write_file_atomically(directory / "summary.csv", summary_csv(summaries));
  write_file_atomically(directory / "summary.json", summary_json(summaries));
  write_file_atomically(directory / "agreements.csv", agreements_csv(scenario, store));
  write_file_atomically(directory / "recognition.csv", recognition_csv(scenario, store));
  // The manifest last: a work directory with a manifest is complete.
  write_file_atomically(directory / "manifest.json", run_manifest(scenario, context, store));
}

std::vector<SeriesSummary> summarise(const ResultStore& store, const std::string& reference) {
  const auto& strategies = store.plan().strategies;
  const auto found = std::find(strategies.begin(), strategies.end(), reference);
  if (found == strategies.end()) {
    throw Error(ErrorId::request_reference_not_run,
                "reference strategy '" + reference + "' was not run");
  }
  const auto ref = static_cast<std::size_t>(found - strategies.begin());
  const auto& series = store.series();
  const auto& months = store.months();
  const std::size_t per_strategy = series.size() * months.size();
  std::vector<SeriesSummary> out(strategies.size() * per_strategy);
  std::vector<double> reference_values, values, differences;
  // Group by group, the reference's group read once for every strategy's.
  for (std::size_t k = 0; k < series.size(); ++k) {
    for (std::size_t m = 0; m < months.size(); ++m) {
      store.read_values(ref, k, m, reference_values);
      for (std::size_t s = 0; s < strategies.size(); ++s) {
        if (s == ref) {
          values = reference_values;
        } else {
          store.read_values(s, k, m, values);
        }
        if (values.size() != reference_values.size()) {
          throw Error(
              ErrorId::io_read,
              fmt::format("the results database has {} runs of {} and {} of {} for {} at month {}",
                          values.size(), strategies[s], reference_values.size(), reference,
                          series[k], months[m]));
        }
        differences.resize(values.size());
        for (std::size_t r = 0; r < values.size(); ++r) {
          differences[r] = values[r] - reference_values[r];
        }
        SeriesSummary& row = out[s * per_strategy + k * months.size() + m];
        row.strategy = strategies[s];
        row.series = series[k];
        row.month = months[m];
        row.value = band_in_place(values);
        row.difference = band_in_place(differences);
      }
    }
  }
  return out;
}

}  // namespace parley
