#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

// "usa 21%, france 12%" for the strongest pulls on one side.
std::string strongest(const Scenario& scenario, const std::vector<Pull>& pulls, int sign,
                      std::size_t count) {
  std::string text;
  std::size_t shown = 0;
  for (const Pull& pull : pulls) {
    if ((pull.share > 0) != (sign > 0) || shown == count) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {:.0f}%",
                        detail::fit(scenario.actors[pull.actor].id, detail::max_id_column),
                        std::abs(pull.share) * 100);
    ++shown;
  }
  return text.empty() ? "-" : text;
}

std::string status_quo_text(const Issue& issue) {
  return issue.status_quo ? fmt::format("{:.1f}", *issue.status_quo) : "-";
}

}  // namespace

std::string forecast_heading(const Scenario& scenario) {
  const Meta& meta = scenario.meta;
  return fmt::format(
      "{}{} — {} issues, {} actors; outcomes on each issue's scale\n",
      detail::fit(meta.name, detail::max_title),
      meta.as_of.empty() ? "" : " (" + detail::fit(meta.as_of, detail::max_title) + ")",
      scenario.issues.size(), scenario.actors.size());
}

std::string forecast_table(const Scenario& scenario, const std::vector<Forecast>& forecasts) {
  std::size_t longest = 0;
  for (const Issue& issue : scenario.issues) longest = std::max(longest, issue.id.size());
  const std::size_t id_width = detail::id_column(longest, 5);
  std::string out = fmt::format("{:<{}}  {:<12}  {:>6}", "issue", id_width, "kind", "sq");
  // Each model's column is as wide as its spec, so "exchange(rounds=1)" is shown whole.
  std::vector<std::size_t> widths;
  for (const Forecast& f : forecasts) widths.push_back(std::max<std::size_t>(10, f.model.size()));
  for (std::size_t m = 0; m < forecasts.size(); ++m) {
    out += fmt::format("  {:>{}}", forecasts[m].model, widths[m]);
  }
  out += "  pulled up by                    pulled down by\n";
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const Issue& issue = scenario.issues[i];
    out += fmt::format("{:<{}}  {:<12}  {:>6}", detail::fit(issue.id, id_width), id_width,
                       to_string(issue.kind), status_quo_text(issue));
    for (std::size_t m = 0; m < forecasts.size(); ++m) {
      out += fmt::format("  {:>{}.1f}", forecasts[m].issues[i].outcome, widths[m]);
    }
    if (!forecasts.empty()) {
      auto pulls = actor_pulls(scenario, forecasts.front().issues[i]);
      out += fmt::format("  {:<30}  {}", strongest(scenario, pulls, +1, 2),
                         strongest(scenario, pulls, -1, 2));
    }
    out += "\n";
  }
  return out;
}

}  // namespace parley
