#include <nlohmann/json.hpp>

#include "parley/io.hpp"

namespace parley {
namespace {

// Per-round details of a bargaining model; actor indices become actor ids.
nlohmann::ordered_json round_summaries_json(const Scenario& scenario, const IssueForecast& issue) {
  auto id = [&](std::size_t k) { return scenario.actors[issue.actors[k]].id; };
  nlohmann::ordered_json rounds = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < issue.round_summaries.size(); ++r) {
    const RoundSummary& summary = issue.round_summaries[r];
    nlohmann::ordered_json round;
    round["round"] = r;
    round["median"] = summary.median;
    round["mean"] = summary.mean;
    round["offers"] = nlohmann::ordered_json::array();
    for (const Offer& offer : summary.offers) {
      round["offers"].push_back({{"from", id(offer.from)},
                                 {"to", id(offer.to)},
                                 {"kind", to_string(offer.kind)},
                                 {"position", offer.position},
                                 {"accepted", offer.accepted}});
    }
    nlohmann::ordered_json series = nlohmann::ordered_json::object();
    for (const ActorSeries& s : summary.series) series[s.name] = s.values;
    round["series"] = series;
    rounds.push_back(round);
  }
  return rounds;
}

// A multi-issue model's realised exchanges per round; actor and issue indices become ids.
nlohmann::ordered_json exchange_rounds_json(const Scenario& scenario, const Forecast& forecast) {
  nlohmann::ordered_json rounds = nlohmann::ordered_json::array();
  for (const ExchangeRound& r : forecast.exchange_rounds) {
    nlohmann::ordered_json round;
    round["round"] = r.round;
    round["candidates"] = r.candidates;
    round["exchanges"] = nlohmann::ordered_json::array();
    for (const RealisedExchange& e : r.exchanges) {
      round["exchanges"].push_back({{"actor_i", scenario.actors[e.actor_i].id},
                                    {"supply_i", scenario.issues[e.supply_i].id},
                                    {"from_i", e.from_i},
                                    {"to_i", e.to_i},
                                    {"actor_j", scenario.actors[e.actor_j].id},
                                    {"supply_j", scenario.issues[e.supply_j].id},
                                    {"from_j", e.from_j},
                                    {"to_j", e.to_j},
                                    {"gain_i", e.gain_i},
                                    {"gain_j", e.gain_j}});
    }
    nlohmann::ordered_json before = nlohmann::ordered_json::object();
    nlohmann::ordered_json after = nlohmann::ordered_json::object();
    for (std::size_t d = 0; d < r.outcome_before.size() && d < scenario.issues.size(); ++d) {
      before[scenario.issues[d].id] = r.outcome_before[d];
      after[scenario.issues[d].id] = r.outcome_after[d];
    }
    round["outcome_before"] = before;
    round["outcome_after"] = after;
    rounds.push_back(round);
  }
  return rounds;
}

}  // namespace

std::string forecast_json(const Scenario& scenario, const std::vector<Forecast>& forecasts) {
  nlohmann::ordered_json out;
  out["scenario"] = scenario.meta.name;
  out["forecasts"] = nlohmann::ordered_json::array();
  for (const Forecast& forecast : forecasts) {
    nlohmann::ordered_json model;
    model["model"] = forecast.model;
    model["issues"] = nlohmann::ordered_json::array();
    for (const IssueForecast& issue : forecast.issues) {
      nlohmann::ordered_json item;
      item["issue"] = issue.issue_id;
      item["outcome"] = issue.outcome;
      item["rounds"] = issue.rounds;
      item["converged"] = issue.converged;
      if (!issue.note.empty()) item["note"] = issue.note;
      std::vector<std::string> actors;
      for (std::size_t a : issue.actors) actors.push_back(scenario.actors[a].id);
      item["actors"] = actors;
      item["positions"] = issue.positions;
      if (!issue.round_summaries.empty()) {
        item["round_summaries"] = round_summaries_json(scenario, issue);
      }
      nlohmann::ordered_json pulls = nlohmann::ordered_json::array();
      for (const Pull& pull : actor_pulls(scenario, issue)) {
        pulls.push_back({{"actor", scenario.actors[pull.actor].id}, {"share", pull.share}});
      }
      item["pulls"] = pulls;
      model["issues"].push_back(item);
    }
    if (!forecast.exchange_rounds.empty()) {
      model["exchange_rounds"] = exchange_rounds_json(scenario, forecast);
    }
    out["forecasts"].push_back(model);
  }
  return out.dump(2) + "\n";
}

}  // namespace parley
