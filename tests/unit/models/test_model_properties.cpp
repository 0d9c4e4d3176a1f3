// The shared property suite (issue 13, part 7): what every registered model must do to a
// scenario's outcomes when the scenario is changed in a way that should not matter, or should
// matter in a known way. Every model in the registry runs it, so a new model is covered without
// touching this file; a model that lacks a property by design says so in `declared` below and in
// its docs/models/<model>.md, and the suite then checks that the property does fail (so the
// declaration stays true) while the tests further down check what the model does instead.
//
// The scenarios: the case files of tests/data and the shipped Afghanistan scenario, which have
// the ties, shared positions and uneven scales real inputs have, and seeded generated ones, which
// have actors missing from some issues and scales far from 0-100.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

// Outcomes that should be equal may differ by the rounding of sums taken in another order or on
// another scale (about 1e-16 of the range per operation), which the models with rounds carry
// from round to round: the largest such difference in the checks below is 5.4e-13 of the
// issue's range (compromise on a rescaled scale, where b reaches 1000 while the range shrinks
// towards 1). A different decision inside a model (another exchange, offer or bargain) moved an
// outcome by 8e-5 of the range or more in every failure seen while building this suite. 1e-9
// of the range lies between the two with room on both sides.
constexpr double tolerance = 1e-9;

// A change counts as real when it is far beyond rounding: used to confirm that a property a
// model declares it lacks does fail somewhere.
constexpr double real_change = 1e-6;

struct Case {
  std::string name;
  Scenario scenario;
};

