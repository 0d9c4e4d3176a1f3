// Observation files: the predicate grammar, months on the runs' clock, and located diagnostics for
// every mistake, including those only the scored scenario can reveal.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/scenario.hpp"
#include "parley_test.hpp"

namespace parley {
namespace {

const char* good = R"(parley: 1
observations:
  name: Test history
  start: "2021-11"
  sources: [{id: facts, url: "docs/sources/afghanistan.md"}]
events:
  - id: ambassador
    label: China accepts an ambassador
    predicate: "recognition[china] >= 2 by 2024-01"
    happened: true
    month: 2024-01
    source: "facts A32"
  - id: schools
    predicate: "policy:girls_education>=50 by month 30"
    happened: false
    source: "facts P2"
  - id: any_track
    predicate: "agreement:water or agreement:border and defections > 0 at 2022-11"
    happened: false
    source: "facts P10"
  - id: no_split
    predicate: "cohesion >= 0.5 throughout 2024-05"
    happened: true
    source: "facts P15"
indicators:
  - {series: food_insecure_millions, month: 2022-04, value: 19.7, source: "facts H2"}
  - {series: "revenue_usd_bn", month: 10, value: 2.24, interval: [2.2, 2.24], source: "facts P12"}
)";

ObservationContext context_with(std::vector<std::string> series, std::string as_of = "2021-11",
                                int months = 36) {
  return {std::move(series), std::move(as_of), months};
}

std::vector<std::string> known_series() {
  return {
      "food_insecure_millions", "cohesion",         "defections",        "revenue_usd_bn",
      "agreement:water",        "agreement:border", "recognition:china", "policy:girls_education"};
}

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) out.push_back(format_diagnostic(d));
  return out;
}

TEST(Observations, ReadsEventsAndIndicatorsOnTheRunsClock) {
  const auto context = context_with(known_series());
  ObservationsLoadResult r = check_observations_text(good, "good.yaml", &context);
  ASSERT_TRUE(r.diagnostics.empty()) << messages(r.diagnostics)[0];
  const Observations& o = *r.observations;
  EXPECT_EQ(o.name, "Test history");
  EXPECT_EQ(o.start, "2021-11");
  ASSERT_EQ(o.events.size(), 4u);
  const EventPredicate& china = o.events[0].predicate;
  ASSERT_EQ(china.any_of.size(), 1u);
  EXPECT_EQ(china.any_of[0][0].series, "recognition:china");  // the [] spelling
  EXPECT_EQ(china.any_of[0][0].op, ">=");
  EXPECT_EQ(china.any_of[0][0].threshold, 2.0);
  EXPECT_EQ(china.window, EventWindow::by);
  EXPECT_EQ(china.month, 26);  // 2021-11 + 26 months = 2024-01
  EXPECT_EQ(o.events[0].month, 26);
  EXPECT_TRUE(o.events[0].happened);
  EXPECT_EQ(o.events[1].predicate.month, 30);              // "month 30"
  EXPECT_EQ(o.events[1].predicate.any_of[0][0].op, ">=");  // no spaces needed around >=
  // `and` binds tighter than `or`; a bare series holds when it is not 0.
  const EventPredicate& tracks = o.events[2].predicate;
  ASSERT_EQ(tracks.any_of.size(), 2u);
  EXPECT_EQ(tracks.any_of[0].size(), 1u);
  EXPECT_EQ(tracks.any_of[1].size(), 2u);
  EXPECT_EQ(tracks.any_of[0][0].op, "!=");
  EXPECT_EQ(tracks.any_of[0][0].threshold, 0.0);
  EXPECT_EQ(tracks.window, EventWindow::at);
  EXPECT_EQ(tracks.month, 12);
  EXPECT_EQ(o.events[3].predicate.window, EventWindow::throughout);
  ASSERT_EQ(o.indicators.size(), 2u);
  EXPECT_EQ(o.indicators[0].month, 5);
  EXPECT_EQ(o.indicators[1].month, 10);
  ASSERT_TRUE(o.indicators[1].interval);
  EXPECT_EQ(o.indicators[1].interval->first, 2.2);
  EXPECT_EQ(last_month(o), 30);  // "throughout 2024-05"
  EXPECT_EQ(month_label(o.start, 26), "2024-01");
  EXPECT_EQ(month_label(o.start, 2), "2022-01");
}

TEST(Observations, ComparisonsHoldAsWritten) {
  EXPECT_TRUE(passes({"s", ">=", 2}, 2));
  EXPECT_FALSE(passes({"s", ">", 2}, 2));
  EXPECT_TRUE(passes({"s", "<", 2}, 1.5));
  EXPECT_TRUE(passes({"s", "<=", 2}, 2));
  EXPECT_TRUE(passes({"s", "==", 1}, 1));
  EXPECT_TRUE(passes({"s", "!=", 0}, 0.25));
  EXPECT_FALSE(passes({"s", "!=", 0}, 0));
}

