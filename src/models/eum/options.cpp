#include "models/eum/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "models/choices.hpp"

namespace parley::eum {
namespace {

using detail::Choices;

const Choices<Probability> probabilities = {{"scholz", Probability::scholz},
                                            {"paper", Probability::paper}};
const Choices<RiskView> risk_views = {{"receiver", RiskView::receiver}, {"own", RiskView::own}};
const Choices<TRule> t_rules = {
    {"1", TRule::better}, {"0", TRule::worse}, {"geometric", TRule::geometric}};
const Choices<Selection> selections = {{"scholz", Selection::scholz},
                                       {"least_move", Selection::least_move},
                                       {"highest_eu", Selection::highest_eu}};
const Choices<RiskUpdate> risk_updates = {{"simultaneous", RiskUpdate::simultaneous},
                                          {"sequential", RiskUpdate::sequential}};
const Choices<bool> switches = {{"on", true}, {"off", false}};
const Choices<OfferLog> offer_logs = {{"all", OfferLog::all}, {"accepted", OfferLog::accepted}};

template <typename E>
void read_choice(const ModelParameters& parameters, const char* key, const Choices<E>& choices,
                 E& value) {
  detail::read_choice(parameters, "eum", key, choices, value);
}

}  // namespace

Options scholz_profile() { return Options{}; }

Options paper_literal_profile() {
  Options options;
  options.profile = "paper-literal";
  options.probability = Probability::paper;
  options.risk_view = RiskView::own;
  options.t = TRule::geometric;
  options.selection = Selection::least_move;
  options.capitulation = true;
  return options;
}

Options options_from(const ModelParameters& parameters) {
  const std::string profile = parameters.text("profile", "scholz");
  Options options;
  if (profile == "scholz") {
    options = scholz_profile();
  } else if (profile == "paper-literal") {
    options = paper_literal_profile();
  } else {
    throw Error(
        ErrorId::model_bad_parameter_value,
        fmt::format("eum parameter 'profile': expected scholz|paper-literal, got '{}'", profile));
  }
  options.rounds = parameters.rounds("eum", options.rounds);
  options.q = parameters.number("q", options.q);
  if (options.q < 0.0 || options.q > 1.0) {
    throw Error(ErrorId::model_bad_parameter_value,
                fmt::format("eum parameter 'q': expected a number in [0, 1], got {}", options.q));
  }
  read_choice(parameters, "probability", probabilities, options.probability);
  read_choice(parameters, "risk_view", risk_views, options.risk_view);
  read_choice(parameters, "t", t_rules, options.t);
  read_choice(parameters, "selection", selections, options.selection);
  read_choice(parameters, "risk_update", risk_updates, options.risk_update);
  read_choice(parameters, "capitulation", switches, options.capitulation);
  read_choice(parameters, "offers", offer_logs, options.offers);
  return options;
}

std::vector<ParameterSpec> parameter_specs() {
  const Options d = scholz_profile();
  const Options p = paper_literal_profile();
  auto both = [](const char*, const char* paper) {
    return fmt::format(" (paper-literal: {})", paper);
  };
  return {
      {"profile", d.profile,
       "scholz (as Scholz et al.'s code behaved) or paper-literal; sets "
       "the defaults below, explicit keys override"},
      {"rounds", std::to_string(d.rounds),
       "bargaining rounds; stops early (converged) after a round in which nobody moves"},
      {"q", "1", "probability Q that the status quo holds if i does not challenge j, in [0, 1]"},
      {"probability", detail::choice_name(probabilities, d.probability),
       "scholz: positive votes for x_i over x_j / sum of all vote magnitudes over all actor "
       "pairs; paper: eq. 31, votes for x_i / votes cast on the pair" +
           both(detail::choice_name(probabilities, d.probability),
                detail::choice_name(probabilities, p.probability))},
      {"risk_view", detail::choice_name(risk_views, d.risk_view),
       "whose risk exponent prices j's expected utility when i weighs j's offer: receiver (i's) "
       "or own (j's)" +
           both(detail::choice_name(risk_views, d.risk_view),
                detail::choice_name(risk_views, p.risk_view))},
      {"t", detail::choice_name(t_rules, d.t),
       "selector T of the no-challenge term when q < 1: 1 (better), 0 (worse), geometric "
       "(1 iff |x_i - median| < |x_i - x_j|)" +
           both(detail::choice_name(t_rules, d.t), detail::choice_name(t_rules, p.t))},
      {"selection", detail::choice_name(selections, d.selection),
       "offer accepted within a category: scholz (compromise: lowest EU-weighted average of the "
       "two positions, otherwise least move), least_move, highest_eu" +
           both(detail::choice_name(selections, d.selection),
                detail::choice_name(selections, p.selection))},
      {"risk_update", detail::choice_name(risk_updates, d.risk_update),
       "risk exponents of all actors at once, or one actor after another in input order" +
           both(detail::choice_name(risk_updates, d.risk_update),
                detail::choice_name(risk_updates, p.risk_update))},
      {"capitulation", d.capitulation ? "on" : "off",
       "on: when E^i(U_ij) < 0 < E(U_ji) < |E^i(U_ij)|, i capitulates (moves fully to j); "
       "off: no offer there" +
           both(d.capitulation ? "on" : "off", p.capitulation ? "on" : "off")},
      {"offers", detail::choice_name(offer_logs, d.offers),
       "offers kept in the per-round summaries: all made, or only accepted ones"},
  };
}

}  // namespace parley::eum
