// results.sqlite: the schema, the buffered writer and the queries the summaries need. The
// tables and every field are documented in docs/results-schema.md.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

#include "io/sqlite.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

using detail::Database;
using detail::Statement;
using detail::Transaction;

constexpr int schema_version = 1;
// 'prly': marks the file as a parley results database (PRAGMA application_id).
constexpr int application_id = 0x70726c79;
// Runs are committed once this many values wait (64 MB of buffer: large transactions cost
// less, docs/results-schema.md, Performance), or this many runs, or once this long has passed
// since the last commit, so that a kill loses little work.
constexpr std::size_t flush_values = std::size_t{1} << 23;
constexpr std::size_t flush_runs = 1024;
constexpr std::chrono::seconds flush_interval{10};
// Rows per INSERT of series values: one statement binds a group's fields once.
constexpr int rows_per_insert = 32;

// Clustered so that a group (strategy, series, month) is one contiguous range in run order: the
// summaries read group by group, and a flush appends to every group in key order.
constexpr const char* schema = R"sql(
CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sessions (
  session INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, seconds REAL NOT NULL,
  runs INTEGER NOT NULL, threads INTEGER NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,
  parley_version TEXT NOT NULL, command_line TEXT NOT NULL);
CREATE TABLE strategies (strategy_id INTEGER PRIMARY KEY, strategy TEXT NOT NULL UNIQUE);
CREATE TABLE series (
  series_id INTEGER PRIMARY KEY, series TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  subject TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE issues (
  issue_id INTEGER PRIMARY KEY, issue TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
  kind TEXT NOT NULL, scale_min REAL NOT NULL, scale_max REAL NOT NULL, low TEXT NOT NULL,
  high TEXT NOT NULL, status_quo REAL);
CREATE TABLE months (month INTEGER PRIMARY KEY);
CREATE TABLE numbers (number_id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE variants (variant INTEGER PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE runs (
  run INTEGER PRIMARY KEY, stream INTEGER NOT NULL, variant INTEGER NOT NULL,
  session INTEGER NOT NULL REFERENCES sessions);
CREATE TABLE run_draws (
  number_id INTEGER NOT NULL REFERENCES numbers, run INTEGER NOT NULL REFERENCES runs, value,
  PRIMARY KEY (number_id, run)) WITHOUT ROWID;
CREATE TABLE series_values (
  strategy_id INTEGER NOT NULL REFERENCES strategies, series_id INTEGER NOT NULL REFERENCES series,
  month INTEGER NOT NULL, run INTEGER NOT NULL REFERENCES runs, value,
  PRIMARY KEY (strategy_id, series_id, month, run)) WITHOUT ROWID;
CREATE TABLE agreements (
  strategy_id INTEGER NOT NULL REFERENCES strategies, issue_id INTEGER NOT NULL REFERENCES issues,
  run INTEGER NOT NULL REFERENCES runs, month INTEGER NOT NULL,
  PRIMARY KEY (strategy_id, issue_id, run)) WITHOUT ROWID;
CREATE VIEW series_values_named AS
  SELECT st.strategy, v.run, se.series, v.month, v.value
  FROM series_values v JOIN strategies st USING (strategy_id) JOIN series se USING (series_id);
CREATE VIEW run_draws_named AS
  SELECT d.run, n.path, d.value FROM run_draws d JOIN numbers n USING (number_id);
CREATE VIEW agreements_named AS
  SELECT st.strategy, i.issue, a.run, a.month
  FROM agreements a JOIN strategies st USING (strategy_id) JOIN issues i USING (issue_id);
)sql";

// What score and calibrate add (docs/results-schema.md). IF NOT EXISTS: a database copied from
// a run directory gains them when it is first scored.
constexpr const char* scores_schema = R"sql(
CREATE TABLE IF NOT EXISTS scorings (
  scoring INTEGER PRIMARY KEY, session INTEGER NOT NULL REFERENCES sessions,
  observations_file TEXT NOT NULL, observations_name TEXT NOT NULL, start TEXT NOT NULL,
  band_levels TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS observation_scores (
  scoring INTEGER NOT NULL REFERENCES scorings, strategy TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'indicator')), position INTEGER NOT NULL,
  item TEXT NOT NULL, predicate TEXT, month INTEGER NOT NULL, date TEXT NOT NULL,
  observed REAL NOT NULL, interval_low REAL, interval_high REAL, forecast REAL NOT NULL,
  score REAL NOT NULL, error REAL, persistence_forecast REAL NOT NULL,
  persistence_score REAL NOT NULL, trend_forecast REAL, trend_score REAL, in_band_50 INTEGER,
  in_band_80 INTEGER, in_band_90 INTEGER, source TEXT NOT NULL,
  PRIMARY KEY (scoring, strategy, kind, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS score_summaries (
  scoring INTEGER NOT NULL REFERENCES scorings, strategy TEXT NOT NULL, position INTEGER NOT NULL,
  events INTEGER NOT NULL, brier REAL, persistence_brier REAL, brier_skill REAL,
  indicators INTEGER NOT NULL, crps REAL, persistence_crps REAL, crps_skill REAL,
  mean_absolute_error REAL, trend_values INTEGER NOT NULL, crps_where_trend REAL, trend_crps REAL,
  trend_skill REAL, covered_50 INTEGER, covered_80 INTEGER, covered_90 INTEGER,
  PRIMARY KEY (scoring, strategy)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS calibration_parameters (
  parameter INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, prior TEXT NOT NULL,
  prior_params TEXT NOT NULL, value REAL NOT NULL, low REAL NOT NULL, high REAL NOT NULL);
CREATE TABLE IF NOT EXISTS calibration_generations (
  generation INTEGER PRIMARY KEY, tolerance REAL NOT NULL, attempts INTEGER NOT NULL,
  simulated INTEGER NOT NULL, particles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS calibration_particles (
  generation INTEGER NOT NULL REFERENCES calibration_generations, particle INTEGER NOT NULL,
  path TEXT NOT NULL REFERENCES calibration_parameters (path), value REAL NOT NULL,
  weight REAL NOT NULL, distance REAL NOT NULL,
  PRIMARY KEY (generation, particle, path)) WITHOUT ROWID;
)sql";

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string hostname() {
  char name[256] = {};
  return ::gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string("unknown");
}

// The manifest entries a resumed run must match, in the order differences are reported.
std::vector<std::pair<std::string, std::string>> identity(const Scenario& scenario,
                                                          const StorePlan& plan) {
  std::vector<std::pair<std::string, std::string>> entries{
      {"command", plan.command},
      {"scenario", to_json(scenario)},
      {"strategies", nlohmann::json(plan.strategies).dump()},
      {"seed", std::to_string(plan.seed)},
      {"runs", std::to_string(plan.runs)},
      {"months", std::to_string(plan.months)},
      {"engine", plan.engine},
      {"record", to_string(plan.record)},
      {"months_recorded", nlohmann::json(recorded_months(plan.record, plan.months)).dump()},
      {"shard", fmt::format("{}/{}", plan.shard, plan.shards)},
  };
  entries.insert(entries.end(), plan.parameters.begin(), plan.parameters.end());
  return entries;
}

std::pair<std::string, std::string> split_series(const std::string& name) {
  const auto colon = name.find(':');
  if (colon == std::string::npos) return {"indicator", name};
  return {name.substr(0, colon), name.substr(colon + 1)};
}

// A database larger than limits::max_stored_values is refused before it is created.
void check_size(const Scenario& scenario, const StorePlan& plan) {
  const std::size_t series = series_names(scenario).size();
  const std::size_t months = recorded_months(plan.record, plan.months).size();
  const double values =
      double(plan.runs) * double(plan.strategies.size()) * double(series) * double(months);
  if (values <= limits::max_stored_values) return;
  throw Error(
      ErrorId::request_too_large,
      fmt::format(
          "{} runs x {} strategies x {} series x {} recorded months would store {:.2f} "
          "billion values in the results database (about {:.0f} GB); the limit is {:g} billion: "
          "use fewer runs, strategies or months{}",
          plan.runs, plan.strategies.size(), series, months, values / 1e9, values * 20.3 / 1e9,
          limits::max_stored_values / 1e9,
          plan.record == Record::every ? ", or --record checkpoints" : ""));
}

// "k/N" as identity() writes it.
void parse_shard(const std::string& text, StorePlan& plan) {
  const auto slash = text.find('/');
  plan.shard = std::stoi(text.substr(0, slash));
  plan.shards = slash == std::string::npos ? 1 : std::stoi(text.substr(slash + 1));
}

}  // namespace

StorePlan store_plan_of(std::string command, const ComparisonPlan& plan) {
  StorePlan store_plan;
  store_plan.command = std::move(command);
  store_plan.strategies = plan.strategies;
  store_plan.seed = plan.seed;
  store_plan.months = plan.engagement.months;
  store_plan.engine = plan.engagement.engine;
  store_plan.runs = static_cast<std::uint64_t>(plan.runs);
  return store_plan;
}

std::vector<std::uint64_t> shard_runs(const StorePlan& plan) {
  std::vector<std::uint64_t> runs;
  runs.reserve(shard_run_count(plan));
  const auto step = static_cast<std::uint64_t>(plan.shards);
  for (auto r = static_cast<std::uint64_t>(plan.shard - 1); r < plan.runs; r += step) {
    runs.push_back(r);
  }
  return runs;
}

std::uint64_t shard_run_count(const StorePlan& plan) {
  const auto first = static_cast<std::uint64_t>(plan.shard - 1);
  const auto step = static_cast<std::uint64_t>(plan.shards);
  return plan.runs > first ? (plan.runs - first + step - 1) / step : 0;
}

const char* to_string(Record record) { return record == Record::every ? "every" : "checkpoints"; }

std::vector<int> recorded_months(Record record, int months) {
  std::vector<int> kept;
  for (int m = 0; m <= months; ++m) {
    if (record == Record::every || m % 12 == 0 || m == months) kept.push_back(m);
  }
  return kept;
}

Record default_record(std::uint64_t runs, std::size_t strategies, std::size_t series, int months) {
  const double values = double(runs) * double(strategies) * double(series) * double(months + 1);
  return values <= double(record_every_limit) ? Record::every : Record::checkpoints;
}

// ---------------------------------------------------------------------------------------------

struct ResultStore::Impl {
  // A run waiting to be committed.
  struct Pending {
    std::uint64_t run = 0, stream = 0, variant = 0;
    std::shared_ptr<const std::vector<std::int64_t>> number_ids;
    std::vector<double> numbers;
    std::vector<double> values;  // [strategy][series][recorded month]
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> agreements;  // s, i, month
  };

  Impl(const std::filesystem::path& file, Database::Mode mode) : db(file, mode) {}

  Database db;
  StorePlan plan;
  std::vector<std::string> series;
  std::vector<int> months;
  std::size_t issues = 0;
  bool writable = false;

  std::int64_t session = 0;
  std::uint64_t session_runs = 0;
  std::chrono::steady_clock::time_point session_start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_commit = session_start;
  std::shared_ptr<const std::vector<std::int64_t>> number_ids;
  std::vector<Pending> pending;
  std::size_t pending_values = 0;
  std::unique_ptr<Statement> read_values, read_agreements, read_series;

  Statement& prepare(std::unique_ptr<Statement>& slot, std::string_view sql, const char* doing) {
    if (!slot) slot = std::make_unique<Statement>(db, sql, doing);
    return *slot;
  }

  void configure() {
    db.execute(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "PRAGMA cache_size=-32768; PRAGMA journal_size_limit=67108864;");
  }

  void load_layout() {
    Statement manifest(db, "SELECT key, value FROM manifest", "read");
    std::map<std::string, std::string> entries;
    while (manifest.step()) entries[manifest.column_text(0)] = manifest.column_text(1);
    auto get = [&](const std::string& key) {
      const auto found = entries.find(key);
      if (found == entries.end()) {
        throw Error(ErrorId::io_read,
                    fmt::format("{} is not a parley results database (no '{}' in its manifest)",
                                db.name(), key));
      }
      return found->second;
    };
    plan.command = get("command");
    plan.strategies = nlohmann::json::parse(get("strategies")).get<std::vector<std::string>>();
    plan.seed = std::stoull(get("seed"));
    plan.runs = std::stoull(get("runs"));
    plan.months = std::stoi(get("months"));
    plan.engine = get("engine");
    plan.record = get("record") == "every" ? Record::every : Record::checkpoints;
    months = nlohmann::json::parse(get("months_recorded")).get<std::vector<int>>();
    // Databases written before shards existed hold every run.
    const auto shard = entries.find("shard");
    if (shard != entries.end()) parse_shard(shard->second, plan);
    Statement names(db, "SELECT series FROM series ORDER BY series_id", "read");
    while (names.step()) series.push_back(names.column_text(0));
    Statement count(db, "SELECT count(*) FROM issues", "read");
    if (count.step()) issues = static_cast<std::size_t>(count.column_int(0));
  }

  void create(const Scenario& scenario, const StorePlan& p) {
    plan = p;
    series = series_names(scenario);
    months = recorded_months(plan.record, plan.months);
    issues = scenario.issues.size();
    Transaction transaction(db);
    db.execute(fmt::format("PRAGMA application_id={}; PRAGMA user_version={};", application_id,
                           schema_version));
    db.execute(schema);
    db.execute(scores_schema);
    Statement entry(db, "INSERT INTO manifest (key, value) VALUES (?1, ?2)");
    auto put = [&](const std::string& key, const std::string& value) {
      entry.bind(1, key).bind(2, value).run();
    };
    for (const auto& [key, value] : identity(scenario, plan)) put(key, value);
    put("schema_version", std::to_string(schema_version));
    put("scenario_name", scenario.meta.name);
    put("started", utc_now());
    put("state", "running");
    Statement strategy(db, "INSERT INTO strategies (strategy_id, strategy) VALUES (?1, ?2)");
    for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
      strategy.bind(1, std::int64_t(s)).bind(2, plan.strategies[s]).run();
    }
    Statement row(db, "INSERT INTO series VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t k = 0; k < series.size(); ++k) {
      const auto [kind, subject] = split_series(series[k]);
      row.bind(1, std::int64_t(k)).bind(2, series[k]).bind(3, kind).bind(4, subject);
      row.bind(5, describe_series(scenario, series[k])).run();
    }
    Statement issue(db, "INSERT INTO issues VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
      const Issue& x = scenario.issues[i];
      issue.bind(1, std::int64_t(i)).bind(2, x.id).bind(3, x.label);
      issue.bind(4, std::string(to_string(x.kind))).bind_double(5, x.scale_min);
      issue.bind_double(6, x.scale_max).bind(7, x.low).bind(8, x.high);
      issue.bind_double(9, x.status_quo.value_or(NAN)).run();
    }
    Statement month(db, "INSERT INTO months VALUES (?1)");
    for (int m : months) month.bind(1, std::int64_t(m)).run();
    Statement variant(db, "INSERT INTO variants VALUES (?1, ?2)");
    for (std::size_t v = 0; v < plan.variant_values.size(); ++v) {
      variant.bind(1, std::int64_t(v)).bind_double(2, plan.variant_values[v]).run();
    }
    transaction.commit();
  }

  void open_session(const StoreSession& who) {
    Transaction transaction(db);
    Statement insert(db,
                     "INSERT INTO sessions (started, seconds, runs, threads, pid, host, "
                     "parley_version, command_line) VALUES (?1, 0, 0, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, utc_now()).bind(2, std::int64_t(who.threads)).bind(3, std::int64_t(::getpid()));
    insert.bind(4, hostname()).bind(5, std::string(PARLEY_VERSION)).bind(6, who.command_line);
    insert.run();
    session = sqlite3_last_insert_rowid(db.handle());
    Statement entry(db, "INSERT OR REPLACE INTO manifest (key, value) VALUES (?1, ?2)");
    entry.bind(1, std::string("scenario_file")).bind(2, who.scenario_file).run();
    entry.bind(1, std::string("state")).bind(2, std::string("running")).run();
    transaction.commit();
    session_start = last_commit = std::chrono::steady_clock::now();
    writable = true;
  }

  std::optional<std::string> difference(const Scenario& scenario, const StorePlan& p) {
    Statement get(db, "SELECT value FROM manifest WHERE key = ?1", "read");
    for (const auto& [key, value] : identity(scenario, p)) {
      get.bind(1, key);
      const bool found = get.step();
      std::string stored = found ? get.column_text(0) : std::string("(none)");
      get.reset();
      // Databases written before shards existed hold every run.
      if (key == "shard" && !found) stored = "1/1";
      if (stored == value) continue;
      if (key == "scenario") return std::string("the scenario (after resolution) is another one");
      return fmt::format("{} is {} in the database, {} here", key, stored, value);
    }
    return std::nullopt;
  }

  void accept(const RunResult& result) {
    if (!writable) throw std::logic_error("the results database is open read only");
    if (result.strategies.size() != plan.strategies.size()) {
      throw std::logic_error("a run has another number of strategies than the database");
    }
    if (result.numbers.size() != (number_ids ? number_ids->size() : 0)) {
      throw std::logic_error("a run's numbers do not match the paths begin() named");
    }
    Pending p;
    p.run = result.run;
    p.stream = result.stream;
    p.variant = result.variant;
    p.number_ids = number_ids;
    p.numbers = result.numbers;
    p.values.reserve(plan.strategies.size() * series.size() * months.size());
    for (std::size_t s = 0; s < result.strategies.size(); ++s) {
      const EngagementRun& run = result.strategies[s];
      if (run.months.size() != static_cast<std::size_t>(plan.months) + 1) {
        throw std::logic_error("a run has another number of months than the database");
      }
      for (std::size_t k = 0; k < series.size(); ++k) {
        for (int m : months) {
          p.values.push_back(run.months[static_cast<std::size_t>(m)].values.at(k));
        }
      }
      for (std::size_t i = 0; i < run.agreement_month.size(); ++i) {
        if (run.agreement_month[i] >= 0) {
          p.agreements.emplace_back(std::int64_t(s), std::int64_t(i), run.agreement_month[i]);
        }
      }
    }
    pending_values += p.values.size() + p.numbers.size();
    pending.push_back(std::move(p));
    if (pending_values >= flush_values || pending.size() >= flush_runs ||
        std::chrono::steady_clock::now() - last_commit >= flush_interval) {
      flush();
    }
  }

  void begin(const std::vector<std::string>& paths) {
    if (!writable) throw std::logic_error("the results database is open read only");
    Transaction transaction(db);
    // Dense ids from 0, in the order paths first appear.
    Statement insert(db,
                     "INSERT INTO numbers (number_id, path) SELECT (SELECT count(*) FROM "
                     "numbers), ?1 WHERE NOT EXISTS (SELECT 1 FROM numbers WHERE path = ?1)");
    Statement find(db, "SELECT number_id FROM numbers WHERE path = ?1", "read");
    auto ids = std::make_shared<std::vector<std::int64_t>>();
    for (const std::string& path : paths) {
      insert.bind(1, path).run();
      find.bind(1, path);
      find.step();
      ids->push_back(find.column_int(0));
      find.reset();
    }
    transaction.commit();
    number_ids = std::move(ids);
  }

  void write_values(const std::vector<std::uint64_t>& run_ids, std::size_t first) {
    static_assert(rows_per_insert > 0);
    std::string many = "INSERT INTO series_values VALUES ";
    for (int k = 0; k < rows_per_insert; ++k) {
      many += fmt::format("{}(?1, ?2, ?3, ?{}, ?{})", k ? ", " : "", 4 + 2 * k, 5 + 2 * k);
    }
    Statement& batch = prepare(insert_many, many, "write");
    Statement& single =
        prepare(insert_one, "INSERT INTO series_values VALUES (?1, ?2, ?3, ?4, ?5)", "write");
    const std::size_t per_run = series.size() * months.size();
    for (std::size_t s = 0; s < plan.strategies.size(); ++s) {
      for (std::size_t k = 0; k < series.size(); ++k) {
        for (std::size_t m = 0; m < months.size(); ++m) {
          const std::size_t at = s * per_run + k * months.size() + m;
          std::size_t r = first;
          for (; r + rows_per_insert <= pending.size(); r += rows_per_insert) {
            batch.bind(1, std::int64_t(s)).bind(2, std::int64_t(k)).bind(3, months[m]);
            for (int j = 0; j < rows_per_insert; ++j) {
              batch.bind(4 + 2 * j, std::int64_t(run_ids[r + std::size_t(j)]));
              batch.bind_double(5 + 2 * j, pending[r + std::size_t(j)].values[at]);
            }
            batch.run();
          }
          for (; r < pending.size(); ++r) {
            single.bind(1, std::int64_t(s)).bind(2, std::int64_t(k)).bind(3, months[m]);
            single.bind(4, std::int64_t(run_ids[r])).bind_double(5, pending[r].values[at]).run();
          }
        }
      }
    }
  }

  void flush() {
    if (pending.empty()) return;
    Transaction transaction(db);
    Statement& run = prepare(insert_run, "INSERT INTO runs VALUES (?1, ?2, ?3, ?4)", "write");
    std::vector<std::uint64_t> run_ids;
    for (const Pending& p : pending) {
      run.bind(1, std::int64_t(p.run)).bind(2, std::int64_t(p.stream));
      run.bind(3, std::int64_t(p.variant)).bind(4, session).run();
      run_ids.push_back(p.run);
    }
    // Draws and agreements in key order: each insert lands next to the previous one.
    std::vector<std::tuple<std::int64_t, std::uint64_t, double>> draws;
    for (const Pending& p : pending) {
      for (std::size_t n = 0; n < p.numbers.size(); ++n) {
        draws.emplace_back(p.number_ids->at(n), p.run, p.numbers[n]);
      }
    }
    std::sort(draws.begin(), draws.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    Statement& draw = prepare(insert_draw, "INSERT INTO run_draws VALUES (?1, ?2, ?3)", "write");
    for (const auto& [id, r, value] : draws) {
      draw.bind(1, id).bind(2, std::int64_t(r)).bind_double(3, value).run();
    }
    write_values(run_ids, 0);
    std::vector<std::tuple<std::int64_t, std::int64_t, std::uint64_t, std::int64_t>> agreed;
    for (const Pending& p : pending) {
      for (const auto& [s, i, month] : p.agreements) agreed.emplace_back(s, i, p.run, month);
    }
    std::sort(agreed.begin(), agreed.end());
    Statement& agreement =
        prepare(insert_agreement, "INSERT INTO agreements VALUES (?1, ?2, ?3, ?4)", "write");
    for (const auto& [s, i, r, month] : agreed) {
      agreement.bind(1, s).bind(2, i).bind(3, std::int64_t(r)).bind(4, month).run();
    }
    session_runs += pending.size();
    update_session(false);
    transaction.commit();
    pending.clear();
    pending_values = 0;
    last_commit = std::chrono::steady_clock::now();
  }

  void update_session(bool finished) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - session_start).count();
    Statement& update = prepare(update_session_statement,
                                "UPDATE sessions SET seconds = ?1, runs = ?2, finished = ?3 "
                                "WHERE session = ?4",
                                "write");
    update.bind_double(1, seconds).bind(2, std::int64_t(session_runs));
    if (finished) {
      update.bind(3, utc_now());
    } else {
      update.bind_null(3);
    }
    update.bind(4, session).run();
  }

  std::unique_ptr<Statement> insert_many, insert_one, insert_run, insert_draw, insert_agreement,
      update_session_statement;
};

// ---------------------------------------------------------------------------------------------

ResultStore::ResultStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStore::~ResultStore() = default;

std::unique_ptr<ResultStore> ResultStore::create(const std::filesystem::path& file,
                                                 const Scenario& scenario, const StorePlan& plan,
                                                 const StoreSession& session) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    throw Error(ErrorId::io_write, fmt::format("cannot create {}: it exists", file.string()));
  }
  check_size(scenario, plan);
  auto impl = std::make_unique<Impl>(file, Database::Mode::create);
  impl->configure();
  impl->create(scenario, plan);
  impl->open_session(session);
  return std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
}

