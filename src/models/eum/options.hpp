// The choices the expected utility model leaves open, with the two named profiles that fix them.
// docs/models/eum.md explains each one and where it comes from.
#pragma once

#include <string>

#include "parley/models.hpp"

namespace parley::eum {

// How the probability that i prevails over j is normalised, eq. 31.
enum class Probability {
  scholz,  // positive votes for x_i over x_j / all vote magnitudes over all actor pairs
  paper,   // Scholz et al. eq. 31 as printed: votes for x_i / votes cast on the pair
};
// Whose risk exponent prices E^j(U_ji) when i weighs j's offer.
enum class RiskView {
  receiver,  // i's own r for both expected utilities (Scholz's code)
  own,       // j's r for j's expected utility (the paper's superscripts)
};
// T in eq. 25, the better/worse selector of the no-challenge term; matters only when q < 1.
enum class TRule { better, worse, geometric };
// Which offer an actor accepts within the best category (§6.2).
enum class Selection {
  scholz,      // compromise: lowest EU-weighted average of the two positions; others: least move
  least_move,  // the least move in every category
  highest_eu,  // the offer whose proposer expects most from the challenge; ties: least move
};
enum class RiskUpdate { simultaneous, sequential };
enum class OfferLog { all, accepted };  // what round_summaries keeps

struct Options {
  std::string profile = "scholz";
  int rounds = 10;
  double q = 1.0;  // probability of the status quo (step 6)
  Probability probability = Probability::scholz;
  RiskView risk_view = RiskView::receiver;
  TRule t = TRule::better;
  Selection selection = Selection::scholz;
  RiskUpdate risk_update = RiskUpdate::simultaneous;
  bool capitulation = true;  // whether the capitulate (compel) region of fig. 6 makes offers
  OfferLog offers = OfferLog::all;
};

Options scholz_profile();
Options paper_literal_profile();

// The profile named by `profile` (default scholz), then every explicit key on top of it.
// Throws Error model.bad_parameter_value for an unknown profile or value.
Options options_from(const ModelParameters& parameters);

// Every parameter with its default under the scholz profile, for ModelInfo.
std::vector<ParameterSpec> parameter_specs();

}  // namespace parley::eum
