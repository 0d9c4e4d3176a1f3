// Internal: the engagement coefficients as named fields, resolved from a scenario.
#pragma once

#include "parley/engagement.hpp"

namespace parley::detail {

struct Coefficients {
  // Regime
  double adjustment_speed;
  double leader_weight;
  double defiance_sensitivity;
  double yielding_cost;
  double revenue_reference_usd_bn;
  double recognition_value;
  // Respect
  double respect_initial;
  double respect_loss_conditionality;
  double respect_loss_isolation;
  double respect_gain_dialogue;
  // Cohesion and revenue
  double cohesion_recovery;
  double concession_cohesion_cost;
  double revenue_need_usd_bn;
  double revenue_stress;
  double defection_threshold;
  double defection_rate;
  // Spoiler
  double grievance_recruitment;
  double regime_ct_attrition;
  double partner_ct_attrition;
  double attack_noise_sd;
  // Population
  double food_adjust_months;
  double economy_food_relief;
  double food_shock_sd;
  // Tracks and recognition
  double track_rate;
  double bundled_track_share;
  double recognition_speed;
};

// Defaults overridden by scenario.parameters (validation has checked the names and ranges).
Coefficients resolve_coefficients(const Scenario& scenario);

}  // namespace parley::detail