std::unique_ptr<ResultStore> ResultStore::resume(const std::filesystem::path& file,
                                                 const Scenario& scenario, const StorePlan& plan,
                                                 const StoreSession& session) {
  auto impl = std::make_unique<Impl>(file, Database::Mode::read_write);
  impl->configure();
  impl->load_layout();
  if (const auto difference = impl->difference(scenario, plan)) {
    throw Error(
        ErrorId::request_different_run,
        fmt::format("cannot resume: {} holds a different run ({})", file.string(), *difference));
  }
  impl->plan.parameters = plan.parameters;
  impl->open_session(session);
  return std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
}

std::unique_ptr<ResultStore> ResultStore::temporary(const Scenario& scenario, const StorePlan& plan,
                                                    const StoreSession& session) {
  check_size(scenario, plan);
  auto impl = std::make_unique<Impl>(std::filesystem::path(), Database::Mode::temporary);
  // Nothing to recover after a crash: no journal, no syncing.
  impl->db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;");
  impl->create(scenario, plan);
  impl->open_session(session);
  return std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
}

std::unique_ptr<ResultStore> ResultStore::read(const std::filesystem::path& file) {
  auto impl = std::make_unique<Impl>(file, Database::Mode::read_only);
  impl->load_layout();
  return std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
}

