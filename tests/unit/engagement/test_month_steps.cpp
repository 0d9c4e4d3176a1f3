// One test per documented step of a month (docs/engagement.md, "One month"), each on a small world
// built here so that the expected number can be computed by hand from the equation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "parley/engagement.hpp"

namespace parley {
namespace {

// Plain constructors: designated initialisers would leave GCC warning about every other field.
Issue make_issue(const std::string& id, IssueKind kind, std::optional<double> status_quo = {}) {
  Issue issue;
  issue.id = id;
  issue.kind = kind;
  issue.status_quo = status_quo;
  return issue;
}

Actor make_actor(const std::string& id, ActorKind kind, double capability) {
  Actor actor;
  actor.id = id;
  actor.kind = kind;
  actor.capability = capability;
  return actor;
}

TimelineEntry make_entry(TimelineKind kind, int from, std::map<std::string, double> values,
                         const std::string& actor = "") {
  TimelineEntry entry;
  entry.kind = kind;
  entry.from = from;
  entry.values = std::move(values);
  entry.actor = actor;
  return entry;
}

// One faction (the leader), one state in one bloc, issues as each test needs. No noise.
Scenario small_world() {
  Scenario s;
  s.meta.name = "steps";
  s.meta.as_of = "2022-01";
  s.issues.push_back(make_issue("policy", IssueKind::political, 20.0));
  Actor regime = make_actor("leaders", ActorKind::regime_faction, 50);
  regime.positions["policy"] = 80;
  regime.salience["policy"] = 50;
  Actor state = make_actor("donor", ActorKind::state, 40);
  state.positions["policy"] = 100;
  state.salience["policy"] = 50;
  state.recognition = 0;
  s.actors = {regime, state};
  Bloc west;
  west.id = "west";
  west.members = {"donor"};
  west.baseline = BlocPolicy{};
  s.blocs.push_back(west);
  s.regime = Regime{};
  s.regime->factions.resize(1);
  s.regime->factions[0].actor = "leaders";
  s.regime->leader = "leaders";
  s.regime->weights = {0.25, 0.25, 0.25, 0.25};
  s.regime->cohesion = 0.8;
  s.regime->revenue_usd_bn = 2.0;
  s.population = Population{};
  s.population->total_millions = 40;
  s.population->acute_food_insecure_millions = 10;
  s.parameters["food_shock_sd"] = 0;
  s.parameters["attack_noise_sd"] = 0;
  return s;
}

EngagementRun run(const Scenario& s, int months = 1, const std::string& strategy = "") {
  EngagementOptions options;
  options.months = months;
  options.engine = "compromise";
  return simulate_engagement(s, strategy, options, 1, 0);
}

double value(const Scenario& s, const EngagementRun& r, const std::string& series, int month) {
  const auto names = series_names(s);
  const auto at = std::find(names.begin(), names.end(), series);
  EXPECT_NE(at, names.end()) << series;
  return r.months[static_cast<std::size_t>(month)]
      .values[static_cast<std::size_t>(at - names.begin())];
}

void add_instrument(Scenario& s, const std::string& id, InstrumentKind kind,
                    std::map<std::string, double> effects, const std::string& track = "") {
  Instrument instrument;
  instrument.id = id;
  instrument.kind = kind;
  instrument.controlled_by = {"west"};
  instrument.track = track;
  instrument.effects = std::move(effects);
  s.instruments.push_back(instrument);
}

// 1. Blocs act: the baseline's level, then a timeline entry from its month, then conditions.
TEST(MonthSteps, BlocsSetBaselineThenTimelineThenConditions) {
  Scenario s = small_world();
  add_instrument(s, "aid", InstrumentKind::aid, {{"revenue", 1.0}});
  s.blocs[0].baseline->instruments["aid"] = 0.2;
  s.timeline.push_back(make_entry(TimelineKind::policy, 3, {{"aid", 0.5}}, "west"));
  s.regime->factions[0].weights = UtilityWeights{1, 0, 0, 0};  // money does not move the regime
  const EngagementRun r = run(s, 4);
  // Rev = Rev0 + 1.0 * level, Rev0 calibrated so that month 0 holds the observed 2.0.
  EXPECT_NEAR(value(s, r, "revenue_usd_bn", 2), 2.0, 1e-12);
  EXPECT_NEAR(value(s, r, "revenue_usd_bn", 3), 2.0 + 0.3, 1e-12);
  // A strategy that names the bloc replaces the dated inputs.
  Strategy own;
  own.id = "own";
  own.policies["west"].instruments["aid"] = 0.2;
  s.strategies.push_back(own);
  EXPECT_NEAR(value(s, run(s, 4, "own"), "revenue_usd_bn", 3), 2.0, 1e-12);
}

// 2. Talks: the leadership attends iff (w_rev + w_rec) v - (w_ideo + w_coh) c (1 + y P)(1 + k(1 -
// r)) > 0.
TEST(MonthSteps, TheRegimeAttendsTalksWhenBeingReceivedIsWorthMoreThanItCosts) {
  Scenario s = small_world();
  s.parameters["talks_value"] = 0.6;
  s.parameters["talks_cost"] = 0.2;
  s.parameters["respect_initial"] = 1.0;  // defiance factor 1
  // Weights 0.25 each: 0.5 * 0.6 = 0.3 against 0.5 * 0.2 = 0.1 without conditions: attends.
  EXPECT_EQ(value(s, run(s), "talks:west", 1), 1.0);
  // Public conditions: 0.1 * (1 + yielding_cost 3) = 0.4 > 0.3: stays away.
  s.blocs[0].baseline->public_conditionality = true;
  s.parameters["yielding_cost"] = 3;
  EXPECT_EQ(value(s, run(s), "talks:west", 1), 0.0);
  // No dialogue offered: nothing to attend.
  s.blocs[0].baseline->public_conditionality = false;
  s.blocs[0].baseline->dialogue = false;
  EXPECT_EQ(value(s, run(s), "talks:west", 1), 0.0);
}

// 3. Respect: + gain * talks share - loss_isolation * (1 - offered) - loss_conditions * P.
TEST(MonthSteps, RespectGrowsWithTalksHeldAndShrinksUnderIsolationAndConditions) {
  Scenario s = small_world();
  s.parameters["respect_initial"] = 0.5;
  s.parameters["respect_gain_dialogue"] = 0.03;
  EXPECT_NEAR(value(s, run(s), "respect", 1), 0.53, 1e-12);  // talks held with the only bloc
  s.blocs[0].baseline->dialogue = false;
  s.parameters["respect_loss_isolation"] = 0.02;
  EXPECT_NEAR(value(s, run(s), "respect", 1), 0.48, 1e-12);
  s.blocs[0].baseline->public_conditionality = true;
  s.parameters["respect_loss_conditionality"] = 0.05;
  EXPECT_NEAR(value(s, run(s), "respect", 1), 0.43, 1e-12);
}

// 4. Revenue: Rev0 + timeline shift + instruments + issue effects.
TEST(MonthSteps, RevenueAddsTheTimelineShiftAndTheEffectsOfThePolicy) {
  Scenario s = small_world();
  s.timeline.push_back(make_entry(TimelineKind::shock, 1, {{"revenue_usd_bn", 0.4}}));
  s.regime->factions[0].weights = UtilityWeights{0, 1, 0, 0};  // ideology only: moves to 80
  s.issues[0].effects["revenue"] = -0.5;  // per unit of the scale above the status quo
  const EngagementRun r = run(s);
  const double moved = r.months[1].policy(0);
  ASSERT_GT(moved, 20.0);
  EXPECT_NEAR(value(s, r, "revenue_usd_bn", 1), 2.0 + 0.4 - 0.5 * (moved - 20.0) / 100.0, 1e-12);
}

// 5. The regime decides: one faction moves adjustment_speed of the way to its best point.
TEST(MonthSteps, TheRegimeMovesPartOfTheWayToItsFactionsBestPoint) {
  Scenario s = small_world();
  s.regime->factions[0].weights = UtilityWeights{0, 1, 0, 0};
  s.parameters["adjustment_speed"] = 0.25;
  const EngagementRun r = run(s, 2);
  EXPECT_NEAR(r.months[1].policy(0), 20 + 0.25 * (80 - 20), 1e-9);
  EXPECT_NEAR(r.months[2].policy(0), 35 + 0.25 * (80 - 35), 1e-9);
}

TEST(MonthSteps, AnAgreementChangesWhatAMoveIsWorthNotWhetherTheRegimeCanMove) {
  Scenario s = small_world();
  s.issues[0].kind = IssueKind::humanitarian;  // decided by the regime, and a track
  s.actors[0].positions["policy"] = 20;        // the faction would stay where it is
  s.regime->factions[0].weights = UtilityWeights{0, 0.5, 0.5, 0};
  s.blocs[0].baseline->tracks = {"policy"};
  s.parameters["track_rate"] = 1;  // agrees in the first month
  s.parameters["respect_initial"] = 1;
  s.parameters["agreement_value"] = 0;
  const double without = run(s, 12).months[12].policy(0);
  EXPECT_NEAR(without, 20, 1e-9);
  s.parameters["agreement_value"] = 5;
  const EngagementRun with = run(s, 12);
  EXPECT_EQ(value(s, with, "agreement:policy", 1), 1.0);
  EXPECT_GT(with.months[12].policy(0), without + 10) << "the deal's terms pull the policy";
}

// 6. Tracks: progress = track_rate * share * (1/2 + respect/2) while the regime attends.
TEST(MonthSteps, TracksAdvanceOnlyWhileTheRegimeTakesPart) {
  Scenario s = small_world();
  s.issues[0].kind = IssueKind::technical;  // needs an agreement
  s.blocs[0].baseline->tracks = {"policy"};
  s.parameters["track_rate"] = 0.2;
  s.parameters["respect_initial"] = 1;
  s.parameters["respect_gain_dialogue"] = 0;
  // Share 1, respect 1: 0.2 a month, agreement in month 5 on the engine's outcome.
  const EngagementRun r = run(s, 6);
  EXPECT_EQ(r.agreement_month[0], 5);
  EXPECT_NEAR(r.months[5].policy(0), (50 * 0.5 * 80 + 40 * 0.5 * 100) / (50 * 0.5 + 40 * 0.5),
              1e-9);
  EXPECT_NEAR(r.months[4].policy(0), 20, 1e-12);
  // The regime stays away: no progress at all.
  s.parameters["talks_value"] = 0;
  EXPECT_EQ(run(s, 12).agreement_month[0], -1);
}

// 7. Cohesion returns toward its start, moves with log revenue; d = rate (1 - C)^2.
TEST(MonthSteps, CohesionReturnsToItsStartAndFollowsRevenueDefectionsFollowCohesion) {
  Scenario s = small_world();
  s.regime->factions[0].weights = UtilityWeights{1, 0, 0, 0};
  s.parameters["revenue_stress"] = 0.05;
  s.parameters["cohesion_recovery"] = 0.1;
  s.parameters["defection_rate"] = 0.2;
  add_instrument(s, "sanctions", InstrumentKind::sanctions, {{"revenue", -1.0}});
  s.timeline.push_back(make_entry(TimelineKind::policy, 1, {{"sanctions", 1.0}}, "west"));
  const EngagementRun r = run(s, 1);
  const double c = 0.8 + 0.05 * std::log(1.0 / 2.0);
  EXPECT_NEAR(value(s, r, "cohesion", 1), c, 1e-12);
  EXPECT_NEAR(value(s, r, "defections", 1), 0.2 * (1 - c) * (1 - c), 1e-12);
}

// 8. Spoiler: + recruitment d + grievance (F/N)(1 - S) - S (regime_ct C ct + partner_ct e).
TEST(MonthSteps, TheSpoilerGrowsFromDefectorsAndHungerAndShrinksUnderCampaigns) {
  Scenario s = small_world();
  s.actors.push_back(make_actor("group", ActorKind::armed_group, 5));
  s.spoiler = Spoiler{};
  s.spoiler->actor = "group";
  s.spoiler->strength = 0.4;
  s.spoiler->recruitment_from_defection = 0.5;
  Issue campaign = make_issue("campaign", IssueKind::security, 60.0);
  campaign.role = "spoiler_campaign";
  campaign.decided_by = IssueControl::agreement;  // held at 60
  s.issues.push_back(campaign);
  s.regime->factions[0].weights = UtilityWeights{1, 0, 0, 0};
  s.parameters["cohesion_recovery"] = 0;
  s.parameters["revenue_stress"] = 0;
  s.parameters["defection_rate"] = 0.1;
  s.parameters["grievance_recruitment"] = 0.02;
  s.parameters["regime_ct_attrition"] = 0.05;
  add_instrument(s, "ct", InstrumentKind::ct_cooperation, {{"spoiler_attrition", 1.0}});
  s.blocs[0].baseline->instruments["ct"] = 0.5;
  s.parameters["partner_ct_attrition"] = 0.04;
  const EngagementRun r = run(s);
  const double d = 0.1 * 0.2 * 0.2, hunger = 10.0 / 40.0;
  const double expected =
      0.4 + 0.5 * d + 0.02 * hunger * 0.6 - 0.4 * (0.05 * 0.8 * 0.6 + 0.04 * 0.5);
  EXPECT_NEAR(value(s, r, "spoiler_strength", 1), expected, 1e-12);
}

// 9. People: a population flow, and food insecurity toward F_none N (1 - relief) season.
TEST(MonthSteps, FoodInsecurityFollowsPopulationAndTheSeason) {
  Scenario s = small_world();
  s.regime->factions[0].weights = UtilityWeights{1, 0, 0, 0};
  s.parameters["food_adjust_months"] = 1;  // reaches its target in a month
  s.parameters["economy_food_relief"] = 0;
  std::vector<double> profile(12, 1.0);
  profile[1] = 1.2;  // February; month 1 of a scenario dated January
  TimelineEntry season = make_entry(TimelineKind::seasonal, 0, {});
  season.variable = "food_insecure_millions";
  season.profile = profile;
  s.timeline.push_back(season);
  s.timeline.push_back(make_entry(TimelineKind::flow, 1, {{"population_millions", 4.0}}));
  const EngagementRun r = run(s);
  EXPECT_NEAR(value(s, r, "population_millions", 1), 44, 1e-12);
  EXPECT_NEAR(value(s, r, "food_insecure_millions", 1), 10.0 / 40.0 * 44.0 * 1.2, 1e-9);
}

// 10. Recognition: a state moves toward what its own policy offers; the rest of its bloc stays.
TEST(MonthSteps, AStatesRecognitionMovesOnlyWithItsOwnPolicy) {
  Scenario s = small_world();
  Actor other = make_actor("neighbour", ActorKind::state, 40);
  other.recognition = 1;
  s.actors.push_back(other);
  s.blocs[0].members.push_back("neighbour");
  Issue recognition = make_issue("recognition", IssueKind::political);
  recognition.role = "recognition";
  s.issues.push_back(recognition);
  add_instrument(s, "recognise", InstrumentKind::recognition, {{"recognition", 1.0}});
  s.timeline.push_back(make_entry(TimelineKind::policy, 1, {{"recognise", 2.0 / 3.0}}, "donor"));
  s.parameters["recognition_speed"] = 0.5;
  const EngagementRun r = run(s, 12);
  EXPECT_EQ(value(s, r, "recognition:neighbour", 12), 1.0);  // kept its step
  EXPECT_EQ(value(s, r, "recognition:donor", 1), 1.0);       // 0 -> 1/3: step 1
  EXPECT_EQ(value(s, r, "recognition:donor", 12), 2.0);      // reaches 2/3
  // The recognition issue reads the states: (40 * 2/3 + 40 * 1/3) / 80 on 0-100.
  EXPECT_NEAR(r.months[12].policy(1), 50.0, 1e-9);
}

}  // namespace
}  // namespace parley
