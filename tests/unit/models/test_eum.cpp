// eum: the EC emission-standards case of Scholz, Calbert & Smith (2011) and of two public
// re-implementations, the vote table against a direct sum, the options, degenerate input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "models/eum/probability.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

const std::filesystem::path ec_file =
    std::filesystem::path(PARLEY_TEST_DATA_DIR) / "bdm" / "ec-emissions-1994.csv";

const Scenario& ec_case() {
  static const Scenario scenario = load_scenario_file(ec_file);
  return scenario;
}

IssueForecast ec_forecast(const std::string& spec) {
  Forecast forecast = make_model(spec)->forecast(ec_case());
  return forecast.issues.at(0);
}

// Local index (into IssueForecast::actors) of the EC actor named `name`.
std::size_t ec_actor(const IssueForecast& issue, const std::string& name) {
  for (std::size_t k = 0; k < issue.actors.size(); ++k) {
    if (ec_case().actors[issue.actors[k]].name == name) return k;
  }
  ADD_FAILURE() << "no actor " << name;
  return 0;
}

const std::vector<double>& series(const RoundSummary& round, const std::string& name) {
  for (const ActorSeries& s : round.series) {
    if (s.name == name) return s.values;
  }
  static const std::vector<double> none;
  ADD_FAILURE() << "no series " << name;
  return none;
}

TEST(EumEcCase, LoadsAsOneIssueWithSalienceAsProbability) {
  const Scenario& s = ec_case();
  ASSERT_EQ(s.actors.size(), 10u);
  ASSERT_EQ(s.issues.size(), 1u);
  const IssueInput input = issue_inputs(s).at(0);
  EXPECT_DOUBLE_EQ(input.salience[0], 0.8);     // Netherlands, 80 in the file
  EXPECT_DOUBLE_EQ(input.capability[6], 0.16);  // UK
}

// Scholz et al. (2011) Table 2 (Q = 1.0): median and mean voter position after each round.
constexpr double published_median[] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
constexpr double published_mean[] = {7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6};

TEST(EumEcCase, PublishedMediansTruncatedToOneDecimalInRoundsOneAndThreeToEight) {
  const IssueForecast f = ec_forecast("eum(rounds=8)");
  ASSERT_EQ(f.round_summaries.size(), 9u);
  for (int round = 1; round <= 8; ++round) {
    if (round == 2) continue;  // published 9.9; both re-implementations and parley give 9.61
    const double median = f.round_summaries[round].median;
    const long tenths = static_cast<long>(std::floor(median * 10.0));
    EXPECT_EQ(tenths, std::lround(published_median[round - 1] * 10.0))
        << "round " << round << ": median " << median;
  }
}

TEST(EumEcCase, RoundTwoMedianIsBelgiumsCompromiseNotThePublishedValue) {
  // Documented discrepancy (docs/models/eum.md): in round 2 Belgium compromises with France to
  // 9.6109 and becomes the median; Table 2 prints 9.9.
  const IssueForecast f = ec_forecast("eum(rounds=2)");
  EXPECT_NEAR(f.round_summaries[2].median, 9.610859, 1e-6);
  EXPECT_EQ(f.round_summaries[2].median, f.positions[2][ec_actor(f, "Belgium")]);
}

TEST(EumEcCase, PublishedMeansWithinOneTenthInEveryRound) {
  const IssueForecast f = ec_forecast("eum(rounds=8)");
  for (int round = 1; round <= 8; ++round) {
    EXPECT_NEAR(f.round_summaries[round].mean, published_mean[round - 1], 0.1) << "round " << round;
  }
}

// Per-round median and capability x salience weighted mean of a public re-implementation
// (simultaneous risk update, Q = 1.0), rounds 0-10; tests/data/bdm/PROVENANCE.md.
constexpr double reimplementation_median[] = {7.0,      8.415932, 9.610859, 9.961980,
                                              9.961980, 9.961980, 7.472046, 8.824594,
                                              9.671130, 9.671130, 7.0};
constexpr double reimplementation_mean[] = {7.38996,  7.461314, 7.552501, 7.590145,
                                            7.358131, 7.349174, 7.414878, 7.510457,
                                            7.572447, 7.324989, 7.242131};

