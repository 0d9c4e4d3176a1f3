// The runs of a results database as a RunSource: parley score RUN_DIR reads them series by
// series, so memory holds one series of one strategy's runs, not the whole database.
#include <fmt/format.h>

#include <algorithm>

#include "parley/io.hpp"

namespace parley {
namespace {

// Why `store` cannot be scored, or "" when it can.
std::string unscorable(const ResultStore& store) {
  const StorePlan& plan = store.plan();
  if (plan.command != "compare" && plan.command != "simulate" && plan.command != "score") {
    return fmt::format(
        "it holds the runs of {}, whose runs vary the scenario; score scores the "
        "runs of compare, simulate or score",
        plan.command);
  }
  if (!store.complete()) {
    return fmt::format(
        "its run is unfinished ({} of {} runs stored); finish it with the same "
        "command and --resume",
        store.runs_stored(), plan.runs);
  }
  if (plan.runs == 0) return "it holds no runs";
  if (plan.shards > 1) {
    return fmt::format(
        "it holds shard {}/{} of the runs; parley merge combines the shards into "
        "the whole run, which score takes",
        plan.shard, plan.shards);
  }
  if (store.months() != recorded_months(Record::every, plan.months)) {
    return "it keeps only some months of each run (--record checkpoints), and events are judged "
           "month by month; rerun with --record every";
  }
  return "";
}

}  // namespace

StoredRunSource::StoredRunSource(const ResultStore& store) : store_(&store) {
  const std::string reason = unscorable(store);
  if (!reason.empty()) {
    throw Error(ErrorId::request_not_scorable,
                fmt::format("cannot score the runs of {}: {}", store.name(), reason));
  }
}

std::vector<std::string> StoredRunSource::strategies() const { return store_->plan().strategies; }

std::vector<std::string> StoredRunSource::series() const { return store_->series(); }

int StoredRunSource::months() const { return store_->plan().months; }

SeriesBlock StoredRunSource::block(const std::string& strategy, std::size_t series) const {
  const auto& strategies = store_->plan().strategies;
  const auto found = std::find(strategies.begin(), strategies.end(), strategy);
  if (found == strategies.end()) {
    throw Error(ErrorId::request_unknown_strategy, "strategy '" + strategy + "' was not run");
  }
  if (series >= store_->series().size()) {
    throw Error(ErrorId::request_unknown_series, "no series " + std::to_string(series));
  }
  SeriesBlock block;
  block.runs = static_cast<int>(store_->plan().runs);
  block.months = months();
  // Every month is recorded (checked on construction): the database's layout is the block's.
  store_->read_series(static_cast<std::size_t>(found - strategies.begin()), series, block.values);
  return block;
}

}  // namespace parley