bool ResultStore::holds_plan(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return false;
  // Read-write, so that SQLite can roll back what a kill left in the journal.
  Database db(file, Database::Mode::read_write);
  Statement tables(db, "SELECT count(*) FROM sqlite_master WHERE name = 'manifest'", "read");
  if (!tables.step() || tables.column_int(0) == 0) return false;
  Statement command(db, "SELECT count(*) FROM manifest WHERE key = 'command'", "read");
  return command.step() && command.column_int(0) == 1;
}

std::optional<std::string> ResultStore::difference(const Scenario& scenario,
                                                   const StorePlan& plan) const {
  return impl_->difference(scenario, plan);
}

void ResultStore::begin(const std::vector<std::string>& number_paths) {
  impl_->begin(number_paths);
}
void ResultStore::accept(const RunResult& result) { impl_->accept(result); }
void ResultStore::flush() { impl_->flush(); }

void ResultStore::finish(double seconds) {
  impl_->flush();
  Transaction transaction(impl_->db);
  impl_->update_session(true);
  Statement seconds_update(impl_->db, "UPDATE sessions SET seconds = ?1 WHERE session = ?2");
  seconds_update.bind_double(1, seconds).bind(2, impl_->session).run();
  Statement entry(impl_->db, "INSERT OR REPLACE INTO manifest (key, value) VALUES (?1, ?2)");
  const bool whole = runs_stored() == shard_run_count(impl_->plan);
  entry.bind(1, std::string("state")).bind(2, std::string(whole ? "complete" : "running")).run();
  if (whole) entry.bind(1, std::string("finished")).bind(2, utc_now()).run();
  transaction.commit();
}