TEST(Observations, EveryMistakeInTheFileIsLocated) {
  const char* bad = R"(parley: 1
observations: {name: Bad, start: "2021-13"}
events:
  - {id: a, predicate: "recognition:china >= by 2024-01", happened: true, source: "facts A32"}
  - {id: b, predicate: "cohesion > 0.5 by month 26", happened: false, month: 14, source: x}
  - {id: c, predicate: "cohesion > 0.5 by month 12", happened: maybe, source: x}
  - {id: c, predicate: "cohesion > 0.5 soon", happened: true}
indicators:
  - {series: cohesion, month: "May 2022", value: 0.7, source: x}
  - {series: cohesion, month: 3, value: 0.7, interval: [0.8, 0.9], source: " ", colour: red}
)";
  ObservationsLoadResult r = check_observations_text(bad, "bad.yaml");
  EXPECT_FALSE(r.observations);
  const std::vector<std::string> expected = {
      ("bad.yaml:2:34: error E101: observations.start: expected the month a run's month 0 stands "
       "for, as YYYY-MM, got '2021-13'"),
      ("bad.yaml:4:24: error E102: events[0].predicate: expected a number after "
       "'recognition:china >=', got 'by' in 'recognition:china >= by 2024-01'"),
      ("bad.yaml:5:78: error E106: events[1].month: an event that did not happen has no month; "
       "remove it"),
      "bad.yaml:6:64: error E012: events[2].happened: expected true or false, got 'maybe'",
      "bad.yaml:7:5: error E010: events[3].source: missing required field 'source'",
      ("bad.yaml:7:24: error E102: events[3].predicate: expected 'and', 'or', or a window (by, at, "
       "throughout) after 'cohesion > 0.5', got 'soon' in 'cohesion > 0.5 soon'"),
      ("bad.yaml:9:31: error E101: indicators[0].month: expected a month as YYYY-MM or a month "
       "number, got 'May 2022'"),
      ("bad.yaml:10:56: error E108: indicators[1].interval: the interval [0.8, 0.9] does not "
       "contain the value 0.7"),
      ("bad.yaml:10:76: error E107: indicators[1].source: expected a citation (fact-row ids such "
       "as "
       "P2, A32), got an empty text"),
      ("bad.yaml:10:81: error E011: indicators[1].colour: unknown field 'colour'; expected one of "
       "series, month, value, interval, source, note"),
  };
  EXPECT_EQ(messages(r.diagnostics), expected);
}

TEST(Observations, TheScenarioRevealsUnknownSeriesAnotherStartAndMonthsBeyondTheRuns) {
  const auto context =
      context_with({"cohesion", "recognition:china", "policy:girls_education"}, "2021-09", 24);
  ObservationsLoadResult r = check_observations_text(good, "good.yaml", &context);
  const std::vector<std::string> expected = {
      ("good.yaml:4:10: error E104: observations.start: start '2021-11' is not the scenario's "
       "meta.as_of '2021-09': a run's month 0 is the scenario's as_of; set start to '2021-09', or "
       "add scenario_as_of: '2021-09' to map this start to it explicitly"),
      ("good.yaml:9:16: error E105: events[0].predicate: '2024-01' is month 26, beyond the 24 "
       "months "
       "the runs cover"),
      ("good.yaml:14:16: error E105: events[1].predicate: 'month 30' is beyond the 24 months the "
       "runs cover"),
      ("good.yaml:18:16: error E103: events[2].predicate: unknown series 'agreement:water'; the "
       "runs "
       "record indicators such as food_insecure_millions, policy:<issue>, recognition:<state>, "
       "agreement:<track>"),
      ("good.yaml:22:16: error E105: events[3].predicate: '2024-05' is month 30, beyond the 24 "
       "months the runs cover"),
      ("good.yaml:26:14: error E103: indicators[0].series: unknown series "
       "'food_insecure_millions'; the runs record indicators such as food_insecure_millions, "
       "policy:<issue>, recognition:<state>, agreement:<track>"),
      ("good.yaml:27:14: error E103: indicators[1].series: unknown series 'revenue_usd_bn'; the "
       "runs record indicators such as food_insecure_millions, policy:<issue>, "
       "recognition:<state>, agreement:<track>"),
  };
  EXPECT_EQ(messages(r.diagnostics), expected);
}

TEST(Observations, AMisspeltSeriesGetsASuggestion) {
  std::string text = good;
  text.replace(text.find("recognition[china]"), 18, "recognition[chian]");
  const auto context = context_with(known_series());
  ObservationsLoadResult r = check_observations_text(text, "typo.yaml", &context);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "typo.yaml:9:16: error E103: events[0].predicate: unknown series 'recognition:chian'; "
            "did you mean 'recognition:china'?");
}

