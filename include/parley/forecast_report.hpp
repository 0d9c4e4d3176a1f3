// Presenting forecasts: who pulls each outcome which way, terminal tables, JSON.
#pragma once

#include <string>
#include <vector>

#include "parley/model.hpp"
#include "parley/scenario.hpp"

namespace parley {

// An actor's pull on an outcome: its share of sum_k c_k s_k |x_k - outcome| over the issue's
// actors, signed by the side it stands on (+ above the outcome, - below).
struct Pull {
  std::size_t actor = 0;  // index into Scenario::actors
  double share = 0.0;     // in [-1, 1]
};

// Pulls on `outcome` from the actors' positions in `round` (default: the last), largest first;
// actors exactly at the outcome are left out.
std::vector<Pull> actor_pulls(const Scenario& scenario, const IssueForecast& forecast);

// One row per issue; a column per forecast (all made on `scenario`, same issue order); the pulls
// of the first forecast's outcome.
std::string forecast_table(const Scenario& scenario, const std::vector<Forecast>& forecasts);

// Per issue of a bargaining model's forecast: median and mean after every round, offers made by
// kind (accepted in brackets), actors that moved, and the forecast. Issues without round
// summaries are left out.
std::string forecast_rounds_text(const Forecast& forecast);

// Per issue of a bargaining model's forecast: every actor's position after every round, and the
// per-actor series of the last round (e.g. smp's final win probability). Issues without round
// summaries are left out.
std::string forecast_positions_text(const Scenario& scenario, const Forecast& forecast);

// A multi-issue (exchange) forecast round by round: the realised exchanges in order (actors,
// supply issues, votes from -> to, gains), every issue's outcome before and after the round's
// exchanges, and the final outcomes.
std::string forecast_exchanges_text(const Scenario& scenario, const Forecast& forecast);

// Per issue: the piecemeal outcome (each issue settled alone, e.g. `compromise`), the bundled
// one (after exchange across issues) and bundled - piecemeal. Same scenario, same issue order.
std::string unbundled_comparison_text(const Scenario& scenario, const Forecast& piecemeal,
                                      const Forecast& bundled);

// Every forecast in full: outcomes, per-round positions and summaries, pulls.
std::string forecast_json(const Scenario& scenario, const std::vector<Forecast>& forecasts);

}  // namespace parley