void expect_reimplementation_figures(const std::string& spec) {
  const IssueForecast f = ec_forecast(spec);
  ASSERT_EQ(f.rounds, 10) << spec;
  ASSERT_EQ(f.round_summaries.size(), 11u) << spec;
  for (int round = 0; round <= 10; ++round) {
    EXPECT_NEAR(f.round_summaries[round].median, reimplementation_median[round], 1e-4)
        << spec << " round " << round;
    EXPECT_NEAR(f.round_summaries[round].mean, reimplementation_mean[round], 1e-4)
        << spec << " round " << round;
  }
  EXPECT_FALSE(f.converged) << "the forecast cycles";
  EXPECT_EQ(f.outcome, f.round_summaries[10].median);
}

TEST(EumEcCase, ReimplementationFiguresToOneTenThousandthUnderTheScholzProfile) {
  expect_reimplementation_figures("eum");
  expect_reimplementation_figures("eum(profile=scholz,rounds=10)");
}

TEST(EumEcCase, CapitulationOffersDoNotChangeTheEcCase) {
  // One re-implementation never makes capitulation offers (its test cannot be true); on this
  // input every actor offered one also has a better offer, so both readings agree.
  expect_reimplementation_figures("eum(capitulation=off)");
  const IssueForecast on = ec_forecast("eum");
  const IssueForecast off = ec_forecast("eum(capitulation=off)");
  EXPECT_EQ(on.positions, off.positions);
  std::size_t capitulations = 0;
  for (const Offer& o : on.round_summaries[1].offers) {
    capitulations += o.kind == OfferKind::capitulation;
    EXPECT_FALSE(o.kind == OfferKind::capitulation && o.accepted);
  }
  EXPECT_GT(capitulations, 0u);
}

TEST(EumEcCase, RoundOneMoves) {
  const IssueForecast f = ec_forecast("eum(rounds=1)");
  const std::size_t belgium = ec_actor(f, "Belgium"), france = ec_actor(f, "France");
  const std::size_t luxembourg = ec_actor(f, "Luxembourg"), ireland = ec_actor(f, "Ireland");
  struct Move {
    std::size_t to, from;
    OfferKind kind;
    double position;
  };
  const Move expected[] = {{belgium, france, OfferKind::compromise, 8.4159},
                           {luxembourg, belgium, OfferKind::conflict, 7.0},
                           {ireland, luxembourg, OfferKind::conflict, 4.0}};
  std::size_t accepted = 0;
  for (const Offer& o : f.round_summaries[1].offers) accepted += o.accepted;
  EXPECT_EQ(accepted, 3u);
  for (const Move& move : expected) {
    auto found =
        std::find_if(f.round_summaries[1].offers.begin(), f.round_summaries[1].offers.end(),
                     [&](const Offer& o) { return o.accepted && o.to == move.to; });
    ASSERT_NE(found, f.round_summaries[1].offers.end());
    EXPECT_EQ(found->from, move.from);
    EXPECT_EQ(found->kind, move.kind);
    EXPECT_NEAR(found->position, move.position, 5e-5);  // printed to 4 decimals
    EXPECT_EQ(f.positions[1][move.to], found->position);
  }
  for (std::size_t k = 0; k < f.actors.size(); ++k) {
    if (k == belgium || k == luxembourg || k == ireland) continue;
    EXPECT_EQ(f.positions[1][k], f.positions[0][k]) << "actor " << k << " should not move";
  }
}

TEST(EumEcCase, RoundOneRiskExponents) {
  const IssueForecast f = ec_forecast("eum(rounds=1)");
  const std::pair<const char*, double> expected[] = {
      {"Netherlands", 1.4057}, {"Belgium", 0.7542}, {"Luxembourg", 0.5089}, {"Germany", 1.4057},
      {"France", 1.0465},      {"Italy", 1.0465},   {"UK", 1.9649},         {"Ireland", 0.5000},
      {"Denmark", 2.0000},     {"Greece", 1.1121}};
  const std::vector<double>& risk = series(f.round_summaries[1], "risk");
  ASSERT_EQ(risk.size(), 10u);
  for (const auto& [name, r] : expected) {
    EXPECT_NEAR(risk[ec_actor(f, name)], r, 5e-5) << name;  // printed to 4 decimals
  }
}