void ResultStore::close() {
  impl_->insert_many.reset();
  impl_->insert_one.reset();
  impl_->insert_run.reset();
  impl_->insert_draw.reset();
  impl_->insert_agreement.reset();
  impl_->update_session_statement.reset();
  impl_->read_values.reset();
  impl_->read_agreements.reset();
  impl_->read_series.reset();
  // A finished database leaves the write-ahead log: readers, even read only, then open one
  // file and create no -wal or -shm beside it. That needs the database to itself: while another
  // process reads it, it stays in WAL mode, whole, and that reader's close removes the log.
  if (impl_->writable && complete()) impl_->db.try_execute("PRAGMA journal_mode=DELETE");
  impl_->db.close();
}

const std::string& ResultStore::name() const { return impl_->db.name(); }
const StorePlan& ResultStore::plan() const { return impl_->plan; }
const std::vector<std::string>& ResultStore::series() const { return impl_->series; }
const std::vector<int>& ResultStore::months() const { return impl_->months; }

std::uint64_t ResultStore::runs_stored() const {
  Statement count(impl_->db, "SELECT count(*) FROM runs", "read");
  count.step();
  return static_cast<std::uint64_t>(count.column_int(0));
}

std::vector<std::uint64_t> ResultStore::missing_runs() const {
  std::vector<std::uint64_t> missing;
  Statement stored(impl_->db, "SELECT run FROM runs ORDER BY run", "read");
  // Both ascending: walk the shard's runs past each stored one.
  const std::vector<std::uint64_t> wanted = shard_runs(impl_->plan);
  auto next = wanted.begin();
  while (stored.step()) {
    const auto run = static_cast<std::uint64_t>(stored.column_int(0));
    for (; next != wanted.end() && *next < run; ++next) missing.push_back(*next);
    if (next != wanted.end() && *next == run) ++next;
  }
  missing.insert(missing.end(), next, wanted.end());
  return missing;
}

