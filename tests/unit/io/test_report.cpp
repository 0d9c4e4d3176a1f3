// parley report: the sentences quote the numbers they are built from (bands, shares, the
// recognition price), what a finding hangs on follows the draws and the scenario's provenance,
// and a report of a real run directory is one self-contained, reproducible page.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "io/report/assets.hpp"
#include "io/report/report.hpp"
#include "parley/io.hpp"
#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

using namespace detail;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A hand-made comparison: isolation (the reference) and piecemeal on one issue, 100 runs, with
// values chosen so that every quoted number can be worked out independently.
ReportData made_data() {
  ReportData d;
  Issue access;
  access.id = "humanitarian_access";
  access.label = "Humanitarian access";
  access.status_quo = 35;
  d.scenario.issues.push_back(access);
  d.plan.command = "compare";
  d.plan.strategies = {"isolation", "piecemeal"};
  d.plan.runs = 100;
  d.reference = "isolation";
  d.months = {0, 36};
  d.runs_stored = 100;
  auto add = [&](const std::string& strategy, const std::string& series, auto value_of,
                 auto reference_of) {
    PairedValues p;
    p.strategy = strategy;
    p.series = series;
    p.month = 36;
    for (int r = 0; r < 100; ++r) {
      p.values.push_back(value_of(r));
      p.reference.push_back(reference_of(r));
      p.start.push_back(reference_of(r));
    }
    d.at_horizon.push_back(p);
  };
  // Piecemeal has 2 to 6 million fewer people in acute food insecurity, except in 10 runs
  // (r % 10 == 0) where it has 1 million more.
  auto food_ref = [](int r) { return 14.0 + 0.01 * r; };
  auto food = [&](int r) { return food_ref(r) + (r % 10 == 0 ? 1.0 : -(2.0 + 0.04 * r)); };
  auto zero = [](int) { return 0.0; };
  for (const char* s : {"isolation", "piecemeal"}) {
    const bool pm = std::string(s) == "piecemeal";
    add(
        s, "food_insecure_millions", [&](int r) { return pm ? food(r) : food_ref(r); }, food_ref);
    add(s, "recognition_steps", zero, zero);
    add(
        s, "policy:humanitarian_access", [&](int r) { return pm ? 60.0 + r % 5 : 50.0; },
        [](int) { return 50.0; });
  }
  return d;
}

DrawSource no_draws() {
  return [](const std::function<void(const DrawnNumber&)>&) {};
}

Finding finding(const std::vector<Finding>& findings, const std::string& id) {
  const auto found =
      std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  if (found == findings.end()) throw std::runtime_error("no finding " + id);
  return *found;
}

TEST(ReportFindings, FoodSentenceQuotesThePairedBandAndTheShare) {
  const ReportData d = made_data();
  const auto findings = headline_findings(d, no_draws());
  const Finding f = finding(findings, "food_insecure_millions:piecemeal");
  // The numbers, worked out independently of the report's code.
  std::vector<double> diff;
  const auto& pm = d.at_horizon[3];  // piecemeal's food values (added after isolation's three)
  ASSERT_EQ(pm.strategy, "piecemeal");
  for (std::size_t r = 0; r < 100; ++r) diff.push_back(pm.values[r] - pm.reference[r]);
  const Band b = band(diff);
  const double fewer =
      double(std::count_if(diff.begin(), diff.end(), [](double x) { return x < 0; })) / 100.0;
  EXPECT_DOUBLE_EQ(fewer, 0.9);
  ASSERT_LT(b.p90, 0);  // the band lies below zero: the sentence says "fewer"
  const std::string expected = fmt::format(
      "piecemeal leaves {:.1f} million [{:.1f}, {:.1f}] fewer people in acute food "
      "insecurity than isolation at month 36, in 90% of the draws, without a "
      "recognition step more than isolation.",
      -b.p50, -b.p90, -b.p10);
  EXPECT_EQ(f.text, expected);
  EXPECT_EQ(f.strategy, "piecemeal");
}