TEST(EumEcCase, SequentialRiskUpdateMatchesTheOrderDependentReimplementation) {
  // Round-1 exponents when each actor's r is updated in turn (file order) and later actors'
  // votes use the earlier ones' new r, as one public re-implementation does; measured by running
  // it. The README calls the change "the 4th decimal"; Greece, updated last, moves by 0.0017.
  const IssueForecast f = ec_forecast("eum(rounds=1,risk_update=sequential)");
  const double expected[] = {1.405653, 0.754252, 0.508850, 1.405645, 1.046216,
                             1.046231, 1.964168, 0.500000, 2.000000, 1.113827};
  const std::vector<double>& risk = series(f.round_summaries[1], "risk");
  ASSERT_EQ(risk.size(), 10u);
  for (std::size_t k = 0; k < 10; ++k) EXPECT_NEAR(risk[k], expected[k], 5e-7) << k;
  EXPECT_NEAR(f.round_summaries[1].median, 8.416178, 5e-7);
}

TEST(EumEcCase, PaperLiteralMedianStaysAtSeven) {
  const IssueForecast f = ec_forecast("eum(profile=paper-literal)");
  for (const RoundSummary& round : f.round_summaries) EXPECT_EQ(round.median, 7.0);
  EXPECT_EQ(f.outcome, 7.0);
  // Everyone ends at 7: a fixed point, reached before the 10 rounds asked for.
  EXPECT_TRUE(f.converged);
  EXPECT_LT(f.rounds, 10);
  EXPECT_EQ(f.positions[f.rounds], f.positions[f.rounds - 1]);
}

TEST(EumEcCase, OfferLogAcceptedKeepsOnlyTheMoves) {
  const IssueForecast all = ec_forecast("eum");
  const IssueForecast accepted = ec_forecast("eum(offers=accepted)");
  EXPECT_EQ(all.positions, accepted.positions);
  for (std::size_t r = 1; r < all.round_summaries.size(); ++r) {
    std::vector<Offer> taken;
    for (const Offer& o : all.round_summaries[r].offers) {
      if (o.accepted) taken.push_back(o);
    }
    ASSERT_EQ(taken.size(), accepted.round_summaries[r].offers.size());
    for (std::size_t k = 0; k < taken.size(); ++k) {
      EXPECT_EQ(taken[k].from, accepted.round_summaries[r].offers[k].from);
      EXPECT_EQ(taken[k].to, accepted.round_summaries[r].offers[k].to);
      EXPECT_TRUE(accepted.round_summaries[r].offers[k].accepted);
    }
  }
}

TEST(EumEcCase, EachActorAcceptsAtMostOneOfferAndMovesToIt) {
  const IssueForecast f = ec_forecast("eum");
  for (std::size_t r = 1; r < f.round_summaries.size(); ++r) {
    std::vector<int> taken(f.actors.size(), 0);
    for (const Offer& o : f.round_summaries[r].offers) {
      EXPECT_NE(o.from, o.to);
      if (!o.accepted) continue;
      ++taken[o.to];
      EXPECT_EQ(f.positions[r][o.to], o.position);
    }
    for (std::size_t k = 0; k < taken.size(); ++k) {
      EXPECT_LE(taken[k], 1);
      if (taken[k] == 0) {
        EXPECT_EQ(f.positions[r][k], f.positions[r - 1][k]);
      }
    }
  }
}

// --- threads -----------------------------------------------------------------------------

// From 64 actors on, the per-actor loops of a round run on the thread pool: nothing a run
// reports may depend on it.
TEST(EumThreads, ThreadCountDoesNotChangeTheRun) {
  const Scenario s = load_scenario_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "ktab" /
                                        "more-inputs" / "dummyData-a080.csv");
  for (const char* spec : {"eum(rounds=20)", "eum(profile=paper-literal,rounds=20)",
                           "eum(risk_update=sequential,rounds=3)"}) {
    const IssueForecast one = test::forecast_on_threads(spec, s, 1).issues.at(0);
    const IssueForecast two = test::forecast_on_threads(spec, s, 2).issues.at(0);
    EXPECT_EQ(one.positions, two.positions) << spec;  // bit-identical
    ASSERT_EQ(one.round_summaries.size(), two.round_summaries.size()) << spec;
    std::size_t offers = 0;
    for (std::size_t r = 0; r < one.round_summaries.size(); ++r) {
      const auto& a = one.round_summaries[r];
      const auto& b = two.round_summaries[r];
      ASSERT_EQ(a.offers.size(), b.offers.size()) << spec << " round " << r;
      offers += a.offers.size();
      for (std::size_t k = 0; k < a.offers.size(); ++k) {
        EXPECT_EQ(a.offers[k].from, b.offers[k].from);
        EXPECT_EQ(a.offers[k].to, b.offers[k].to);
        EXPECT_EQ(a.offers[k].kind, b.offers[k].kind);
        EXPECT_EQ(a.offers[k].position, b.offers[k].position);
        EXPECT_EQ(a.offers[k].accepted, b.offers[k].accepted);
      }
      ASSERT_EQ(a.series.size(), b.series.size());
      for (std::size_t k = 0; k < a.series.size(); ++k) {
        EXPECT_EQ(a.series[k].values, b.series[k].values) << spec << " round " << r;
      }
    }
    EXPECT_GT(offers, 1000u) << spec;  // the rounds did bargain
  }
}