bool ResultStore::complete() const {
  Statement state(impl_->db, "SELECT value FROM manifest WHERE key = 'state'", "read");
  return state.step() && state.column_text(0) == "complete";
}

double ResultStore::seconds() const {
  Statement sum(impl_->db, "SELECT total(seconds) FROM sessions", "read");
  sum.step();
  return sum.column_double(0);
}

std::string ResultStore::started() const {
  Statement first(impl_->db, "SELECT min(started) FROM sessions", "read");
  return first.step() ? first.column_text(0) : std::string();
}

std::string ResultStore::finished() const {
  Statement last(impl_->db, "SELECT value FROM manifest WHERE key = 'finished'", "read");
  return last.step() ? last.column_text(0) : std::string();
}

int ResultStore::sessions() const {
  Statement count(impl_->db, "SELECT count(*) FROM sessions", "read");
  count.step();
  return static_cast<int>(count.column_int(0));
}

void ResultStore::read_values(std::size_t strategy, std::size_t series, std::size_t month,
                              std::vector<double>& values) const {
  Statement& query = impl_->prepare(impl_->read_values,
                                    "SELECT value FROM series_values WHERE strategy_id = ?1 AND "
                                    "series_id = ?2 AND month = ?3 ORDER BY run",
                                    "read");
  query.bind(1, std::int64_t(strategy)).bind(2, std::int64_t(series));
  query.bind(3, std::int64_t(impl_->months.at(month)));
  values.clear();
  while (query.step()) values.push_back(query.column_double(0));
  query.reset();
}

void ResultStore::read_agreement_months(std::size_t strategy, std::size_t issue,
                                        std::vector<double>& months) const {
  Statement& query = impl_->prepare(impl_->read_agreements,
                                    "SELECT month FROM agreements WHERE strategy_id = ?1 AND "
                                    "issue_id = ?2 ORDER BY run",
                                    "read");
  query.bind(1, std::int64_t(strategy)).bind(2, std::int64_t(issue));
  months.clear();
  while (query.step()) months.push_back(query.column_double(0));
  query.reset();
}

// ---------------------------------------------------------------------------------------------
// Merging the shards of one run.

namespace {

// Manifest entries that do not say which run a database holds: when and where it ran, and
// which shard it is (checked on its own).
bool describes_run(const std::string& key) {
  return key != "shard" && key != "started" && key != "state" && key != "finished" &&
         key != "scenario_file";
}

std::map<std::string, std::string> manifest_entries(Database& db) {
  Statement manifest(db, "SELECT key, value FROM manifest", "read");
  std::map<std::string, std::string> entries;
  while (manifest.step()) entries[manifest.column_text(0)] = manifest.column_text(1);
  return entries;
}

// Where the manifests of `a` and `b` (named so in the message) say they hold different runs.
std::optional<std::string> run_difference(const std::map<std::string, std::string>& a,
                                          const std::map<std::string, std::string>& b,
                                          const std::string& a_name, const std::string& b_name) {
  std::map<std::string, std::string> keys;
  for (const auto& [key, value] : a) keys[key];
  for (const auto& [key, value] : b) keys[key];
  for (const auto& [key, unused] : keys) {
    if (!describes_run(key)) continue;
    const auto x = a.find(key), y = b.find(key);
    const std::string in_a = x == a.end() ? "(none)" : x->second;
    const std::string in_b = y == b.end() ? "(none)" : y->second;
    if (in_a == in_b) continue;
    if (key == "scenario") return std::string("the scenario (after resolution) is another one");
    return fmt::format("{} is {} in {}, {} in {}", key, in_a, a_name, in_b, b_name);
  }
  return std::nullopt;
}

struct ShardInput {
  std::string name;  // the database's file, for messages
  std::unique_ptr<ResultStore> store;
  std::map<std::string, std::string> manifest;
};

// The checks merge_shards makes before writing anything, in the order a user fixes them: the
// same run everywhere, each shard finished, then every shard once.
void check_shards(const std::vector<ShardInput>& inputs) {
  const ShardInput& first = inputs.front();
  const StorePlan& plan = first.store->plan();
  if (plan.command != "compare" && plan.command != "simulate") {
    throw Error(ErrorId::request_different_run,
                fmt::format("cannot merge {}: it holds the runs of {}; merge combines the shards "
                            "of compare and simulate (--shard k/N)",
                            first.name, plan.command));
  }
  for (const ShardInput& input : inputs) {
    if (input.store->plan().shards != plan.shards) {
      throw Error(ErrorId::request_different_run,
                  fmt::format("cannot merge: {} is shard {}/{}, {} shard {}/{}: the shards of one "
                              "run all have the same N",
                              first.name, plan.shard, plan.shards, input.name,
                              input.store->plan().shard, input.store->plan().shards));
    }
    if (const auto difference =
            run_difference(first.manifest, input.manifest, first.name, input.name)) {
      throw Error(ErrorId::request_different_run,
                  fmt::format("cannot merge: {} and {} hold different runs ({})", first.name,
                              input.name, *difference));
    }
  }
  for (const ShardInput& input : inputs) {
    if (!input.store->complete()) {
      const StorePlan& p = input.store->plan();
      throw Error(ErrorId::request_unfinished_shard,
                  fmt::format("cannot merge: {} (shard {}/{}) is unfinished, {} of its {} runs "
                              "stored; finish it with the same command and --resume",
                              input.name, p.shard, p.shards, input.store->runs_stored(),
                              shard_run_count(p)));
    }
  }
  std::map<int, const ShardInput*> by_shard;
  for (const ShardInput& input : inputs) {
    const auto [at, added] = by_shard.emplace(input.store->plan().shard, &input);
    if (!added) {
      throw Error(
          ErrorId::request_duplicate_shard,
          fmt::format("cannot merge: shard {}/{} is given twice, {} and {}",
                      input.store->plan().shard, plan.shards, at->second->name, input.name));
    }
  }
  std::vector<std::string> missing;
  for (int k = 1; k <= plan.shards; ++k) {
    if (!by_shard.count(k)) missing.push_back(fmt::format("{}/{}", k, plan.shards));
  }
  if (!missing.empty()) {
    throw Error(ErrorId::request_missing_shard,
                fmt::format("cannot merge: {} {} of the run {} missing ({} given); run {} "
                            "with --shard and name every shard's directory",
                            missing.size() == 1 ? "shard" : "shards", fmt::join(missing, ", "),
                            missing.size() == 1 ? "is" : "are", inputs.size(),
                            missing.size() == 1 ? "it" : "them"));
  }
}

// The rows of the databases attached as shard0, shard1, ... (`offsets[k]` renumbers shard k's
// sessions after those before it) into the main one, each table's in INSERTs whose SELECT
// merges the shards' rows in key order (SQLite merges the ordered scans of a UNION ALL): every
// row is appended after the previous one, as one process's commits in key order append. The
// series values go one (strategy, series) block at a time, each block then calling `step`.
void copy_shard_rows(Database& db, bool first, const std::vector<std::int64_t>& offsets,
                     std::size_t strategies, std::size_t series,
                     const std::function<void()>& step) {
  if (first) {
    // What every shard holds alike: the plan and the ids of strategies, series, issues, months,
    // numbers and variants (the same scenario and plan give the same ids).
    for (const char* table :
         {"manifest", "strategies", "series", "issues", "months", "numbers", "variants"}) {
      db.execute(fmt::format("INSERT INTO main.{0} SELECT * FROM shard0.{0}", table));
    }
  }
  auto merged = [&](const char* table, const char* columns, const std::string& where,
                    const char* key) {
    std::string sql = fmt::format("INSERT INTO main.{} ", table);
    for (std::size_t k = 0; k < offsets.size(); ++k) {
      sql += fmt::format("{}SELECT {} FROM shard{}.{}{}", k ? " UNION ALL " : "",
                         fmt::format(fmt::runtime(columns), offsets[k]), k, table, where);
    }
    db.execute(sql + " ORDER BY " + key);
  };
  merged("sessions",
         "session + {}, started, finished, seconds, runs, threads, pid, host, parley_version, "
         "command_line",
         "", "1");
  merged("runs", "run, stream, variant, session + {}", "", "1");
  merged("run_draws", "*", "", "1, 2");
  merged("agreements", "*", "", "1, 2, 3");
  for (std::size_t s = 0; s < strategies; ++s) {
    for (std::size_t k = 0; k < series; ++k) {
      merged("series_values", "*", fmt::format(" WHERE strategy_id = {} AND series_id = {}", s, k),
             "1, 2, 3, 4");
      step();
    }
  }
}

}  // namespace