TEST(Observations, AnotherStartIsAcceptedOnlyWhenMappedExplicitly) {
  std::string text = good;
  text.replace(text.find("  start: \"2021-11\"\n"), 19,
               "  start: \"2021-11\"\n  scenario_as_of: \"2021-09\"\n");
  const auto matching = context_with(known_series(), "2021-09");
  EXPECT_TRUE(check_observations_text(text, "mapped.yaml", &matching).observations);
  const auto other = context_with(known_series(), "2021-10");
  ObservationsLoadResult r = check_observations_text(text, "mapped.yaml", &other);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E104");
  EXPECT_EQ(r.diagnostics[0].path, "observations.scenario_as_of");
  // A scenario without an as_of has nothing to contradict.
  const auto none = context_with(known_series(), "");
  EXPECT_TRUE(check_observations_text(good, "good.yaml", &none).observations);
}

TEST(Observations, OutcomesMustFitTheirPredicate) {
  const char* text = R"(parley: 1
observations: {name: Outcomes, start: "2021-11"}
events:
  - {id: late, predicate: "cohesion < 0.5 by 2022-06", happened: true, month: 2022-07, source: x}
  - {id: held, predicate: "cohesion < 0.5 throughout 2022-06", happened: true, month: 2, source: x}
  - {id: early, predicate: "cohesion < 0.5 at 2021-10", happened: false, source: x}
)";
  ObservationsLoadResult r = check_observations_text(text, "outcomes.yaml");
  const std::vector<std::string> expected = {
      ("outcomes.yaml:4:79: error E106: events[0].month: the event happened in 2022-07, after its "
       "horizon 2022-06: it did not happen by then"),
      ("outcomes.yaml:5:87: error E106: events[1].month: a month is the month a 'by' event first "
       "held; this event's window is 'throughout'"),
      ("outcomes.yaml:6:28: error E105: events[2].predicate: '2021-10' names a month before the "
       "start 2021-11"),
  };
  EXPECT_EQ(messages(r.diagnostics), expected);
}

TEST(Observations, AScenarioOrAnEmptyFileIsNotAnObservationsFile) {
  ObservationsLoadResult r = check_observations_text(
      "parley: 1\nmeta: {name: x}\nissues: []\nactors: []\n", "scenario.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E100");
  r = check_observations_text("parley: 1\nobservations: {name: x, start: '2021-11'}\n", "e.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "e.yaml:1:1: error E109: nothing to score: give at least one event or indicator");
  r = check_observations_text("observations: [", "syntax.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E002");
  EXPECT_TRUE(looks_like_observations(good));
  EXPECT_FALSE(looks_like_observations("parley: 1\nmeta: {name: x}\n"));
  EXPECT_FALSE(looks_like_observations("observations: ["));
}

TEST(Observations, DuplicateEventIdsAreReportedAtTheSecond) {
  const char* text = R"(parley: 1
observations: {name: Twice, start: "2021-11"}
events:
  - {id: same, predicate: "cohesion < 0.5 by 2022-06", happened: false, source: x}
  - {id: same, predicate: "cohesion < 0.4 by 2022-06", happened: false, source: x}
)";
  ObservationsLoadResult r = check_observations_text(text, "twice.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "twice.yaml:5:10: error E020: events[1].id: duplicate event id 'same' (first used at "
            "line 4)");
}

// A window keeps what falls within it, an event by its horizon: the split of one history into a
// part to fit and a later part to test on.
TEST(Observations, AWindowKeepsEventsByTheirHorizonAndValuesByTheirMonth) {
  const auto context = context_with(known_series());
  const Observations all = *check_observations_text(good, "good.yaml", &context).observations;
  EXPECT_EQ(observation_month(all, "2022-09"), 10);
  EXPECT_EQ(observation_month(all, "month 12"), 12);
  // Horizons: ambassador 26, schools 30, any_track 12, no_split 30; values at months 5 and 10.
  const Observations early = observations_between(all, 0, 12);
  ASSERT_EQ(early.events.size(), 1u);
  EXPECT_EQ(early.events[0].id, "any_track");
  EXPECT_EQ(early.indicators.size(), 2u);
  const Observations late = observations_between(all, 13, 30);
  ASSERT_EQ(late.events.size(), 3u);
  EXPECT_EQ(late.events[0].id, "ambassador");
  EXPECT_TRUE(late.indicators.empty());
  EXPECT_EQ(late.earlier_indicators.size(), 2u);  // the trend baseline's history
  const Observations value = observations_between(all, 10, 10);
  EXPECT_TRUE(value.events.empty());
  ASSERT_EQ(value.indicators.size(), 1u);
  EXPECT_EQ(value.indicators[0].series, "revenue_usd_bn");
}

TEST(Observations, AWindowWithNothingInItOrAMonthBeforeTheStartIsRefused) {
  const auto context = context_with(known_series());
  const Observations all = *check_observations_text(good, "good.yaml", &context).observations;
  test::expect_error([&] { observations_between(all, 31, 40); },
                     ErrorId::request_value_out_of_range, "no observation of 'Test history'");
  test::expect_error([&] { observation_month(all, "2021-10"); },
                     ErrorId::request_value_out_of_range, "expected YYYY-MM from 2021-11 on");
  test::expect_error([&] { observation_month(all, "autumn"); }, ErrorId::request_value_out_of_range,
                     "'autumn' is not a month");
}

}  // namespace
}  // namespace parley