TEST(ReportFindings, ABandAcrossZeroIsQuotedSignedAndARecognitionPriceIsNamed) {
  ReportData d = made_data();
  for (PairedValues& p : d.at_horizon) {
    if (p.strategy != "piecemeal") continue;
    if (p.series == "food_insecure_millions") {
      // -1 in half the runs, +1 in the other half: the band straddles zero.
      for (std::size_t r = 0; r < 100; ++r) p.values[r] = p.reference[r] + (r % 2 ? 1.0 : -1.0);
    }
    if (p.series == "recognition_steps") {
      for (std::size_t r = 0; r < 100; ++r) p.values[r] = r < 60 ? 2.0 : 3.0;
    }
  }
  const Finding f = finding(headline_findings(d, no_draws()), "food_insecure_millions:piecemeal");
  // Median of fifty -1 and fifty +1 is 0, the band [-1, +1], fewer in half the draws; two more
  // recognition steps in the median, [2, 3].
  EXPECT_EQ(f.text,
            "piecemeal and isolation leave about as many people in acute food insecurity at "
            "month 36: piecemeal − isolation is 0.0 million [−1.0, +1.0], fewer under piecemeal "
            "in 50% of the draws, at the price of 2 more recognition steps [2, 3] than "
            "isolation.");
}

TEST(ReportFindings, PolicyFindingNamesTheIssuesThatMoveAndHowOften) {
  const ReportData d = made_data();
  const Finding f = finding(headline_findings(d, no_draws()), "policy:piecemeal");
  // Medians: piecemeal 60 + r % 5 -> 62.0; isolation 50.0. Up in every draw.
  EXPECT_EQ(f.text,
            "By month 36 piecemeal moves the regime's policy by 5% of the scale or more on 1 "
            "issue against isolation: Humanitarian access 62.0 against 50.0; the largest move, "
            "on Humanitarian access, goes up in 100% of the draws, down in 0% and nowhere in the "
            "rest.");
}

TEST(ReportFindings, AnIssueNoStrategyMovesIsNamed) {
  ReportData d = made_data();
  for (PairedValues& p : d.at_horizon) {
    if (p.series == "policy:humanitarian_access") p.values = p.start;
  }
  const auto findings = headline_findings(d, no_draws());
  const Finding f = finding(findings, "policy:unmoved");
  EXPECT_TRUE(contains(f.text,
                       "No strategy moves the regime's policy on Humanitarian access by "
                       "month 36"))
      << f.text;
  EXPECT_TRUE(contains(f.text, "in 100% of the draws it does not move that far")) << f.text;
  EXPECT_EQ(f.basis, Basis::fixed);
}

// Draws: "judged" follows the food difference exactly, "noise" does not; provenance decides how
// the finding is marked.
DrawSource draws_following(const ReportData& d) {
  std::vector<double> judged, noise;
  const auto& pm = d.at_horizon[3];
  for (std::size_t r = 0; r < 100; ++r) {
    judged.push_back(2.0 * (pm.values[r] - pm.reference[r]) + 7);
    noise.push_back(double((r * 37) % 100));
  }
  return [judged, noise](const std::function<void(const DrawnNumber&)>& visit) {
    visit({"noise.number", noise});
    visit({"regime.weights.revenue", judged});
  };
}

TEST(ReportFindings, AFindingHangsOnTheJudgementItsDrawsFollow) {
  ReportData d = made_data();
  d.scenario.provenance["regime.weights.revenue"] = {"seed001", true, ""};
  d.scenario.provenance["noise.number"] = {"IPC", false, ""};
  const Finding f =
      finding(headline_findings(d, draws_following(d)), "food_insecure_millions:piecemeal");
  ASSERT_EQ(f.drivers.size(), 1u);  // the noise number stays below the threshold
  EXPECT_EQ(f.drivers[0].path, "regime.weights.revenue");
  EXPECT_NEAR(f.drivers[0].rho, 1.0, 1e-12);
  EXPECT_TRUE(f.drivers[0].judgement);
  EXPECT_EQ(f.drivers[0].source, "seed001");
  EXPECT_EQ(f.basis, Basis::judgement);
  // Fewer in every run of the lowest third of the number (the largest reductions), in 70% of
  // the highest third (its 10 worse runs sit there): 33 and 34 runs.
  EXPECT_DOUBLE_EQ(f.drivers[0].holds_low, 1.0);
  EXPECT_NEAR(f.drivers[0].holds_high, 24.0 / 34.0, 1e-12);
}

