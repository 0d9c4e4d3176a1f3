#include "models/eum/eum.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/eum/bargaining.hpp"
#include "models/registration.hpp"

namespace parley {
namespace {

// offers=all keeps up to n(n - 1) offers a round. An issue's log holds at most this many (4 MB):
// a round that could take it past that keeps only the accepted offers (at most n), as do the
// rounds after it, so the log grows linearly in actors and rounds, never with n^2 per round.
constexpr std::size_t max_logged_offers = 100'000;

// Appends the state after `round` to the forecast and tells the observer.
void record(IssueForecast& result, const eum::Bargaining& bargaining, int round,
            std::vector<Offer> offers, ForecastObserver* observer) {
  const auto positions = bargaining.positions();
  result.positions.emplace_back(positions.begin(), positions.end());
  RoundSummary summary{bargaining.median(), bargaining.mean(), std::move(offers), {}};
  if (round > 0) {
    const auto risk = bargaining.risk();
    summary.series.push_back({"risk", {risk.begin(), risk.end()}});
  }
  result.round_summaries.push_back(std::move(summary));
  if (observer) observer->on_round(result.issue_id, round, positions);
}

}  // namespace

IssueForecast EumModel::forecast_issue(const IssueInput& issue, ForecastObserver* observer) const {
  IssueForecast result;
  result.issue_id = issue.issue_id;
  result.actors = issue.actors;
  if (issue.actors.empty()) {
    result.outcome = issue.status_quo;
    result.positions = {{}};
    result.round_summaries = {RoundSummary{issue.status_quo, issue.status_quo, {}, {}}};
    result.note = "no actor takes part; the outcome is the status quo";
    return result;
  }
  eum::Bargaining bargaining(issue, options_);
  record(result, bargaining, 0, {}, observer);
  result.converged = !bargaining.can_move();
  if (result.converged) {
    result.note = issue.actors.size() < 2 ? "one actor: nothing to bargain"
                                          : "every actor holds the same position";
  }
  std::size_t logged = 0;
  const std::size_t most_per_round = issue.actors.size() * (issue.actors.size() - 1);
  bool log_all = options_.offers == eum::OfferLog::all;
  for (int round = 1; round <= options_.rounds && !result.converged; ++round) {
    if (log_all && logged + most_per_round > max_logged_offers) {
      log_all = false;
      bargaining.keep_accepted_offers_only();
      result.note = fmt::format(
          "from round {} on, only accepted offers are kept: the log of all offers holds {} and "
          "one more round could take it past {}",
          round, logged, max_logged_offers);
    }
    std::vector<Offer> offers;
    const std::size_t moved = bargaining.step(&offers);
    logged += offers.size();
    // The next round sorts the positions, which a NaN would leave unordered: stop here.
    const auto positions = bargaining.positions();
    if (!std::all_of(positions.begin(), positions.end(),
                     [](double x) { return std::isfinite(x); })) {
      throw Error(
          ErrorId::model_non_finite,
          fmt::format(
              "model '{}', issue '{}': round {} gave a position that is not a finite number; the "
              "inputs' magnitudes are beyond what the model computes with "
              "(docs/scenario-format.md, "
              "section 2)",
              spec(), issue.issue_id, round));
    }
    result.rounds = round;
    record(result, bargaining, round, std::move(offers), observer);
    // Nobody moved: the next round would start from the same state and repeat this one.
    result.converged = moved == 0;
  }
  result.outcome = result.round_summaries.back().median;
  return result;
}

ModelInfo EumModel::info() {
  return {.name = "eum",
          .summary =
              "Bueno de Mesquita's expected utility model (Scholz et al. 2011): rounds of "
              "challenges, compromises and capitulations; forecast = the weighted median",
          .parameters = eum::parameter_specs(),
          .rounds = true,
          .stochastic = false};
}

std::unique_ptr<EumModel> EumModel::make(const ModelParameters& parameters) {
  return std::make_unique<EumModel>(parameters.spec("eum"), eum::options_from(parameters));
}

}  // namespace parley

PARLEY_REGISTER_MODEL(eum, parley::EumModel)