// --- the vote table against the definitions, summed directly -------------------------------

double vote(double xk, double wk, double rk, double xa, double xb, double range) {
  return wk * (std::pow(std::abs(xk - xb) / range, rk) - std::pow(std::abs(xk - xa) / range, rk));
}

TEST(EumVoteTable, MatchesTheDirectSums) {
  std::mt19937 draw(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 2 + trial % 13;
    std::vector<double> x(n), w(n), r(n);
    for (std::size_t k = 0; k < n; ++k) {
      // Some shared positions, some zero weights.
      x[k] = trial % 3 == 0 ? std::floor(unit(draw) * 4) : 10 * unit(draw);
      w[k] = unit(draw) < 0.2 ? 0.0 : unit(draw);
      r[k] = 0.5 + 1.5 * unit(draw);
    }
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    const double range = *hi - *lo;
    if (range <= 0) continue;
    eum::HeldPositions held;
    held.assign(x, range, false);
    held.fill_log_distances(false);
    for (eum::Probability rule : {eum::Probability::scholz, eum::Probability::paper}) {
      eum::VoteTable table;
      table.compute(held, w, r, rule, false);
      double magnitude = 0.0;
      for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t a = 0; a < n; ++a) {
          for (std::size_t b = 0; b < n; ++b)
            magnitude += std::abs(vote(x[k], w[k], r[k], x[a], x[b], range));
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          double expected = 0.0;
          if (x[i] != x[j]) {
            double for_i = 0.0, cast = 0.0;
            for (std::size_t k = 0; k < n; ++k) {
              const double rk = rule == eum::Probability::paper ? 1.0 : r[k];
              const double v = vote(x[k], w[k], rk, x[i], x[j], range);
              for_i += std::max(v, 0.0);
              cast += std::abs(v);
            }
            if (rule == eum::Probability::scholz) {
              expected = magnitude > 0 ? for_i / magnitude : 0.0;
            } else {
              expected = cast > 0 ? for_i / cast : 0.5;
            }
          }
          EXPECT_NEAR(table.prevails(held.slot(i), held.slot(j)), expected, 1e-12)
              << "trial " << trial << " " << i << "," << j;
        }
      }
    }
  }
}

TEST(EumVoteTable, PaperProbabilitiesOfAPairAddUpToOne) {
  const std::vector<double> x = {0, 3, 3, 7, 10}, w = {1, 2, 0.5, 1, 3}, r(5, 1.0);
  eum::HeldPositions held;
  held.assign(x, 10.0, false);
  eum::VoteTable table;
  table.compute(held, w, r, eum::Probability::paper, false);
  EXPECT_NEAR(table.prevails(0, 2) + table.prevails(2, 0), 1.0, 1e-12);  // 0 against 7
  EXPECT_EQ(table.prevails(1, 1), 0.0);                                  // the two actors at 3
}

// --- extreme magnitudes (issue 13, F0) -------------------------------------------------------
// Positions a subnormal apart once made the linear votes w / R overflow to inf, and the spread
// merge, which took +inf padding as its bound, then read before the start of the held
// positions (ASan: heap-buffer-overflow in HeldPositions::count). The votes must be what the
// same positions give on an ordinary scale: the vote table is invariant under rescaling.
TEST(EumVoteTable, SubnormalPositionsVoteAsOnAnOrdinaryScale) {
  const std::vector<double> w = {500, 3000, 1000}, r(3, 1.0);
  for (double tiny : {1e-320, 5e-324, 1e-310, 1e-308}) {
    const std::vector<double> x = {0, tiny, tiny}, ordinary = {0, 1, 1};
    eum::HeldPositions held, reference;
    held.assign(x, tiny, false);
    reference.assign(ordinary, 1.0, false);
    for (eum::Probability rule : {eum::Probability::scholz, eum::Probability::paper}) {
      eum::VoteTable table, expected;
      table.compute(held, w, r, rule, false);
      expected.compute(reference, w, r, rule, false);
      for (std::size_t c = 0; c < 2; ++c) {
        for (std::size_t e = 0; e < 2; ++e) {
          EXPECT_DOUBLE_EQ(table.prevails(c, e), expected.prevails(c, e)) << tiny;
        }
      }
    }
  }
}

