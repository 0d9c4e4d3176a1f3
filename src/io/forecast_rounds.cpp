#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

std::string offer_counts(const RoundSummary& summary, OfferKind kind) {
  int made = 0, accepted = 0;
  for (const Offer& offer : summary.offers) {
    if (offer.kind != kind) continue;
    ++made;
    accepted += offer.accepted;
  }
  return fmt::format("{} ({})", made, accepted);
}

int actors_moved(const IssueForecast& issue, std::size_t round) {
  int moved = 0;
  for (std::size_t k = 0; k < issue.positions[round].size(); ++k) {
    moved += issue.positions[round][k] != issue.positions[round - 1][k];
  }
  return moved;
}

std::string ending(const IssueForecast& issue) {
  if (issue.converged && issue.rounds == 0)
    return issue.note.empty() ? "nothing to bargain" : issue.note;
  // A model with its own stopping rule says why it stopped in the note.
  if (issue.converged) {
    return issue.note.empty() ? fmt::format("converged: round {} moved nobody", issue.rounds)
                              : issue.note;
  }
  return fmt::format("not converged after {} rounds", issue.rounds);
}

// The offer kinds that occur on the issue, in a fixed order: eum's three regions, or smp's
// bargains.
std::vector<OfferKind> kinds_made(const IssueForecast& issue) {
  std::vector<OfferKind> kinds;
  for (OfferKind kind :
       {OfferKind::conflict, OfferKind::compromise, OfferKind::capitulation, OfferKind::bargain}) {
    const bool made = std::any_of(
        issue.round_summaries.begin(), issue.round_summaries.end(), [&](const RoundSummary& r) {
          return std::any_of(r.offers.begin(), r.offers.end(),
                             [&](const Offer& o) { return o.kind == kind; });
        });
    if (made) kinds.push_back(kind);
  }
  return kinds;
}

std::string issue_rounds(const IssueForecast& issue) {
  std::string out = fmt::format(
      "{} ({} actors)\n", detail::fit(issue.issue_id, detail::max_id_column), issue.actors.size());
  const std::vector<OfferKind> kinds = kinds_made(issue);
  out += fmt::format("{:>5}  {:>10}  {:>10}", "round", "median", "mean");
  for (OfferKind kind : kinds) out += fmt::format("  {:>12}", to_string(kind));
  out += fmt::format("  {:>5}\n", "moved");
  for (std::size_t r = 0; r < issue.round_summaries.size(); ++r) {
    const RoundSummary& summary = issue.round_summaries[r];
    out += fmt::format("{:>5}  {:>10.3f}  {:>10.3f}", r, summary.median, summary.mean);
    for (OfferKind kind : kinds) {
      out += fmt::format("  {:>12}", r == 0 ? "-" : offer_counts(summary, kind));
    }
    out += fmt::format("  {:>5}\n", r == 0 ? "-" : std::to_string(actors_moved(issue, r)));
  }
  out += fmt::format("forecast {:.3f} ({})\n", issue.outcome, ending(issue));
  return out;
}

}  // namespace

std::string forecast_rounds_text(const Forecast& forecast) {
  std::string out = fmt::format(
      "{}: median and mean position after each round (capability x salience weighted); offers "
      "made in the round by kind, accepted in brackets; actors that moved\n",
      forecast.model);
  for (const IssueForecast& issue : forecast.issues) {
    if (issue.round_summaries.empty()) continue;
    out += '\n';
    out += issue_rounds(issue);
  }
  return out;
}

}  // namespace parley
