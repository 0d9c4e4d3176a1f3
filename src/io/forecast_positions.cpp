// Every actor's position after every round of a bargaining model, with the per-actor series of
// the final round (e.g. smp's probability that the actor's position wins).
#include <fmt/format.h>

#include <algorithm>

#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

std::string issue_positions(const Scenario& scenario, const IssueForecast& issue) {
  std::size_t longest = 0;
  for (std::size_t a : issue.actors) longest = std::max(longest, scenario.actors[a].id.size());
  const std::size_t id_width = detail::id_column(longest, 5);
  const RoundSummary& last = issue.round_summaries.back();
  std::string out =
      fmt::format("{} ({} actors, {} rounds)\n", detail::fit(issue.issue_id, detail::max_id_column),
                  issue.actors.size(), issue.rounds);
  out += fmt::format("{:<{}}", "actor", id_width);
  for (std::size_t r = 0; r < issue.positions.size(); ++r) out += fmt::format(" {:>7}", r);
  for (const ActorSeries& s : last.series) out += fmt::format("  {:>11}", s.name);
  out += '\n';
  for (std::size_t k = 0; k < issue.actors.size(); ++k) {
    out +=
        fmt::format("{:<{}}", detail::fit(scenario.actors[issue.actors[k]].id, id_width), id_width);
    for (const auto& round : issue.positions) out += fmt::format(" {:>7.2f}", round[k]);
    for (const ActorSeries& s : last.series) out += fmt::format("  {:>11.4f}", s.values[k]);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string forecast_positions_text(const Scenario& scenario, const Forecast& forecast) {
  std::string out = fmt::format(
      "{}: every actor's position after each round (round 0: the input); last columns: the "
      "final round's per-actor values\n",
      forecast.model);
  for (const IssueForecast& issue : forecast.issues) {
    if (issue.round_summaries.empty() || issue.positions.empty()) continue;
    out += '\n';
    out += issue_positions(scenario, issue);
  }
  return out;
}

}  // namespace parley