// Weights so large that the votes overflow give NaN probabilities, which the model then
// reports; the table itself must stay within its buffers (the sanitizer build checks).
TEST(EumVoteTable, OverflowingWeightsStayInBounds) {
  const std::vector<double> x = {0, 40, 100, 100}, w = {1e308, 1e308, 1e308, 5}, r(4, 1.0);
  eum::HeldPositions held;
  held.assign(x, 100.0, false);
  held.fill_log_distances(false);
  for (eum::Probability rule : {eum::Probability::scholz, eum::Probability::paper}) {
    eum::VoteTable table;
    table.compute(held, w, r, rule, false);
    EXPECT_EQ(table.prevails(1, 1), 0.0);
  }
}

TEST(EumHeldPositions, CountsEachHeldPositionOnce) {
  const std::vector<double> x = {7, 3, 10, 3, 0, 7, 3};
  eum::HeldPositions held;
  held.assign(x, 10.0, false);
  EXPECT_EQ(held.size(), 4u);
  EXPECT_EQ(std::vector<double>(held.values().begin(), held.values().end()),
            (std::vector<double>{0, 3, 7, 10}));
  std::vector<std::size_t> counts;
  for (std::size_t c = 0; c < held.size(); ++c) counts.push_back(held.count(c));
  EXPECT_EQ(counts, (std::vector<std::size_t>{1, 3, 2, 1}));
  // Ties in input order: the actors at 3 are 1, 3, 6.
  EXPECT_EQ(std::vector<std::size_t>(held.by_position().begin(), held.by_position().end()),
            (std::vector<std::size_t>{4, 1, 3, 6, 0, 5, 2}));
  EXPECT_EQ(held.first()[2], 4u);
  for (std::size_t k = 0; k < x.size(); ++k) EXPECT_EQ(held.values()[held.slot(k)], x[k]);
  EXPECT_EQ(held.log_success(0)[3], -HUGE_VAL);  // d = 1: base 0
  EXPECT_DOUBLE_EQ(held.log_failure(1)[2], std::log(0.5 + 0.5 * 0.4));
  held.fill_log_distances(false);
  EXPECT_DOUBLE_EQ(held.log_distance(2)[1], std::log(0.4));
}

// --- options ----------------------------------------------------------------------------------

TEST(EumOptions, ProfilesSetDefaultsAndKeysOverride) {
  EXPECT_NO_THROW(make_model("eum(profile=paper-literal,probability=scholz,q=0.5,t=0)"));
  EXPECT_NO_THROW(make_model("eum(selection=highest_eu,risk_view=own,risk_update=sequential)"));
  // paper-literal with the scholz-profile choices switched back gives the scholz figures.
  const IssueForecast f = ec_forecast(
      "eum(profile=paper-literal,probability=scholz,risk_view=receiver,t=1,selection=scholz)");
  EXPECT_EQ(f.positions, ec_forecast("eum").positions);
}

TEST(EumOptions, RejectsBadValues) {
  test::expect_model_error("eum(profile=bdm)", ErrorId::model_bad_parameter_value,
                           "eum parameter 'profile': expected scholz|paper-literal, got 'bdm'");
  test::expect_model_error("eum(q=1.5)", ErrorId::model_bad_parameter_value,
                           "eum parameter 'q': expected a number in [0, 1], got 1.5");
  test::expect_model_error("eum(q=x)", ErrorId::model_bad_parameter_value,
                           "model parameter 'q': expected a number, got 'x'");
  test::expect_model_error(
      "eum(rounds=-1)", ErrorId::model_bad_parameter_value,
      "eum parameter 'rounds': expected a whole number in [0, 10000], got '-1'");
  test::expect_model_error("eum(t=2)", ErrorId::model_bad_parameter_value,
                           "eum parameter 't': expected 1|0|geometric, got '2'");
  test::expect_model_error(
      "eum(selection=random)", ErrorId::model_bad_parameter_value,
      "eum parameter 'selection': expected scholz|least_move|highest_eu, got 'random'");
  test::expect_model_error("eum(capitulation=yes)", ErrorId::model_bad_parameter_value,
                           "eum parameter 'capitulation': expected on|off, got 'yes'");
  test::expect_model_error("eum(unknown=1)", ErrorId::model_unknown_parameter,
                           "model 'eum' has no parameter 'unknown'");
}