std::unique_ptr<ResultStore> ResultStore::merge_shards(
    const std::vector<std::filesystem::path>& shards, const std::filesystem::path& file,
    const StoreSession& session, const std::function<void(std::size_t, std::size_t)>& progress) {
  if (shards.empty()) throw std::logic_error("merge_shards needs at least one database");
  const auto start = std::chrono::steady_clock::now();
  std::vector<ShardInput> inputs;
  for (const auto& path : shards) {
    ShardInput input;
    input.store = ResultStore::read(path);
    input.name = input.store->name();
    input.manifest = manifest_entries(input.store->impl_->db);
    inputs.push_back(std::move(input));
  }
  check_shards(inputs);
  // In shard order, so that the sessions are numbered the same whatever order they were named.
  std::sort(inputs.begin(), inputs.end(), [](const ShardInput& a, const ShardInput& b) {
    return a.store->plan().shard < b.store->plan().shard;
  });
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    throw Error(ErrorId::io_write, fmt::format("cannot create {}: it exists", file.string()));
  }
  auto impl = std::make_unique<Impl>(file, Database::Mode::create);
  impl->configure();
  Database& db = impl->db;
  db.execute(fmt::format("PRAGMA application_id={}; PRAGMA user_version={};", application_id,
                         schema_version));
  db.execute(schema);
  db.execute(scores_schema);
  // As many shards at a time as SQLite attaches (10 in Debian's build): up to that many, the
  // merge is one pass of appends; past it, each group's rows go between the earlier groups'.
  const auto group =
      static_cast<std::size_t>(sqlite3_limit(db.handle(), SQLITE_LIMIT_ATTACHED, -1));
  std::int64_t sessions = 0;
  const StorePlan plan = inputs.front().store->plan();
  const std::vector<std::string> series = inputs.front().store->series();
  const std::size_t groups = (inputs.size() + group - 1) / group;
  const std::size_t total = groups * plan.strategies.size() * series.size();
  std::size_t done = 0;
  for (std::size_t first = 0; first < inputs.size(); first += group) {
    const std::size_t count = std::min(group, inputs.size() - first);
    std::vector<std::int64_t> offsets;
    for (std::size_t k = 0; k < count; ++k) {
      inputs[first + k].store.reset();  // one connection at a time to each file
      Statement attach(db, "ATTACH DATABASE ?1 AS shard" + std::to_string(k), "read");
      attach.bind(1, inputs[first + k].name).run();
      offsets.push_back(sessions);
      Statement last(db, fmt::format("SELECT coalesce(max(session), 0) FROM shard{}.sessions", k),
                     "read");
      last.step();
      sessions += last.column_int(0);
    }
    {
      Transaction transaction(db);
      copy_shard_rows(db, first == 0, offsets, plan.strategies.size(), series.size(), [&] {
        if (progress) progress(++done, total);
      });
      transaction.commit();
    }
    for (std::size_t k = 0; k < count; ++k) db.execute(fmt::format("DETACH DATABASE shard{}", k));
  }
  db.execute("UPDATE manifest SET value = '1/1' WHERE key = 'shard'");
  impl->load_layout();
  // The scenario file the shards named, unless the caller names one.
  StoreSession who = session;
  if (who.scenario_file.empty()) who.scenario_file = inputs.front().manifest["scenario_file"];
  impl->open_session(who);
  auto store = std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
  store->finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return store;
}

// ---------------------------------------------------------------------------------------------
// Copies, the scenario, whole series for scoring, and what score and calibrate add.

void ResultStore::copy(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) {
    throw Error(ErrorId::io_write, fmt::format("cannot create {}: it exists", to.string()));
  }
  Database source(from, Database::Mode::read_only);
  Database target(to, Database::Mode::create);
  // SQLite's online backup: page by page, one consistent snapshot of the source.
  sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
  if (!backup) target.fail(sqlite3_extended_errcode(target.handle()), "write");
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) {
    (stepped & 0xff) == SQLITE_IOERR || (stepped & 0xff) == SQLITE_FULL
        ? target.fail(stepped, "write")
        : source.fail(stepped, "read");
  }
  if (finished != SQLITE_OK) target.fail(finished, "write");
  target.close();
}

std::unique_ptr<ResultStore> ResultStore::amend(const std::filesystem::path& file,
                                                const StoreSession& session) {
  auto impl = std::make_unique<Impl>(file, Database::Mode::read_write);
  impl->configure();
  impl->load_layout();
  auto store = std::unique_ptr<ResultStore>(new ResultStore(std::move(impl)));
  if (!store->complete()) {
    throw Error(ErrorId::request_not_scorable,
                fmt::format("{} holds an unfinished run ({} of {} runs); finish it with the same "
                            "command and --resume first",
                            file.string(), store->runs_stored(), store->plan().runs));
  }
  store->impl_->db.execute(scores_schema);
  store->impl_->open_session(session);
  return store;
}

Scenario ResultStore::scenario() const {
  Statement get(impl_->db, "SELECT value FROM manifest WHERE key = 'scenario'", "read");
  if (!get.step()) {
    throw Error(ErrorId::io_read,
                fmt::format("{} is not a parley results database (no 'scenario' in its manifest)",
                            impl_->db.name()));
  }
  return load_scenario_text(get.column_text(0), impl_->db.name() + ": manifest 'scenario'");
}

std::string ResultStore::scenario_file() const {
  Statement get(impl_->db, "SELECT value FROM manifest WHERE key = 'scenario_file'", "read");
  return get.step() ? get.column_text(0) : std::string();
}