TEST(ReportFindings, SourcedDriversMarkTheFindingSourced) {
  ReportData d = made_data();
  d.scenario.provenance["regime.weights.revenue"] = {"P12", false, ""};
  const Finding f =
      finding(headline_findings(d, draws_following(d)), "food_insecure_millions:piecemeal");
  EXPECT_EQ(f.basis, Basis::sourced);
  // Without any provenance a number counts as a judgement.
  d.scenario.provenance.clear();
  const Finding g =
      finding(headline_findings(d, draws_following(d)), "food_insecure_millions:piecemeal");
  EXPECT_EQ(g.basis, Basis::judgement);
  EXPECT_TRUE(g.drivers.at(0).source.empty());
}

TEST(ReportFindings, WithoutAFollowingNumberTheSpreadIsNoSingleNumbers) {
  const ReportData d = made_data();
  const Finding f = finding(headline_findings(d, no_draws()), "food_insecure_millions:piecemeal");
  EXPECT_TRUE(f.drivers.empty());
  EXPECT_EQ(f.basis, Basis::spread);
}

TEST(ReportFindings, RankCorrelation) {
  EXPECT_DOUBLE_EQ(rank_correlation({1, 2, 3, 4}, {10, 20, 30, 400}), 1.0);
  EXPECT_DOUBLE_EQ(rank_correlation({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_DOUBLE_EQ(rank_correlation({1, 2, 3, 4}, {5, 5, 5, 5}), 0.0);
  // Ties share their mean rank: ranks (1.5, 1.5, 3, 4) against (1, 2, 3, 4).
  EXPECT_NEAR(rank_correlation({7, 7, 8, 9}, {1, 2, 3, 4}), 0.9486832980505138, 1e-12);
  EXPECT_DOUBLE_EQ(driver_threshold(1000), 0.2);
  EXPECT_DOUBLE_EQ(driver_threshold(100), 0.4);
}

TEST(ReportText, EscapingAndNumbers) {
  EXPECT_EQ(html_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(fixed(-0.04, 1), "0.0");
  EXPECT_EQ(fixed(-0.06, 1), "-0.1");
  EXPECT_EQ(fixed(NAN, 1), "n/a");
}

// ---------------------------------------------------------------------------------------------
// A real run directory: the default scenario, two strategies, a few runs.

std::filesystem::path write_run(const test::TempDir& dir, const std::string& command = "compare",
                                std::uint64_t stored = 24) {
  const Scenario s = load_scenario_text(embedded_default_scenario(), "default");
  ComparisonContext context;
  context.plan.strategies = {"isolation", "piecemeal"};
  context.plan.runs = 24;
  context.plan.seed = 5;
  context.plan.threads = 2;
  context.plan.engagement.months = 12;
  context.reference = "isolation";
  context.checkpoints = {12};
  StorePlan plan;
  plan.command = command;
  plan.strategies = context.plan.strategies;
  plan.seed = context.plan.seed;
  plan.months = 12;
  plan.engine = context.plan.engagement.engine;
  plan.runs = 24;
  auto run = dir / "run";
  std::filesystem::create_directories(run);
  auto store = ResultStore::create(
      run / "results.sqlite", s, plan,
      {.command_line = "parley compare (test)", .scenario_file = "<embedded>", .threads = 2});
  std::vector<std::uint64_t> runs = all_runs(context.plan);
  runs.resize(stored);
  stream_comparison(s, context.plan, runs, *store);
  store->finish(1.0);
  // A killed run has its database only.
  if (stored == 24) write_run_directory(run, s, context, *store, summarise(*store, "isolation"));
  store->close();
  return run;
}

TEST(ReportRunDirectory, SentencesQuoteTheStoresSummaries) {
  test::TempDir dir;
  const auto run = write_run(dir);
  const ReportData d = read_report_data(run, {});
  EXPECT_EQ(d.reference, "isolation");
  EXPECT_EQ(d.runs_stored, 24u);
  const auto summaries = summarise(*ResultStore::read(run / "results.sqlite"), "isolation");
  const auto at = std::find_if(summaries.begin(), summaries.end(), [](const SeriesSummary& s) {
    return s.strategy == "piecemeal" && s.series == "food_insecure_millions" && s.month == 12;
  });
  ASSERT_NE(at, summaries.end());
  const auto findings = headline_findings(d, stored_draws(run));
  const Finding f = finding(findings, "food_insecure_millions:piecemeal");
  const Band& b = at->difference;
  const std::string quoted = b.p90 < 0 ? fmt::format("{} million [{}, {}] fewer", fixed(-b.p50, 1),
                                                     fixed(-b.p90, 1), fixed(-b.p10, 1))
                             : b.p10 > 0 ? fmt::format("{} million [{}, {}] more", fixed(b.p50, 1),
                                                       fixed(b.p10, 1), fixed(b.p90, 1))
                                         : fmt::format("is {} million", fixed(b.p50, 1));
  EXPECT_TRUE(contains(f.text, quoted)) << f.text << "\nexpected: " << quoted;
  // Every uncertain number of 24 runs was looked at: a driver, if any, is one of them.
  const auto paths = ResultStore::read(run / "results.sqlite")->number_paths();
  for (const Driver& driver : f.drivers) {
    EXPECT_NE(std::find(paths.begin(), paths.end(), driver.path), paths.end());
    EXPECT_GE(std::abs(driver.rho), driver_threshold(24));
  }
}

TEST(ReportRunDirectory, OnePageSelfContainedAndReproducible) {
  test::TempDir dir;
  const auto run = write_run(dir);
  const std::string page = report_html(run);
  EXPECT_EQ(page, report_html(run));
  EXPECT_TRUE(contains(page,
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                       "'none'; script-src 'unsafe-inline'"));
  // Nothing is loaded from outside the page: no element that loads a file or host (only the
  // links a reader may follow in the list of sources).
  // The markup, with each script element's content left out (the scripts' own text mentions
  // elements, e.g. vega-embed's image export).
  std::string markup;
  for (std::size_t at = 0; at < page.size();) {
    const std::size_t open = page.find("<script", at);
    if (open == std::string::npos) {
      markup += page.substr(at);
      break;
    }
    const std::size_t content = page.find('>', open) + 1;
    markup += page.substr(at, content - at);
    at = page.find("</script>", content);
    ASSERT_NE(at, std::string::npos);
  }
  for (const char* element : {"<script", "<img", "<link", "<iframe", "<object", "<embed"}) {
    for (auto at = markup.find(element); at != std::string::npos;
         at = markup.find(element, at + 1)) {
      const std::string tag = markup.substr(at, markup.find('>', at) - at);
      EXPECT_FALSE(contains(tag, " src=") || contains(tag, " href=")) << tag;
    }
  }
  // One specification per chart container, the three scripts and the licences embedded.
  std::size_t charts = 0;
  const std::string marker = "data-spec=\"";
  for (auto at = page.find(marker); at != std::string::npos; at = page.find(marker, at + 1)) {
    ++charts;
    const std::size_t start = at + marker.size();
    const std::string id = page.substr(start, page.find('"', start) - start);
    EXPECT_TRUE(contains(page, "<script type=\"application/json\" id=\"" + id + "\">")) << id;
  }
  EXPECT_GE(charts, 10u);
  const ReportAssets& assets = report_assets();
  ASSERT_TRUE(assets.available);
  EXPECT_TRUE(contains(page, std::string(assets.vega_lite.text.substr(0, 200))));
  EXPECT_TRUE(contains(page, "Copyright (c)"));
  EXPECT_EQ(assets.vega.version, "6.4.0");
  EXPECT_EQ(assets.vega_lite.version, "6.5.0");
  EXPECT_EQ(assets.vega_embed.version, "7.3.0");
}

TEST(ReportRunDirectory, AnUnfinishedRunSaysHowManyRunsItHolds) {
  test::TempDir dir;
  const auto run = write_run(dir, "compare", 10);
  const ReportData d = read_report_data(run, {});
  EXPECT_FALSE(d.complete);
  EXPECT_EQ(d.runs_stored, 10u);
  EXPECT_EQ(d.reference, "isolation");  // no manifest.json: the first strategy
  EXPECT_TRUE(contains(report_html(run), "Incomplete: the database holds 10 of the 24 runs"));
}

TEST(ReportRunDirectory, ChosenReferenceMustHaveRun) {
  test::TempDir dir;
  const auto run = write_run(dir);
  const ReportData d = read_report_data(run, {.reference = "piecemeal"});
  EXPECT_EQ(d.reference, "piecemeal");
  test::expect_error([&] { read_report_data(run, {.reference = "normalisation"}); },
                     ErrorId::request_reference_not_run,
                     "report --reference: strategy 'normalisation' was not run; the run "
                     "directory holds: isolation, piecemeal");
}

TEST(ReportRunDirectory, NotARunDirectory) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "empty");
  test::expect_error([&] { read_report_data(dir / "empty", {}); },
                     ErrorId::request_not_run_directory, "holds no results.sqlite");
  test::expect_error([&] { read_report_data(dir / "missing", {}); },
                     ErrorId::request_not_run_directory, "does not exist");
}

TEST(ReportRunDirectory, BadSensitivityCsvIsLocated) {
  test::TempDir dir;
  const auto run = write_run(dir, "sensitivity");
  write_file_atomically(run / "sensitivity.csv",
                        "factor,low,high,mu_star,mu,sigma\nregime.cohesion,0.5,0.9,1.2,x,0.1\n");
  test::expect_error([&] { read_report_data(run, {}); }, ErrorId::io_read,
                     "sensitivity.csv:2:29: mu: expected a number, got 'x'");
}

// Scores: nothing without a scoring; with one, the summary per strategy and every observation.
TEST(ReportScores, ShownWhenTheDatabaseHoldsAScoring) {
  ReportData d = made_data();
  EXPECT_EQ(scores_html(d), "");
  StoredScoring s;
  s.observations_name = "Afghanistan 2021-2024";
  s.observations_file = "obs.yaml";
  s.start = "2021-08";
  StoredScoring::Summary summary;
  summary.strategy = "piecemeal";
  summary.events = 1;
  summary.indicators = 1;
  summary.brier = 0.1234;
  summary.persistence_brier = 0.25;
  summary.brier_skill = 1 - 0.1234 / 0.25;
  summary.crps = 1.5;
  summary.persistence_crps = 2.0;
  summary.covered_80 = 1;
  s.summaries.push_back(summary);
  StoredScoring::Observation event;
  event.strategy = "piecemeal";
  event.kind = "event";
  event.item = "girls_secondary_reopen";
  event.date = "2024-05";
  event.forecast = 0.125;
  StoredScoring::Observation value = event;
  value.kind = "indicator";
  value.item = "food_insecure_millions";
  value.observed = 22.8;
  value.forecast = 21.25;
  value.in_band_80 = true;
  s.observations = {event, value};
  d.scoring = s;
  const std::string html = scores_html(d);
  EXPECT_TRUE(contains(html, "against <strong>Afghanistan 2021-2024</strong>")) << html;
  EXPECT_TRUE(contains(html,
                       "<tr><td>piecemeal</td><td class=\"num\">0.123</td><td "
                       "class=\"num\">0.250</td><td class=\"num\">0.51</td><td "
                       "class=\"num\">1.500</td><td class=\"num\">2.000</td><td "
                       "class=\"num\">-</td><td class=\"num\">1 of 1</td></tr>"))
      << html;
  EXPECT_TRUE(contains(html,
                       ">girls_secondary_reopen</td><td>2024-05</td><td "
                       "class=\"num\">no</td><td class=\"num\">12%</td>"))
      << html;
  EXPECT_TRUE(contains(html,
                       ">food_insecure_millions</td><td>2024-05</td><td "
                       "class=\"num\">22.8</td><td class=\"num\">21.25 ✓</td>"))
      << html;
}

TEST(ReportScenario, NumberBasisFollowsProvenance) {
  Scenario s;
  s.provenance["a"] = {"IPC", false, ""};
  s.provenance["b"] = {"seed001", true, ""};
  s.provenance["c"] = {"", false, "a note only"};
  EXPECT_FALSE(number_basis(s, "a").judgement);
  EXPECT_TRUE(number_basis(s, "a").stated);
  EXPECT_TRUE(number_basis(s, "b").judgement);
  EXPECT_TRUE(number_basis(s, "c").judgement);
  EXPECT_FALSE(number_basis(s, "c").stated);
  EXPECT_FALSE(number_basis(s, "d").stated);
}

}  // namespace
}  // namespace parley
