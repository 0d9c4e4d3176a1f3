#include <nlohmann/json.hpp>

#include "parley/forecast_report.hpp"

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
    out["forecasts"].push_back(model);
  }
  return out.dump(2) + "\n";
}

}  // namespace parley