void ResultStore::read_series(std::size_t strategy, std::size_t series,
                              std::vector<double>& values) const {
  Statement& query = impl_->prepare(impl_->read_series,
                                    "SELECT month, run, value FROM series_values WHERE "
                                    "strategy_id = ?1 AND series_id = ?2 ORDER BY month, run",
                                    "read");
  const std::vector<int>& months = impl_->months;
  const std::size_t runs = impl_->plan.runs;
  values.assign(runs * months.size(), std::numeric_limits<double>::quiet_NaN());
  query.bind(1, std::int64_t(strategy)).bind(2, std::int64_t(series));
  // Rows come in key order: month by month, each month's runs ascending.
  std::size_t m = 0, rows = 0;
  while (query.step()) {
    const std::int64_t month = query.column_int(0);
    while (m < months.size() && months[m] < month) ++m;
    const auto run = static_cast<std::uint64_t>(query.column_int(1));
    if (m == months.size() || months[m] != month || run >= runs) {
      query.reset();
      throw Error(ErrorId::io_read, fmt::format("{} holds a value of run {} at month {}, outside "
                                                "its plan",
                                                impl_->db.name(), run, month));
    }
    values[run * months.size() + m] = query.column_double(2);
    ++rows;
  }
  query.reset();
  if (rows != values.size()) {
    throw Error(ErrorId::io_read,
                fmt::format("{} holds {} of the {} values of series {} under {}: the run is not "
                            "complete",
                            impl_->db.name(), rows, values.size(), impl_->series.at(series),
                            impl_->plan.strategies.at(strategy)));
  }
}

namespace {

// The table's column for a band level (the command line's 50, 80 and 90%); -1 for another.
int band_column(double level) {
  constexpr double levels[] = {0.5, 0.8, 0.9};
  for (int k = 0; k < 3; ++k) {
    if (level == levels[k]) return k;
  }
  return -1;
}

void bind_optional(Statement& statement, int index, const std::optional<double>& value) {
  if (value) {
    statement.bind_double(index, *value);
  } else {
    statement.bind_null(index);
  }
}

}  // namespace

