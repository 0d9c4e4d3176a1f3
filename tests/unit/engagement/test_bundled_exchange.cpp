// Under bundled linkage a bloc's technical tracks are negotiated as one package with the exchange
// model (docs/models/exchange.md); under piecemeal linkage each alone with the engine.
#include <gtest/gtest.h>

#include <algorithm>

#include "parley/engagement.hpp"
#include "parley/models.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

constexpr std::size_t access = 2, water = 3;  // issue indices in leverage.yaml

Scenario bundled_case() {
  Scenario s = test::leverage_case();
  s.parameters["bundled_track_share"] = 1.0;  // bundled tracks progress without the benchmarks
  return s;
}

// The exchange outcome of the west's package (humanitarian access and water) among the regime's
// factions and the bloc's members.
Forecast package_forecast(const Scenario& s) {
  Scenario deal;
  deal.meta.name = "package";
  deal.issues = {s.issues[access], s.issues[water]};
  for (const char* id : {"hardliners", "pragmatists", "west_a", "west_b"}) {
    const Actor& source = *find_actor(s, id);
    Actor a;
    a.id = source.id;
    a.capability = source.capability;
    for (const Issue& i : deal.issues) {
      a.positions[i.id] = source.positions.at(i.id);
      a.salience[i.id] = source.salience.at(i.id);
    }
    deal.actors.push_back(a);
  }
  return make_model("exchange")->forecast(deal);
}

TEST(BundledTracks, AgreeOnTheExchangeModelsPackageOutcome) {
  const Scenario s = bundled_case();
  const EngagementRun run = simulate_engagement(s, "quiet-benchmarks", {}, 7, 0);
  const Forecast package = package_forecast(s);
  ASSERT_FALSE(package.exchange_rounds.at(0).exchanges.empty()) << "nothing to trade";
  // Water is also the regional bloc's (piecemeal) track, and it agrees there first.
  const int month = run.agreement_month[access];
  ASSERT_GE(month, 0) << "humanitarian access never agreed";
  EXPECT_NEAR(run.months[month].policy(access), package.issues[0].outcome, 1e-9);
}

TEST(BundledTracks, PiecemealTracksKeepTheEnginesOutcome) {
  const Scenario s = bundled_case();
  const EngagementRun bundled = simulate_engagement(s, "quiet-benchmarks", {}, 7, 0);
  const EngagementRun piecemeal = simulate_engagement(s, "piecemeal", {}, 7, 0);
  const int a = bundled.agreement_month[access], b = piecemeal.agreement_month[access];
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  EXPECT_NE(bundled.months[a].policy(access), piecemeal.months[b].policy(access));
}

}  // namespace
}  // namespace parley
