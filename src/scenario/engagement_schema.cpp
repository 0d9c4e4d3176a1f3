// The schema of the engagement model's names: its parameters and instrument effect channels.
#include "parley/scenario.hpp"

namespace parley {

// Defaults are judgements, chosen so that one month is a small step and the sources' qualitative
// claims can be switched on and off; each rationale says what the number means.
const std::vector<EngagementParameterSpec>& engagement_parameter_specs() {
  using P = EngagementParameters;
  static const std::vector<EngagementParameterSpec> specs = {
      {"adjustment_speed", &P::adjustment_speed, 0.2, 0, 1,
       "share of the gap between the regime's policy and its factions' bargained target closed per "
       "month; decrees change slowly"},
      {"leader_weight", &P::leader_weight, 2.0, 0, 100,
       "multiplier on the leader faction's capability in internal bargaining: the emir and his "
       "shura decide (seed 001, girls' schools decision)"},
      {"defiance_sensitivity", &P::defiance_sensitivity, 1.0, 0, 10,
       "how much lost respect raises the ideological cost of conceding and the hardliners' weight "
       "inside the regime (seed 001: respect and status as drivers)"},
      {"yielding_cost", &P::yielding_cost, 0.5, 0, 10,
       "extra cohesion cost of a concession per unit of publicly conditioning blocs' share: "
       "concessions seen as yielding to the West (seed 001)"},
      {"revenue_value", &P::revenue_value, 1.0, 0, 100,
       "utility of an e-fold change of the regime's revenue (log utility): money counts in "
       "proportion to what the regime already has, so a regime that has found revenue of its own "
       "is harder to move with money (seed 001)"},
      {"recognition_value", &P::recognition_value, 1.0, 0, 100,
       "utility of moving from no recognition to full recognition by every state"},
      {"agreement_value", &P::agreement_value, 1.0, 0, 100,
       "pull of an agreed track's terms on the regime's factions, per unit of the partner "
       "bloc's share, weighed by each faction's revenue and recognition weights: an agreement "
       "changes what a move is worth, not whether the regime can make it"},
      {"talks_value", &P::talks_value, 0.5, 0, 100,
       "utility of taking part in a bloc's talks, received as a government, for the weight a "
       "faction puts on revenue and recognition"},
      {"talks_cost", &P::talks_cost, 0.05, 0, 100,
       "cost of taking part in a bloc's talks for the weight a faction puts on cohesion and "
       "ideology, raised by public conditions and lost respect (seed 001, footnote 3: the "
       "Taliban stayed away from Doha talks held on others' terms)"},
      {"respect_initial", &P::respect_initial, 0.3, 0, 1,
       "the regime's sense of being treated with respect at the start, 0 to 1"},
      {"respect_loss_conditionality", &P::respect_loss_conditionality, 0.04, 0, 1,
       "respect lost per month when all blocs attach public conditions"},
      {"respect_loss_isolation", &P::respect_loss_isolation, 0.02, 0, 1,
       "respect lost per month when no bloc holds dialogue"},
      {"respect_gain_dialogue", &P::respect_gain_dialogue, 0.02, 0, 1,
       "respect gained per month when all blocs hold dialogue"},
      {"cohesion_recovery", &P::cohesion_recovery, 0.03, 0, 1,
       "share of the gap to the scenario's starting cohesion closed per month: without shocks "
       "the movement stays as cohesive as it was"},
      {"concession_cohesion_cost", &P::concession_cohesion_cost, 1.0, 0, 100,
       "cohesion lost per unit of internal dissent a policy move creates (seed 001: cohesion above "
       "all else)"},
      {"revenue_need_usd_bn", &P::revenue_need_usd_bn, 2.0, 1e-6, 1e6,
       "annual revenue the regime needs to pay its fighters and civil servants"},
      {"revenue_stress", &P::revenue_stress, 0.01, 0, 1,
       "cohesion lost per month per e-fold fall of revenue below its starting level (gained per "
       "e-fold rise): patronage pays for loyalty"},
      {"defection_rate", &P::defection_rate, 0.1, 0, 10,
       "defections (share of members per month) at zero cohesion; at cohesion C the rate is "
       "defection_rate x (1 - C)^2, so falling cohesion raises it ever faster"},
      {"grievance_recruitment", &P::grievance_recruitment, 0.01, 0, 1,
       "spoiler strength gained per month when the whole population is acutely food insecure"},
      {"regime_ct_attrition", &P::regime_ct_attrition, 0.03, 0, 1,
       "share of spoiler strength the regime removes per month at full cohesion and its "
       "spoiler_campaign issue at the top of its scale"},
      {"partner_ct_attrition", &P::partner_ct_attrition, 0.06, 0, 1,
       "extra share removed per month per unit of partners' counter-terrorism cooperation "
       "(seed 000: intelligence and air support)"},
      {"attack_noise_sd", &P::attack_noise_sd, 0.3, 0, 5, "monthly log-normal noise on attacks"},
      {"food_adjust_months", &P::food_adjust_months, 6, 1, 120,
       "time constant (months) of acute food insecurity moving to its target"},
      {"economy_food_relief", &P::economy_food_relief, 0.2, 0, 1,
       "share of acute food insecurity relieved when revenue meets the regime's need"},
      {"food_shock_sd", &P::food_shock_sd, 0.02, 0, 1,
       "monthly relative shock to food insecurity (weather, prices)"},
      {"track_rate", &P::track_rate, 0.06, 0, 1,
       "progress of a technical track per month with full dialogue and full respect; agreement at "
       "1"},
      {"bundled_track_share", &P::bundled_track_share, 0.0, 0, 1,
       "share of the track rate kept under bundled linkage before the political benchmarks are "
       "met"},
      {"recognition_speed", &P::recognition_speed, 0.5, 0, 1,
       "share of the gap to a state's recognition target closed per month: a state that decides "
       "a step takes it within months"},
  };
  // tests/unit/scenario/test_engagement_schema.cpp checks that every field has exactly one row.
  return specs;
}

const std::vector<std::string>& instrument_effect_channels() {
  static const std::vector<std::string> channels = {
      "revenue",           "food_security",  "respect", "recognition",
      "spoiler_attrition", "track_progress", "cohesion"};
  return channels;
}

const std::vector<std::string>& issue_effect_channels() {
  static const std::vector<std::string> channels = {"revenue", "food_security", "respect",
                                                    "cohesion"};
  return channels;
}

const std::vector<std::string>& issue_roles() {
  static const std::vector<std::string> roles = {"recognition", "humanitarian_access",
                                                 "spoiler_campaign"};
  return roles;
}

const std::vector<std::string>& timeline_variables() {
  static const std::vector<std::string> variables = {"food_insecure_millions",
                                                     "population_millions",
                                                     "revenue_usd_bn",
                                                     "spoiler_strength",
                                                     "cohesion",
                                                     "respect"};
  return variables;
}

const std::vector<std::string>& seasonal_variables() {
  static const std::vector<std::string> variables = {"food_insecure_millions", "attacks_per_month"};
  return variables;
}

EngagementParameters engagement_parameters(const Scenario& scenario) {
  EngagementParameters parameters{};
  for (const EngagementParameterSpec& spec : engagement_parameter_specs()) {
    auto given = scenario.parameters.find(spec.name);
    parameters.*spec.field =
        given == scenario.parameters.end() ? spec.default_value : given->second;
  }
  return parameters;
}

}  // namespace parley