std::int64_t ResultStore::write_scores(const Observations& observations,
                                       const std::string& observations_file, const ScorePlan& plan,
                                       const std::vector<StrategyScore>& scores) {
  if (!impl_->writable) throw std::logic_error("the results database is open read only");
  Database& db = impl_->db;
  Transaction transaction(db);
  Statement scoring(db,
                    "INSERT INTO scorings (session, observations_file, observations_name, start, "
                    "band_levels, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  scoring.bind(1, impl_->session).bind(2, observations_file).bind(3, observations.name);
  scoring.bind(4, observations.start).bind(5, nlohmann::json(plan.band_levels).dump());
  scoring.bind(6, utc_now()).run();
  const std::int64_t id = sqlite3_last_insert_rowid(db.handle());
  Statement row(db,
                "INSERT INTO observation_scores VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
  auto common = [&](const std::string& strategy, const char* kind, std::size_t position,
                    const std::string& item, int month) {
    row.bind(1, id).bind(2, strategy).bind(3, std::string(kind));
    row.bind(4, std::int64_t(position)).bind(5, item).bind(7, std::int64_t(month));
    row.bind(8, month_label(observations.start, month));
    for (int k = 19; k <= 21; ++k) row.bind_null(k);
  };
  for (const StrategyScore& s : scores) {
    for (std::size_t i = 0; i < s.events.size(); ++i) {
      const ObservedEvent& e = observations.events.at(i);
      const EventScore& score = s.events[i];
      common(s.strategy, "event", i, e.id, e.predicate.month);
      row.bind(6, e.predicate.text).bind_double(9, e.happened ? 1.0 : 0.0);
      row.bind_null(10).bind_null(11).bind_double(12, score.probability);
      row.bind_double(13, score.brier).bind_null(14);
      row.bind_double(15, score.persistence_probability).bind_double(16, score.persistence_brier);
      row.bind_null(17).bind_null(18).bind(22, e.source).run();
    }
    for (const IndicatorScore& score : s.indicators) {
      const IndicatorObservation& o = observations.indicators.at(score.observation);
      common(s.strategy, "indicator", score.observation, o.series, o.month);
      row.bind_null(6).bind_double(9, o.value);
      bind_optional(row, 10, o.interval ? std::optional(o.interval->first) : std::nullopt);
      bind_optional(row, 11, o.interval ? std::optional(o.interval->second) : std::nullopt);
      row.bind_double(12, score.median).bind_double(13, score.crps).bind_double(14, score.error);
      row.bind_double(15, score.persistence_median).bind_double(16, score.persistence_crps);
      bind_optional(row, 17, score.trend);
      bind_optional(row, 18, score.trend_crps);
      for (std::size_t k = 0; k < score.in_band.size(); ++k) {
        const int column = band_column(plan.band_levels.at(k));
        if (column >= 0) row.bind(19 + column, std::int64_t(score.in_band[k] ? 1 : 0));
      }
      row.bind(22, o.source).run();
    }
  }
  Statement summary(db,
                    "INSERT INTO score_summaries VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                    "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
  for (std::size_t p = 0; p < scores.size(); ++p) {
    const StrategyScore& s = scores[p];
    const ScoreSummary& sum = s.summary;
    // A mean over no observations is no number: NULL, not 0.
    auto mean = [](std::size_t count, double value) {
      return count > 0 ? std::optional(value) : std::nullopt;
    };
    summary.bind(1, id).bind(2, s.strategy).bind(3, std::int64_t(p));
    summary.bind(4, std::int64_t(s.events.size()));
    bind_optional(summary, 5, mean(s.events.size(), sum.brier));
    bind_optional(summary, 6, mean(s.events.size(), sum.persistence_brier));
    bind_optional(summary, 7, sum.brier_skill);
    summary.bind(8, std::int64_t(s.indicators.size()));
    bind_optional(summary, 9, mean(s.indicators.size(), sum.crps));
    bind_optional(summary, 10, mean(s.indicators.size(), sum.persistence_crps));
    bind_optional(summary, 11, sum.crps_skill);
    bind_optional(summary, 12, mean(s.indicators.size(), sum.mean_absolute_error));
    summary.bind(13, std::int64_t(sum.trend_count));
    bind_optional(summary, 14, mean(sum.trend_count, sum.crps_where_trend));
    bind_optional(summary, 15, mean(sum.trend_count, sum.trend_crps));
    bind_optional(summary, 16, sum.trend_skill);
    for (int k = 17; k <= 19; ++k) summary.bind_null(k);
    for (std::size_t k = 0; k < sum.covered.size(); ++k) {
      const int column = band_column(plan.band_levels.at(k));
      if (column >= 0) summary.bind(17 + column, std::int64_t(sum.covered[k]));
    }
    summary.run();
  }
  transaction.commit();
  return id;
}

void ResultStore::write_calibration(const CalibrationResult& result) {
  if (!impl_->writable) throw std::logic_error("the results database is open read only");
  Database& db = impl_->db;
  Transaction transaction(db);
  Statement parameter(db, "INSERT INTO calibration_parameters VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (std::size_t p = 0; p < result.priors.size(); ++p) {
    const ParameterPrior& prior = result.priors[p];
    parameter.bind(1, std::int64_t(p)).bind(2, prior.path);
    parameter.bind(3, std::string(to_string(prior.distribution.kind)));
    parameter.bind(4, nlohmann::json(prior.distribution.params).dump());
    parameter.bind_double(5, prior.value).bind_double(6, prior.low).bind_double(7, prior.high);
    parameter.run();
  }
  Statement generation(db, "INSERT INTO calibration_generations VALUES (?1, ?2, ?3, ?4, ?5)");
  Statement particle(db, "INSERT INTO calibration_particles VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (std::size_t g = 0; g < result.generations.size(); ++g) {
    const CalibrationGeneration& gen = result.generations[g];
    generation.bind(1, std::int64_t(g)).bind_double(2, gen.tolerance);
    generation.bind(3, std::int64_t(gen.attempts)).bind(4, std::int64_t(gen.simulated));
    generation.bind(5, std::int64_t(gen.particles.size())).run();
    for (std::size_t i = 0; i < gen.particles.size(); ++i) {
      const Particle& x = gen.particles[i];
      for (std::size_t p = 0; p < x.values.size(); ++p) {
        particle.bind(1, std::int64_t(g)).bind(2, std::int64_t(i));
        particle.bind(3, result.priors.at(p).path).bind_double(4, x.values[p]);
        particle.bind_double(5, x.weight).bind_double(6, x.distance).run();
      }
    }
  }
  Statement entry(db, "INSERT OR REPLACE INTO manifest (key, value) VALUES (?1, ?2)");
  entry.bind(1, std::string("calibration_crps_scales"));
  entry.bind(2, nlohmann::json(result.crps_scales).dump()).run();
  entry.bind(1, std::string("calibration_stopped")).bind(2, result.stopped).run();
  transaction.commit();
}

std::optional<StoredScoring> ResultStore::last_scoring() const {
  // A database made before score existed has no scorings table.
  Statement table(impl_->db, "SELECT count(*) FROM sqlite_master WHERE name = 'scorings'", "read");
  if (!table.step() || table.column_int(0) == 0) return std::nullopt;
  Statement last(impl_->db,
                 "SELECT scoring, observations_file, observations_name, start, created FROM "
                 "scorings ORDER BY scoring DESC LIMIT 1",
                 "read");
  if (!last.step()) return std::nullopt;
  StoredScoring s;
  s.scoring = last.column_int(0);
  s.observations_file = last.column_text(1);
  s.observations_name = last.column_text(2);
  s.start = last.column_text(3);
  s.created = last.column_text(4);
  auto optional = [](const Statement& q, int column) {
    return q.column_is_null(column) ? std::nullopt : std::optional(q.column_double(column));
  };
  Statement summaries(impl_->db,
                      "SELECT strategy, events, brier, persistence_brier, brier_skill, "
                      "indicators, crps, persistence_crps, crps_skill, covered_80 FROM "
                      "score_summaries WHERE scoring = ?1 ORDER BY position",
                      "read");
  summaries.bind(1, s.scoring);
  while (summaries.step()) {
    StoredScoring::Summary row;
    row.strategy = summaries.column_text(0);
    row.events = summaries.column_int(1);
    row.brier = optional(summaries, 2);
    row.persistence_brier = optional(summaries, 3);
    row.brier_skill = optional(summaries, 4);
    row.indicators = summaries.column_int(5);
    row.crps = optional(summaries, 6);
    row.persistence_crps = optional(summaries, 7);
    row.crps_skill = optional(summaries, 8);
    if (!summaries.column_is_null(9)) row.covered_80 = summaries.column_int(9);
    s.summaries.push_back(std::move(row));
  }
  Statement rows(impl_->db,
                 "SELECT o.strategy, o.kind, o.item, coalesce(o.predicate, ''), o.date, "
                 "o.observed, o.forecast, o.score, o.persistence_forecast, o.persistence_score, "
                 "o.in_band_80, o.source FROM observation_scores o JOIN score_summaries m ON "
                 "m.scoring = o.scoring AND m.strategy = o.strategy WHERE o.scoring = ?1 ORDER "
                 "BY m.position, o.kind, o.position",
                 "read");
  rows.bind(1, s.scoring);
  while (rows.step()) {
    StoredScoring::Observation o;
    o.strategy = rows.column_text(0);
    o.kind = rows.column_text(1);
    o.item = rows.column_text(2);
    o.predicate = rows.column_text(3);
    o.date = rows.column_text(4);
    o.observed = rows.column_double(5);
    o.forecast = rows.column_double(6);
    o.score = rows.column_double(7);
    o.persistence_forecast = rows.column_double(8);
    o.persistence_score = rows.column_double(9);
    if (!rows.column_is_null(10)) o.in_band_80 = rows.column_int(10) != 0;
    o.source = rows.column_text(11);
    s.observations.push_back(std::move(o));
  }
  return s;
}

std::vector<std::pair<std::string, std::string>> ResultStore::session_commands() const {
  Statement query(impl_->db, "SELECT command_line, parley_version FROM sessions ORDER BY session",
                  "read");
  std::vector<std::pair<std::string, std::string>> sessions;
  while (query.step()) sessions.emplace_back(query.column_text(0), query.column_text(1));
  return sessions;
}

std::map<std::string, std::string> ResultStore::manifest() const {
  Statement query(impl_->db, "SELECT key, value FROM manifest ORDER BY key", "read");
  std::map<std::string, std::string> entries;
  while (query.step()) entries[query.column_text(0)] = query.column_text(1);
  return entries;
}

std::vector<std::uint64_t> ResultStore::run_variants() const {
  Statement query(impl_->db, "SELECT variant FROM runs ORDER BY run", "read");
  std::vector<std::uint64_t> variants;
  while (query.step()) variants.push_back(static_cast<std::uint64_t>(query.column_int(0)));
  return variants;
}

std::vector<double> ResultStore::variant_values() const {
  Statement query(impl_->db, "SELECT value FROM variants ORDER BY variant", "read");
  std::vector<double> values;
  while (query.step()) values.push_back(query.column_double(0));
  return values;
}

std::vector<std::string> ResultStore::number_paths() const {
  Statement query(impl_->db, "SELECT path FROM numbers ORDER BY number_id", "read");
  std::vector<std::string> paths;
  while (query.step()) paths.push_back(query.column_text(0));
  return paths;
}

void ResultStore::read_draws(std::size_t number, std::vector<double>& values) const {
  // The number's rows are one range of run_draws' key, read in run order and lined up with
  // every stored run, so that values[i] belongs to the run of read_values()'s values[i].
  Statement runs(impl_->db, "SELECT run FROM runs ORDER BY run", "read");
  Statement draws(impl_->db, "SELECT run, value FROM run_draws WHERE number_id = ?1 ORDER BY run",
                  "read");
  draws.bind(1, std::int64_t(number));
  values.clear();
  bool more = draws.step();
  while (runs.step()) {
    const std::int64_t run = runs.column_int(0);
    while (more && draws.column_int(0) < run) more = draws.step();
    values.push_back(more && draws.column_int(0) == run ? draws.column_double(1) : NAN);
  }
}

}  // namespace parley
