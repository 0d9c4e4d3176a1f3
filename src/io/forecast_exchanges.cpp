// Presenting a multi-issue (exchange) forecast: the realised exchanges round by round, and the
// piecemeal-vs-bundled comparison.
#include <fmt/format.h>

#include <algorithm>

#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

// Column widths: the longest actor id and issue id, at least as wide as their headers and at
// most detail::max_id_column (longer ids are cut with an ellipsis).
struct Widths {
  std::size_t actor = 7, issue = 11;
};

Widths widths(const Scenario& s) {
  std::size_t actor = 0, issue = 0;
  for (const Actor& a : s.actors) actor = std::max(actor, a.id.size());
  for (const Issue& i : s.issues) issue = std::max(issue, i.id.size());
  return {detail::id_column(actor, 7), detail::id_column(issue, 11)};
}

std::string id(const std::string& text, std::size_t width) { return detail::fit(text, width); }

std::string round_text(const Scenario& scenario, const ExchangeRound& round, const Widths& w) {
  const std::size_t aw = w.actor, iw = w.issue;
  std::string out = fmt::format("round {}: {} candidate exchanges, {} realised\n", round.round,
                                round.candidates, round.exchanges.size());
  if (!round.exchanges.empty()) {
    out += fmt::format("{:>4}  {:<{}}  {:<{}}  {:>17}  {:<{}}  {:<{}}  {:>17}  {:>8}  {:>8}\n", "#",
                       "actor i", aw, "supplies on", iw, "vote from -> to", "actor j", aw,
                       "supplies on", iw, "vote from -> to", "gain i", "gain j");
  }
  for (std::size_t n = 0; n < round.exchanges.size(); ++n) {
    const RealisedExchange& e = round.exchanges[n];
    out += fmt::format(
        "{:>4}  {:<{}}  {:<{}}  {:>7.2f} -> {:>7.2f}  {:<{}}  {:<{}}  {:>7.2f} -> {:>7.2f}  "
        "{:>8.4f}  {:>8.4f}\n",
        n + 1, id(scenario.actors[e.actor_i].id, aw), aw, id(scenario.issues[e.supply_i].id, iw),
        iw, e.from_i, e.to_i, id(scenario.actors[e.actor_j].id, aw), aw,
        id(scenario.issues[e.supply_j].id, iw), iw, e.from_j, e.to_j, e.gain_i, e.gain_j);
  }
  out += fmt::format("{:<{}}  {:>10}  {:>10}\n", "outcome", iw, "before", "after");
  for (std::size_t d = 0; d < scenario.issues.size() && d < round.outcome_before.size(); ++d) {
    out += fmt::format("{:<{}}  {:>10.2f}  {:>10.2f}\n", id(scenario.issues[d].id, iw), iw,
                       round.outcome_before[d], round.outcome_after[d]);
  }
  return out;
}

}  // namespace

std::string forecast_exchanges_text(const Scenario& scenario, const Forecast& forecast) {
  std::string out = fmt::format(
      "{}: exchanges realised in each round, in order (highest gain first); votes on each "
      "issue's scale, gains as salience x outcome shift on a 0-100 scale; outcomes (weighted mean "
      "of the votes) before and after the round's exchanges\n",
      forecast.model);
  const Widths w = widths(scenario);
  for (const ExchangeRound& round : forecast.exchange_rounds)
    out += "\n" + round_text(scenario, round, w);
  const std::size_t iw = w.issue;
  out += fmt::format("\nfinal outcomes after {} round(s)\n", forecast.exchange_rounds.size());
  for (const IssueForecast& issue : forecast.issues) {
    out += fmt::format("{:<{}}  {:>10.2f}\n", id(issue.issue_id, iw), iw, issue.outcome);
  }
  return out;
}

std::string unbundled_comparison_text(const Scenario& scenario, const Forecast& piecemeal,
                                      const Forecast& bundled) {
  const std::size_t iw = widths(scenario).issue;
  std::string out = fmt::format(
      "piecemeal vs bundled: {} settles each issue on its own (capability x salience weighted "
      "mean); {} lets actors trade votes across issues first\n",
      piecemeal.model, bundled.model);
  out += fmt::format("{:<{}}  {:>10}  {:>10}  {:>10}\n", "issue", iw, "piecemeal", "bundled",
                     "difference");
  for (std::size_t d = 0; d < scenario.issues.size(); ++d) {
    const double a = piecemeal.issues.at(d).outcome, b = bundled.issues.at(d).outcome;
    out += fmt::format("{:<{}}  {:>10.2f}  {:>10.2f}  {:>+10.2f}\n", id(scenario.issues[d].id, iw),
                       iw, a, b, b - a);
  }
  std::size_t realised = 0;
  for (const ExchangeRound& r : bundled.exchange_rounds) realised += r.exchanges.size();
  out += fmt::format(
      "({} exchanges realised over {} round(s); difference = bundled - piecemeal, "
      "on each issue's scale)\n",
      realised, bundled.exchange_rounds.size());
  return out;
}

}  // namespace parley
