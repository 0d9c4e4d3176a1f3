#include "models/exchange/exchange.hpp"

#include <algorithm>

#include "models/exchange/round.hpp"
#include "models/exchange/table.hpp"
#include "models/registration.hpp"
#include "models/weighted.hpp"

namespace parley {
namespace {

RealisedExchange to_scenario(const exchange::Table& t, const exchange::Candidate& c) {
  RealisedExchange e;
  e.actor_i = t.scenario_actor[c.i.actor];
  e.supply_i = c.i.supply;
  e.from_i = t.to_scale(c.i.supply, c.i.from);
  e.to_i = t.to_scale(c.i.supply, c.i.to);
  e.actor_j = t.scenario_actor[c.j.actor];
  e.supply_j = c.j.supply;
  e.from_j = t.to_scale(c.j.supply, c.j.from);
  e.to_j = t.to_scale(c.j.supply, c.j.to);
  e.gain_i = c.i.gain;
  e.gain_j = c.j.gain;
  return e;
}

// Issue d's actors in scenario order, with their internal cells.
std::vector<std::size_t> cells_in_scenario_order(const exchange::Table& t, std::size_t d,
                                                 std::vector<std::size_t>& actors) {
  std::vector<std::pair<std::size_t, std::size_t>> found;  // scenario index, cell
  for (std::size_t k = 0; k < t.actors; ++k) {
    if (t.present[t.cell(k, d)]) found.emplace_back(t.scenario_actor[k], t.cell(k, d));
  }
  std::sort(found.begin(), found.end());
  std::vector<std::size_t> cells;
  actors.clear();
  for (auto [a, c] : found) {
    actors.push_back(a);
    cells.push_back(c);
  }
  return cells;
}

std::vector<double> on_scale(const exchange::Table& t, std::size_t d,
                             const std::vector<std::size_t>& cells,
                             const std::vector<double>& values) {
  std::vector<double> out;
  out.reserve(cells.size());
  for (std::size_t c : cells) out.push_back(t.to_scale(d, values[c]));
  return out;
}

// The weighted median and mean (the outcome) of votes `x` (on the issue's scale) with weights w.
RoundSummary summary_of(const std::vector<double>& x, const std::vector<double>& w,
                        double outcome) {
  RoundSummary s;
  s.median = x.empty() ? outcome : detail::weighted_median(x, w);
  s.mean = outcome;
  return s;
}

}  // namespace

Forecast ExchangeModel::forecast(const Scenario& scenario, ForecastObserver* observer) const {
  const exchange::Table t = exchange::make_table(scenario);
  if (t.actors > 0xFFFF || t.issues > 0xFFFF) {  // the tie-break key packs them in 16 bits
    throw Error(ErrorId::model_scenario_too_large,
                "exchange: at most 65535 actors and 65535 issues");
  }
  Forecast forecast;
  forecast.model = spec_;
  std::vector<std::vector<std::size_t>> cells(t.issues);
  std::vector<std::vector<double>> weights(t.issues);
  std::vector<double> preferences = t.x;
  for (std::size_t d = 0; d < t.issues; ++d) {
    IssueForecast issue;
    issue.issue_id = scenario.issues[d].id;
    cells[d] = cells_in_scenario_order(t, d, issue.actors);
    for (std::size_t c : cells[d]) weights[d].push_back(t.w[c]);
    issue.positions.push_back(on_scale(t, d, cells[d], preferences));
    issue.outcome = t.to_scale(d, exchange::outcome(t, preferences, d));
    issue.round_summaries.push_back(summary_of(issue.positions.back(), weights[d], issue.outcome));
    if (observer) observer->on_round(issue.issue_id, 0, issue.positions.back());
    forecast.issues.push_back(std::move(issue));
  }
  RandomStream ties(options_.seed, 0, exchange::tie_break_stream);
  RandomStream rex(options_.seed, 0, exchange::rex_stream);
  bool settled = false;
  for (int round = 1; round <= options_.rounds && !settled; ++round) {
    exchange::RoundResult r = exchange::run_round(t, preferences, options_, &ties, &rex);
    ExchangeRound record;
    record.round = round;
    record.candidates = r.candidates;
    for (const exchange::Candidate& c : r.realised) record.exchanges.push_back(to_scenario(t, c));
    for (std::size_t d = 0; d < t.issues; ++d) {
      record.outcome_before.push_back(t.to_scale(d, r.outcome_before[d]));
      record.outcome_after.push_back(t.to_scale(d, r.outcome_after[d]));
      IssueForecast& issue = forecast.issues[d];
      issue.positions.push_back(on_scale(t, d, cells[d], r.votes));
      issue.outcome = record.outcome_after[d];
      RoundSummary summary = summary_of(issue.positions.back(), weights[d], issue.outcome);
      summary.series.push_back({"preference", on_scale(t, d, cells[d], r.preferences)});
      issue.round_summaries.push_back(std::move(summary));
      issue.rounds = round;
      if (observer) observer->on_round(issue.issue_id, round, issue.positions.back());
    }
    // No exchange: every later round would start from the same preferences and repeat this one.
    settled = record.exchanges.empty();
    preferences = std::move(r.preferences);
    forecast.exchange_rounds.push_back(std::move(record));
  }
  for (IssueForecast& issue : forecast.issues) {
    issue.converged = settled || options_.rounds == 0;
    if (issue.actors.empty()) issue.note = "no actor takes part; the outcome is the status quo";
  }
  return forecast;
}

ModelInfo ExchangeModel::info() {
  return {.name = "exchange",
          .summary =
              "Stokman & van Oosten's exchange model: actors trade votes across pairs of issues "
              "(logrolling, Equal Gain); forecast = the weighted mean of the votes",
          .parameters = exchange::parameter_specs(),
          .rounds = true,
          .stochastic = true};
}

std::unique_ptr<ExchangeModel> ExchangeModel::make(const ModelParameters& parameters) {
  return std::make_unique<ExchangeModel>(parameters.spec("exchange"),
                                         exchange::options_from(parameters));
}

}  // namespace parley

PARLEY_REGISTER_MODEL(exchange, parley::ExchangeModel)
