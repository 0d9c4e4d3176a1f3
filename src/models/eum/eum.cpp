#include "models/eum/eum.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/eum/bargaining.hpp"
#include "models/registration.hpp"

namespace parley {
namespace {

// offers=all keeps up to n^2 offers a round; past this many on one issue (about 40 MB), later
// rounds keep only the accepted ones, at most n a round, so memory per round stays bounded.
constexpr std::size_t max_logged_offers = 1'000'000;

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
  for (int round = 1; round <= options_.rounds && !result.converged; ++round) {
    std::vector<Offer> offers;
    const std::size_t moved = bargaining.step(&offers);
    logged += offers.size();
    if (logged >= max_logged_offers && options_.offers == eum::OfferLog::all &&
        result.note.empty()) {
      bargaining.keep_accepted_offers_only();
      result.note = fmt::format(
          "after round {}, only accepted offers are kept: the log of all offers reached {}", round,
          logged);
    }
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