Scenario generated(unsigned seed) {
  std::mt19937 draw(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Scenario s;
  s.meta.name = "generated-" + std::to_string(seed);
  const unsigned issues = 1 + draw() % 4, actors = 3 + draw() % 10;
  for (unsigned i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "issue" + std::to_string(i);
    issue.scale_min = -50.0 * i;
    issue.scale_max = 100.0 + 10.0 * i;
    s.issues.push_back(issue);
  }
  for (unsigned a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = 100 * unit(draw);
    for (const Issue& issue : s.issues) {
      // Actors 2 and up sit out an issue now and then; 0 and 1 always take part.
      if (a > 1 && unit(draw) < 0.15) continue;
      actor.positions[issue.id] =
          issue.scale_min + (issue.scale_max - issue.scale_min) * unit(draw);
      actor.salience[issue.id] = 100 * unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<Case> out;
    const fs::path data = PARLEY_TEST_DATA_DIR;
    // decide's three exchange cases, BDM's EC case (France and Italy identical), KTAB samples
    // (two identical actors in SOE-Competitive; positions that end in chains 0.01 apart in
    // SOE-Policy), the engagement test case and a two-actor minimum.
    for (const char* file :
         {"exchange/sample_data.txt", "import/copenhagen.csv", "import/cop21.csv",
          "bdm/ec-emissions-1994.csv", "ktab/inputs/dummyData_3Dim.csv",
          "ktab/inputs/SOE-Policy.csv", "ktab/inputs/SOE-Competitive.csv",
          "engagement/leverage.yaml", "valid/minimal.yaml"}) {
      out.push_back({file, load_scenario_file(data / file)});
    }
    out.push_back({"afghanistan-2024.yaml", test::shipped_scenario("afghanistan-2024.yaml")});
    for (unsigned seed = 1; seed <= 12; ++seed) {
      out.push_back({"generated-" + std::to_string(seed), generated(seed)});
    }
    return out;
  }();
  return all;
}

double range(const Issue& issue) { return issue.scale_max - issue.scale_min; }

// Largest |after_d - map_d(before_d)| over the issues, as a share of the issue's range in
// `after`'s scenario.
double largest_change(const Forecast& before, const Forecast& after, const Scenario& s,
                      const std::function<double(std::size_t, double)>& map) {
  double largest = 0.0;
  for (std::size_t d = 0; d < s.issues.size(); ++d) {
    const double expected = map(d, before.issues.at(d).outcome);
    largest =
        std::max(largest, std::abs(after.issues.at(d).outcome - expected) / range(s.issues[d]));
  }
  return largest;
}

double largest_change(const Forecast& before, const Forecast& after, const Scenario& s) {
  return largest_change(before, after, s, [](std::size_t, double x) { return x; });
}

// What each model declares about properties 3 to 5; a model not listed has all three. The
// reasons are in docs/models/<model>.md, and the tests named there check what it does instead.
struct Declared {
  bool zero_salience_actor_changes_nothing = true;
  bool split_actor_changes_nothing = true;
  // The status quo counts as a position of the issue's hull when some actor has no position on
  // the issue (property 5).
  bool absent_actors_hold_the_status_quo = false;
};

Declared declared(const std::string& model) {
  // eum: every actor is a player whatever its salience: it enters the others' security levels
  // (so their risk exponents) and the pairs over which scholz probabilities are normalised, and a
  // split actor is two players (eum.md, "Actors without salience, and split actors").
  if (model == "eum") return {false, false, false};
  // exchange: a split actor trades as two partners with half the weight each (exchange.md,
  // "Split actors").
  if (model == "exchange") return {true, false, false};
  // smp: an actor without salience still votes in every election and its position is one of
  // the options; a split actor is two weaker principals; an actor absent from an issue sits at
  // its status quo in that dimension (smp.md, "Actors without salience, split actors and absent
  // actors").
  if (model == "smp") return {false, false, true};
  return {};
}

// Property 5, checked on every forecast the suite makes: each issue's outcome within
// [min, max] of the positions of the actors that take part in it.
void expect_within_hull(const Forecast& f, const Scenario& s, const Declared& model,
                        const std::string& what) {
  ASSERT_EQ(f.issues.size(), s.issues.size()) << what;
  for (std::size_t d = 0; d < s.issues.size(); ++d) {
    const Issue& issue = s.issues[d];
    double low = HUGE_VAL, high = -HUGE_VAL;
    bool someone_absent = false;
    for (const Actor& actor : s.actors) {
      const auto at = actor.positions.find(issue.id);
      someone_absent = someone_absent || at == actor.positions.end();
      if (at == actor.positions.end()) continue;
      low = std::min(low, at->second);
      high = std::max(high, at->second);
    }
    if (low > high) continue;  // nobody takes part: the status quo, no hull
    if (someone_absent && model.absent_actors_hold_the_status_quo) {
      const double status_quo =
          issue.status_quo.value_or(0.5 * (issue.scale_min + issue.scale_max));
      low = std::min(low, status_quo);
      high = std::max(high, status_quo);
    }
    const double slack = tolerance * range(issue);
    EXPECT_GE(f.issues[d].outcome, low - slack) << what << ", issue " << issue.id;
    EXPECT_LE(f.issues[d].outcome, high + slack) << what << ", issue " << issue.id;
  }
}

Forecast run(const std::string& spec, const Scenario& s, const std::string& what) {
  Forecast f = make_model(spec)->forecast(s);
  expect_within_hull(f, s, declared(model_info(spec).name), spec + " on " + what);
  return f;
}

// The same actors in another order: a seeded Fisher-Yates shuffle (its own, so that the orders
// do not depend on the standard library's shuffle).
Scenario permuted(const Scenario& s, unsigned seed) {
  std::mt19937 draw(seed);
  Scenario out = s;
  for (std::size_t i = out.actors.size(); i > 1; --i)
    std::swap(out.actors[i - 1], out.actors[draw() % i]);
  return out;
}

// Every issue d rescaled by x -> a_d x + b_d (a_d > 0): its scale, status quo and every position.
struct Rescaled {
  Scenario scenario;
  std::vector<double> a, b;
};

Rescaled rescaled(const Scenario& s, unsigned seed) {
  std::mt19937 draw(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Rescaled out{s, {}, {}};
  for (Issue& issue : out.scenario.issues) {
    const double a = std::pow(10.0, -2.0 + 4.0 * unit(draw));  // 0.01 to 100
    const double b = -1000.0 + 2000.0 * unit(draw);
    issue.scale_min = a * issue.scale_min + b;
    issue.scale_max = a * issue.scale_max + b;
    if (issue.status_quo) issue.status_quo = a * *issue.status_quo + b;
    for (Actor& actor : out.scenario.actors) {
      const auto at = actor.positions.find(issue.id);
      if (at != actor.positions.end()) at->second = a * at->second + b;
    }
    out.a.push_back(a);
    out.b.push_back(b);
  }
  return out;
}

// One more actor, with salience 0 on every issue, a capability and positions drawn from `seed`,
// listed at a drawn place.
Scenario with_zero_salience_actor(const Scenario& s, unsigned seed) {
  std::mt19937 draw(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Actor actor;
  actor.id = "zero_salience";
  actor.capability = 1.0 + 99.0 * unit(draw);
  for (const Issue& issue : s.issues) {
    actor.positions[issue.id] = issue.scale_min + range(issue) * unit(draw);
    actor.salience[issue.id] = 0.0;
  }
  Scenario out = s;
  out.actors.insert(
      out.actors.begin() + static_cast<std::ptrdiff_t>(draw() % (s.actors.size() + 1)), actor);
  return out;
}

// Actor `k` replaced by two copies, each with half its capability, the copy listed right after
// it.
Scenario split(const Scenario& s, std::size_t k) {
  Scenario out = s;
  out.actors[k].capability /= 2.0;
  Actor copy = out.actors[k];
  copy.id += "_copy";
  out.actors.insert(out.actors.begin() + static_cast<std::ptrdiff_t>(k) + 1, copy);
  return out;
}

std::size_t split_actor(const Scenario& s, unsigned seed) {
  std::mt19937 draw(seed);
  return draw() % s.actors.size();
}

class ModelProperty : public ::testing::TestWithParam<std::string> {};

// Property 1. Exchange sorts its actors by id and smp takes ties (within 1e-12) to the first
// listed, so with every model the order of the actors changes nothing beyond rounding. Under
// the registered defaults no model draws random numbers; the drawing variants are checked in
// StochasticModels below.
TEST_P(ModelProperty, ReorderingTheActorsChangesNoOutcome) {
  for (const Case& c : cases()) {
    const Forecast base = run(GetParam(), c.scenario, c.name);
    for (unsigned seed = 1; seed <= 4; ++seed) {
      const Scenario other = permuted(c.scenario, seed);
      const Forecast f = run(GetParam(), other, c.name + " permuted");
      EXPECT_LE(largest_change(base, f, c.scenario), tolerance) << c.name << ", order " << seed;
    }
  }
}

// Property 2: every issue's scale mapped by its own x -> a x + b maps its outcome the same way
// and leaves the other issues' outcomes where they were.
TEST_P(ModelProperty, RescalingAnIssueMapsItsOutcome) {
  for (const Case& c : cases()) {
    const Forecast base = run(GetParam(), c.scenario, c.name);
    for (unsigned seed = 1; seed <= 2; ++seed) {
      const Rescaled r = rescaled(c.scenario, seed);
      const Forecast f = run(GetParam(), r.scenario, c.name + " rescaled");
      EXPECT_LE(largest_change(base, f, r.scenario,
                               [&](std::size_t d, double x) { return r.a[d] * x + r.b[d]; }),
                tolerance)
          << c.name << ", scales " << seed;
    }
  }
}

// Property 3: an actor with zero salience on every issue.
TEST_P(ModelProperty, AnActorWithoutSalienceChangesNoOutcome) {
  double largest = 0.0;
  for (const Case& c : cases()) {
    const Forecast base = run(GetParam(), c.scenario, c.name);
    const Scenario more = with_zero_salience_actor(c.scenario, 7);
    const double change =
        largest_change(base, run(GetParam(), more, c.name + " + zero salience"), c.scenario);
    if (declared(GetParam()).zero_salience_actor_changes_nothing) {
      EXPECT_LE(change, tolerance) << c.name;
    }
    largest = std::max(largest, change);
  }
  if (!declared(GetParam()).zero_salience_actor_changes_nothing) {
    EXPECT_GT(largest, real_change) << "declared to change outcomes, but changed none";
  }
}

// Property 4: an actor split into two copies with half its capability each. A weighted mean or
// median of capability x salience weights cannot tell the two apart from the one.
TEST_P(ModelProperty, SplittingAnActorInTwoHalvesChangesNoOutcome) {
  double largest = 0.0;
  for (const Case& c : cases()) {
    const Forecast base = run(GetParam(), c.scenario, c.name);
    const Scenario two = split(c.scenario, split_actor(c.scenario, 3));
    const double change = largest_change(base, run(GetParam(), two, c.name + " split"), c.scenario);
    if (declared(GetParam()).split_actor_changes_nothing) {
      EXPECT_LE(change, tolerance) << c.name;
    }
    largest = std::max(largest, change);
  }
  if (!declared(GetParam()).split_actor_changes_nothing) {
    EXPECT_GT(largest, real_change) << "declared to change outcomes, but changed none";
  }
}

using test::registered_models;

INSTANTIATE_TEST_SUITE_P(Registry, ModelProperty, ::testing::ValuesIn(registered_models()),
                         [](const auto& info) { return info.param; });

// ---------------------------------------------------------------------------------------------
// Property 1 for the models that draw random numbers (ModelInfo::stochastic). Their defaults draw
// nothing, so the suite above compares deterministic runs; here each says how to make it draw
// and whether its draws follow the actors' ids (then a seed gives the same outcomes in any
// order) or the order in which the actors are listed (then a seed's run changes with the order,
// but the distribution of outcomes over seeds must not).

struct Draws {
  std::string spec;  // a spec that draws, to be followed by "seed=N)"
  bool follow_ids = false;
};

std::optional<Draws> draws_of(const std::string& model) {
  // Candidates are built and evaluated in actor-id order and ties drawn among in key order
  // (exchange.md, "Ties"), so every draw lands on the same candidate whatever the file order.
  if (model == "exchange") return Draws{"exchange(tie_break=random,solution=random,p=0.5,", true};
  // One draw per bargaining queue, in actor order (smp.md, "One turn").
  if (model == "smp") return Draws{"smp(transitions=stochastic,", false};
  return std::nullopt;
}

std::vector<double> first_outcomes(const Draws& draws, const Scenario& s, unsigned seeds) {
  std::vector<double> out;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    const std::string spec = draws.spec + "seed=" + std::to_string(seed) + ")";
    out.push_back(make_model(spec)->forecast(s).issues.at(0).outcome);
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double variance(const std::vector<double>& v) {
  const double m = mean(v);
  double sum = 0.0;
  for (double x : v) sum += (x - m) * (x - m);
  return sum / static_cast<double>(v.size() - 1);
}

void expect_draws_follow_ids(const Draws& draws, const Case& c) {
  const Scenario other = permuted(c.scenario, 5);
  for (unsigned seed = 1; seed <= 4; ++seed) {
    const std::string spec = draws.spec + "seed=" + std::to_string(seed) + ")";
    EXPECT_LE(largest_change(make_model(spec)->forecast(c.scenario),
                             make_model(spec)->forecast(other), c.scenario),
              tolerance)
        << spec << " on " << c.name;
  }
}

// 48 seeds in each order: the two means of the first issue's outcome must agree within 4
// standard errors of their difference (a true difference of 0 exceeds that with probability
// 6e-5; the seeds are fixed, so the test is deterministic). Measured |z| on these cases: 1.1 at
// most.
void expect_same_distribution(const Draws& draws, const Case& c) {
  constexpr unsigned seeds = 48;
  const std::vector<double> a = first_outcomes(draws, c.scenario, seeds);
  const std::vector<double> b = first_outcomes(draws, permuted(c.scenario, 5), seeds);
  const double standard_error = std::sqrt((variance(a) + variance(b)) / seeds);
  EXPECT_LE(std::abs(mean(a) - mean(b)), 4.0 * standard_error + tolerance) << c.name;
}

TEST(StochasticModels, ReorderingTheActorsKeepsTheDistributionOfOutcomes) {
  for (const ModelEntry& e : model_registry()) {
    if (!e.info.stochastic) continue;
    const std::optional<Draws> draws = draws_of(e.info.name);
    if (!draws) {
      ADD_FAILURE() << e.info.name << " may draw random numbers: say in draws_of() how to make it "
                    << "draw and whether its draws follow the actors' ids or their order";
      continue;
    }
    for (const Case& c : cases()) {
      if (c.name != "exchange/sample_data.txt" && c.name != "import/copenhagen.csv" &&
          c.name != "ktab/inputs/dummyData_3Dim.csv" && c.name != "generated-3") {
        continue;
      }
      // The spec must draw, or the comparisons below would compare deterministic runs.
      const std::vector<double> outcomes = first_outcomes(*draws, c.scenario, 6);
      EXPECT_GT(*std::max_element(outcomes.begin(), outcomes.end()) -
                    *std::min_element(outcomes.begin(), outcomes.end()),
                real_change * range(c.scenario.issues[0]))
          << draws->spec << " draws nothing on " << c.name;
      if (draws->follow_ids) {
        expect_draws_follow_ids(*draws, c);
      } else {
        expect_same_distribution(*draws, c);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What the models that lack property 3 or 4 do instead (docs/models/<model>.md).

// Where scenario actor `k` is among an issue forecast's actors, if it takes part.
std::optional<std::size_t> local_index(const IssueForecast& issue, std::size_t k) {
  const auto at = std::find(issue.actors.begin(), issue.actors.end(), k);
  if (at == issue.actors.end()) return std::nullopt;
  return static_cast<std::size_t>(at - issue.actors.begin());
}

// The index of the actor with_zero_salience_actor() added.
std::size_t zero_salience_index(const Scenario& s) {
  for (std::size_t k = 0; k < s.actors.size(); ++k) {
    if (s.actors[k].id == "zero_salience") return k;
  }
  ADD_FAILURE() << "no zero_salience actor";
  return 0;
}

void expect_same_forecast(const Forecast& a, const Forecast& b, const std::string& what) {
  ASSERT_EQ(a.issues.size(), b.issues.size()) << what;
  for (std::size_t d = 0; d < a.issues.size(); ++d) {
    EXPECT_EQ(a.issues[d].outcome, b.issues[d].outcome) << what;
    EXPECT_EQ(a.issues[d].positions, b.issues[d].positions) << what;
  }
}

// An actor without salience casts no vote (c s = 0): its capability plays no part at all, and
// before any round, when only votes count, it changes nothing. It still changes later rounds
// through its position, as eum.md and smp.md explain; AnActorWithoutSalienceChangesNoOutcome
// checks that it does.
TEST(ActorWithoutSalience, ItsCapabilityPlaysNoPart) {
  for (const char* model : {"eum", "smp"}) {
    for (const Case& c : cases()) {
      Scenario more = with_zero_salience_actor(c.scenario, 7);
      const Forecast base = run(model, more, c.name);
      more.actors[zero_salience_index(more)].capability *= 1000.0;
      expect_same_forecast(base, run(model, more, c.name), std::string(model) + " on " + c.name);
    }
  }
}

TEST(ActorWithoutSalience, ChangesNoEumOutcomeBeforeTheFirstRound) {
  for (const Case& c : cases()) {
    const Scenario more = with_zero_salience_actor(c.scenario, 7);
    EXPECT_LE(largest_change(run("eum(rounds=0)", c.scenario, c.name),
                             run("eum(rounds=0)", more, c.name), c.scenario),
              tolerance)
        << c.name;
  }
}

// In smp it never challenges anyone: every position is at distance 0 from it, so no challenge
// can gain it anything.
TEST(ActorWithoutSalience, NeverMakesAnSmpBargain) {
  for (const Case& c : cases()) {
    const Scenario more = with_zero_salience_actor(c.scenario, 7);
    const std::size_t k = zero_salience_index(more);
    const Forecast f = run("smp", more, c.name);
    for (const IssueForecast& issue : f.issues) {
      const std::optional<std::size_t> me = local_index(issue, k);
      ASSERT_TRUE(me) << c.name;
      for (const RoundSummary& turn : issue.round_summaries) {
        for (const Offer& offer : turn.offers) EXPECT_NE(offer.from, *me) << c.name;
      }
    }
  }
}

// eum: the two copies of a split actor face the same offers and take the same one, so they hold
// one position in every round; and before the first round, only their votes count, which add
// up to the actor's. exchange likewise before its first round.
TEST(SplitActor, EumCopiesMoveTogether) {
  for (const Case& c : cases()) {
    const std::size_t k = split_actor(c.scenario, 3);
    const Scenario two = split(c.scenario, k);
    const Forecast f = run("eum", two, c.name);
    for (const IssueForecast& issue : f.issues) {
      const std::optional<std::size_t> first = local_index(issue, k);
      if (!first) continue;
      for (const auto& round : issue.positions) {
        EXPECT_EQ(round[*first], round[*first + 1]) << c.name << ", issue " << issue.issue_id;
      }
    }
    for (const char* spec : {"eum(rounds=0)", "exchange(rounds=0)"}) {
      EXPECT_LE(largest_change(run(spec, c.scenario, c.name), run(spec, two, c.name), c.scenario),
                tolerance)
          << spec << " on " << c.name;
    }
  }
}

// smp: the copies are identical, so whoever would challenge one finds the other exactly as
// attractive; ties go to the first listed (smp.md, "One turn"), so in the first turn no
// bargain is offered to the second copy by anyone but the first.
TEST(SplitActor, SmpChallengersPickTheFirstCopy) {
  for (const Case& c : cases()) {
    const std::size_t k = split_actor(c.scenario, 3);
    const Forecast f = run("smp(rounds=1)", split(c.scenario, k), c.name);
    for (const IssueForecast& issue : f.issues) {
      const std::optional<std::size_t> first = local_index(issue, k);
      if (!first || issue.round_summaries.size() < 2) continue;
      for (const Offer& offer : issue.round_summaries[1].offers) {
        if (offer.from != *first) {
          EXPECT_NE(offer.to, *first + 1) << c.name;
        }
      }
    }
  }
}

Scenario two_issues() {
  Scenario s;
  s.meta.name = "split exchange";
  for (const char* id : {"p", "q"}) {
    Issue issue;
    issue.id = id;
    s.issues.push_back(issue);
  }
  return s;
}

Actor trader(const std::string& id, double capability, double x, double s_p, double s_q) {
  Actor a;
  a.id = id;
  a.capability = capability;
  a.positions = {{"p", x}, {"q", x}};
  a.salience = {{"p", s_p}, {"q", s_q}};
  return a;
}

struct Trade {
  std::string supplier_i;
  double gain;
};

std::vector<Trade> trades(const Forecast& f, const Scenario& s) {
  std::vector<Trade> out;
  for (const RealisedExchange& e : f.exchange_rounds.at(0).exchanges) {
    out.push_back({s.actors[e.actor_i].id, e.gain_i});
  }
  return out;
}

// exchange.md, "Split actors", worked by hand. a (at 100 on p and q, saliences 0.8 and 0.2,
// capability 1) and b (at 0, saliences 0.2 and 0.8) make one trade: b moves to 100 on p, a to 0
// on q, each outcome shifting by 20 (gain 0.8 x 20 - 0.2 x 20 = 12 each). Split into two halves,
// a's first copy can shift q by only 10 (it moves all the way), so b moves half way on p (gain
// 6); the second copy buys the rest (gain 6). Same outcomes, 100 on p and 0 on q.
TEST(SplitActor, ExchangeCopiesTogetherBuyWhatTheActorBuys) {
  Scenario one = two_issues();
  one.actors = {trader("a", 1.0, 100.0, 80.0, 20.0), trader("b", 1.0, 0.0, 20.0, 80.0)};
  const Scenario two = split(one, 0);
  const Forecast whole = run("exchange(rounds=1)", one, "split exchange");
  const Forecast halves = run("exchange(rounds=1)", two, "split exchange");
  ASSERT_EQ(trades(whole, one).size(), 1u);
  EXPECT_NEAR(trades(whole, one)[0].gain, 12.0, 1e-12);
  ASSERT_EQ(trades(halves, two).size(), 2u);
  EXPECT_EQ(trades(halves, two)[0].supplier_i, "a");
  EXPECT_NEAR(trades(halves, two)[0].gain, 6.0, 1e-12);
  EXPECT_EQ(trades(halves, two)[1].supplier_i, "a_copy");
  EXPECT_NEAR(trades(halves, two)[1].gain, 6.0, 1e-12);
  for (const Forecast* f : {&whole, &halves}) {
    EXPECT_NEAR(f->issues[0].outcome, 100.0, 1e-9);
    EXPECT_NEAR(f->issues[1].outcome, 0.0, 1e-9);
  }
}

// With a rival c (at 100, saliences 0.7 and 0.3) the order changes. Whole, a's trade with b is
// the best (gain 7.0588) and q ends at 26.70; split, each copy's trade is worth less than c's
// with b (5.3476), which goes first and takes b's vote on p to 100, leaving the copies nothing
// to buy: q ends at 28.84.
TEST(SplitActor, ExchangeCopiesCanLoseTheirTurnToARival) {
  Scenario one = two_issues();
  one.actors = {trader("a", 1.0, 100.0, 80.0, 20.0), trader("b", 1.0, 0.0, 20.0, 80.0),
                trader("c", 1.0, 100.0, 70.0, 30.0)};
  const Scenario two = split(one, 0);
  const Forecast whole = run("exchange(rounds=1)", one, "split exchange, rival");
  const Forecast halves = run("exchange(rounds=1)", two, "split exchange, rival");
  ASSERT_EQ(trades(whole, one).size(), 1u);
  EXPECT_EQ(trades(whole, one)[0].supplier_i, "a");
  EXPECT_NEAR(trades(whole, one)[0].gain, 7.0588, 5e-5);
  EXPECT_NEAR(whole.issues[1].outcome, 26.70, 5e-3);
  ASSERT_EQ(trades(halves, two).size(), 1u);
  EXPECT_EQ(trades(halves, two)[0].supplier_i, "c");
  EXPECT_NEAR(trades(halves, two)[0].gain, 5.3476, 5e-5);
  EXPECT_NEAR(halves.issues[1].outcome, 28.84, 5e-3);
  EXPECT_NEAR(whole.issues[0].outcome, 100.0, 1e-9);
  EXPECT_NEAR(halves.issues[0].outcome, 100.0, 1e-9);
}

}  // namespace
}  // namespace parley