TEST(EumOptions, InfoListsEveryParameterWithADefault) {
  const auto& registry = model_registry();
  auto eum = std::find_if(registry.begin(), registry.end(),
                          [](const ModelEntry& e) { return e.info.name == "eum"; });
  ASSERT_NE(eum, registry.end());
  std::vector<std::string> names;
  for (const ParameterSpec& p : eum->info.parameters) {
    names.push_back(p.name);
    EXPECT_FALSE(p.default_value.empty()) << p.name;
    EXPECT_FALSE(p.description.empty()) << p.name;
  }
  for (const char* name : {"profile", "rounds", "q", "probability", "risk_view", "t", "selection",
                           "risk_update", "capitulation", "offers"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

TEST(EumOptions, RoundsAreHonoured) {
  const IssueForecast f = ec_forecast("eum(rounds=3)");
  EXPECT_EQ(f.rounds, 3);
  EXPECT_EQ(f.positions.size(), 4u);
  EXPECT_EQ(f.round_summaries.size(), 4u);
  const IssueForecast none = ec_forecast("eum(rounds=0)");
  EXPECT_EQ(none.rounds, 0);
  EXPECT_EQ(none.outcome, 7.0);
  EXPECT_FALSE(none.converged);
}

// offers=all keeps up to n(n - 1) offers a round; an issue's log never holds more than 100,000:
// the first round that could pass that, and every later one, keeps only the accepted offers
// (issue 13, F6 and part 6: memory grew by the whole log every round).
TEST(EumOptions, TheOfferLogStopsGrowingQuadratically) {
  const Scenario s = load_scenario_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "ktab" /
                                        "more-inputs" / "dummyData-a080.csv");
  const IssueForecast f = make_model("eum(rounds=80)")->forecast(s).issues.at(0);
  ASSERT_FALSE(f.converged);  // the case bargains on, so the log does grow
  const std::size_t n = f.actors.size(), most_per_round = n * (n - 1), budget = 100'000;
  std::size_t logged = 0, first_accepted_only = 0;
  for (std::size_t r = 1; r < f.round_summaries.size(); ++r) {
    const auto& offers = f.round_summaries[r].offers;
    const bool accepted_only =
        std::all_of(offers.begin(), offers.end(), [](const Offer& o) { return o.accepted; });
    if (first_accepted_only == 0 && logged + most_per_round > budget) first_accepted_only = r;
    if (first_accepted_only > 0) {
      EXPECT_TRUE(accepted_only) << "round " << r;
      EXPECT_LE(offers.size(), n) << "round " << r;
    } else {
      EXPECT_FALSE(accepted_only) << "round " << r << " should keep every offer";
    }
    logged += offers.size();
  }
  ASSERT_GT(first_accepted_only, 1u);
  EXPECT_LE(logged, budget);
  const std::string note =
      "from round " + std::to_string(first_accepted_only) + " on, only accepted offers are kept";
  EXPECT_NE(f.note.find(note), std::string::npos) << f.note;
}

TEST(EumOptions, StatusQuoProbabilityBelowOneRunsEveryTRule) {
  for (const char* t : {"1", "0", "geometric"}) {
    const IssueForecast f = ec_forecast(std::string("eum(q=0.5,t=") + t + ")");
    for (const RoundSummary& round : f.round_summaries) {
      EXPECT_TRUE(std::isfinite(round.median));
      EXPECT_GE(round.median, 4.0);
      EXPECT_LE(round.median, 10.0);
    }
  }
}

// --- several issues, degenerate input ----------------------------------------------------------

Scenario generated(unsigned seed, int actors, int issues) {
  std::mt19937 draw(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Scenario s;
  s.meta.name = "generated";
  for (int i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "issue" + std::to_string(i);
    s.issues.push_back(issue);
  }
  for (int a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = 100 * unit(draw);
    for (const Issue& issue : s.issues) {
      actor.positions[issue.id] = std::round(100 * unit(draw));
      actor.salience[issue.id] = 100 * unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
}

void expect_finite(const IssueForecast& f, const std::string& what) {
  EXPECT_TRUE(std::isfinite(f.outcome)) << what;
  EXPECT_EQ(f.positions.size(), f.round_summaries.size()) << what;
  for (const auto& round : f.positions) {
    for (double x : round) EXPECT_TRUE(std::isfinite(x)) << what;
  }
  for (const RoundSummary& round : f.round_summaries) {
    EXPECT_TRUE(std::isfinite(round.median) && std::isfinite(round.mean)) << what;
    for (const Offer& o : round.offers) EXPECT_TRUE(std::isfinite(o.position)) << what;
    for (const ActorSeries& s : round.series) {
      for (double v : s.values) EXPECT_TRUE(std::isfinite(v)) << what;
    }
  }
}

TEST(EumIssues, EachIssueIsBargainedOnItsOwn) {
  const Scenario both = generated(3, 12, 2);
  Scenario first_only = both;
  first_only.issues.resize(1);
  for (Actor& a : first_only.actors) {
    a.positions.erase("issue1");
    a.salience.erase("issue1");
  }
  const Forecast f2 = make_model("eum")->forecast(both);
  const Forecast f1 = make_model("eum")->forecast(first_only);
  ASSERT_EQ(f2.issues.size(), 2u);
  EXPECT_EQ(f2.issues[0].positions, f1.issues[0].positions);
  EXPECT_EQ(f2.issues[0].outcome, f1.issues[0].outcome);
}

TEST(EumIssues, RunsOnTheAfghanistanScenario) {
  const Scenario s = test::shipped_scenario("afghanistan-2024.yaml");
  for (const char* spec : {"eum", "eum(profile=paper-literal)", "eum(q=0.5,rounds=20)"}) {
    const Forecast f = make_model(spec)->forecast(s);
    ASSERT_EQ(f.issues.size(), s.issues.size());
    for (std::size_t i = 0; i < f.issues.size(); ++i) {
      const IssueForecast& issue = f.issues[i];
      expect_finite(issue, std::string(spec) + " " + issue.issue_id);
      if (issue.actors.empty()) continue;
      const auto [lo, hi] =
          std::minmax_element(issue.positions[0].begin(), issue.positions[0].end());
      EXPECT_GE(issue.outcome, *lo);
      EXPECT_LE(issue.outcome, *hi);
    }
  }
}

TEST(EumDegenerate, OneActorKeepsItsPosition) {
  const Scenario s = generated(1, 1, 2);
  const Forecast f = make_model("eum")->forecast(s);
  for (const IssueForecast& issue : f.issues) {
    expect_finite(issue, "one actor");
    EXPECT_EQ(issue.outcome, issue.positions[0][0]);
    EXPECT_EQ(issue.rounds, 0);
    EXPECT_TRUE(issue.converged);
    EXPECT_FALSE(issue.note.empty());
  }
}

TEST(EumDegenerate, EveryoneAtOnePosition) {
  Scenario s = generated(2, 7, 1);
  for (Actor& a : s.actors) a.positions["issue0"] = 42.0;
  const IssueForecast f = make_model("eum")->forecast(s).issues[0];
  expect_finite(f, "one position");
  EXPECT_EQ(f.outcome, 42.0);
  EXPECT_TRUE(f.converged);
}

TEST(EumDegenerate, ZeroSalienceAndZeroCapabilityStayFinite) {
  for (const char* spec : {"eum", "eum(profile=paper-literal)", "eum(q=0.5,risk_update=sequential)",
                           "eum(selection=highest_eu,risk_view=own)"}) {
    Scenario no_salience = generated(4, 8, 1);
    for (Actor& a : no_salience.actors) a.salience["issue0"] = 0.0;
    expect_finite(make_model(spec)->forecast(no_salience).issues[0], "zero salience");
    Scenario no_capability = generated(5, 8, 1);
    for (Actor& a : no_capability.actors) a.capability = 0.0;
    expect_finite(make_model(spec)->forecast(no_capability).issues[0], "zero capability");
    Scenario one_weighty = generated(6, 8, 1);
    for (std::size_t k = 1; k < one_weighty.actors.size(); ++k)
      one_weighty.actors[k].capability = 0;
    expect_finite(make_model(spec)->forecast(one_weighty).issues[0], "one actor with weight");
    Scenario two = generated(7, 2, 1);
    expect_finite(make_model(spec)->forecast(two).issues[0], "two actors");
  }
}

TEST(EumDegenerate, IssueWithoutActorsKeepsTheStatusQuo) {
  Scenario s = generated(8, 3, 2);
  s.issues[1].status_quo = 33.0;
  for (Actor& a : s.actors) {
    a.positions.erase("issue1");
    a.salience.erase("issue1");
  }
  const Forecast f = make_model("eum")->forecast(s);
  EXPECT_EQ(f.issues[1].outcome, 33.0);
  EXPECT_FALSE(f.issues[1].note.empty());
}

// --- convergence and the observer ----------------------------------------------------------------

TEST(EumRounds, StopsAtAFixedPoint) {
  // Two allies and one far, weaker actor: it compromises, then capitulates, then nobody moves.
  const char* text = R"(parley: 1
meta: {name: Fixed}
issues: [{id: tax, kind: political}]
actors:
  - {id: a, kind: state, capability: 50, positions: {tax: 40}, salience: {tax: 90}}
  - {id: b, kind: state, capability: 50, positions: {tax: 40}, salience: {tax: 90}}
  - {id: c, kind: state, capability: 10, positions: {tax: 90}, salience: {tax: 50}}
)";
  const IssueForecast f =
      make_model("eum(rounds=10)")->forecast(load_scenario_text(text, "f.yaml")).issues[0];
  EXPECT_TRUE(f.converged);
  ASSERT_EQ(f.rounds, 3);
  EXPECT_EQ(f.positions[3], f.positions[2]);
  EXPECT_EQ(f.positions[2], (std::vector<double>{40, 40, 40}));
  auto accepted_kind = [&](int round) {
    for (const Offer& o : f.round_summaries[round].offers) {
      if (o.accepted) return o.kind;
    }
    ADD_FAILURE() << "nothing accepted in round " << round;
    return OfferKind::conflict;
  };
  EXPECT_EQ(accepted_kind(1), OfferKind::compromise);
  EXPECT_EQ(accepted_kind(2), OfferKind::capitulation);
  EXPECT_TRUE(f.round_summaries[3].offers.empty());
  EXPECT_EQ(f.outcome, 40.0);
}

class CountingObserver : public ForecastObserver {
 public:
  void on_round(const std::string&, int round, std::span<const double> positions) override {
    rounds.push_back(round);
    sizes.push_back(positions.size());
  }
  std::vector<int> rounds;
  std::vector<std::size_t> sizes;
};

TEST(EumRounds, ReportsEveryRoundToTheObserver) {
  CountingObserver observer;
  make_model("eum(rounds=4)")->forecast(ec_case(), &observer);
  EXPECT_EQ(observer.rounds, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(observer.sizes, std::vector<std::size_t>(5, 10));
}

// --- --rounds for every model that declares it ---------------------------------------------------

TEST(ModelSpec, AddsADeclaredParameterUnlessTheSpecSetsIt) {
  EXPECT_EQ(spec_with_default("eum", "rounds", "20"), "eum(rounds=20)");
  EXPECT_EQ(spec_with_default("eum(q=0.5)", "rounds", "20"), "eum(q=0.5,rounds=20)");
  EXPECT_EQ(spec_with_default("eum()", "rounds", "20"), "eum(rounds=20)");
  EXPECT_EQ(spec_with_default("eum(rounds=5)", "rounds", "20"), "eum(rounds=5)");
  EXPECT_EQ(spec_with_default("median", "rounds", "20"), "median");
  EXPECT_EQ(spec_with_default("oracle", "rounds", "20"), "oracle");
  EXPECT_EQ(
      make_model(spec_with_default("eum", "rounds", "2"))->forecast(ec_case()).issues[0].rounds, 2);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// Ties between offers (issue 13, part 7): in round 3 on copenhagen.csv's newtreaty, two actors at
// 50 are offered capitulations to 10 and to 90, both 40 away; the rule takes the lower position.
// Shifted by 0.1, the two moves come out an ulp apart and, compared exactly, the rounding picked
// 90.1 and a forecast of 50.1 instead of 90.1. Moves within 1e-12 of the spread now tie.
TEST(EumTies, EqualMovesTieWhateverTheRounding) {
  Scenario s =
      load_scenario_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "import" / "copenhagen.csv");
  const Issue& newtreaty = s.issues.at(0);
  ASSERT_EQ(newtreaty.id, "newtreaty");
  const double plain = make_model("eum")->forecast(s).issues[0].outcome;
  EXPECT_EQ(plain, 90.0);
  s.issues[0].scale_min += 0.1;
  s.issues[0].scale_max += 0.1;
  for (Actor& actor : s.actors) {
    const auto at = actor.positions.find("newtreaty");
    if (at != actor.positions.end()) at->second += 0.1;
  }
  EXPECT_NEAR(make_model("eum")->forecast(s).issues[0].outcome, 90.1, 1e-9);
}

}  // namespace
}  // namespace parley
