#include <nlohmann/json.hpp>

#include "parley/forecast_report.hpp"

namespace parley {

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
