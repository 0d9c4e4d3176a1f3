// Scores against observations as a terminal table, tidy CSV and JSON.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/bands.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

using detail::strategy_label;

std::string horizon(const Observations& o, const EventPredicate& p) {
  return fmt::format("{} {}", to_string(p.window), month_label(o.start, p.month));
}

std::string skill_text(const std::optional<double>& skill) {
  return skill ? fmt::format("{:+.2f}", *skill) : "-";
}

std::string level_text(double level) { return fmt::format("{:g}", 100 * level); }

std::size_t id_width(const Observations& o) {
  std::size_t width = 5;
  for (const ObservedEvent& e : o.events) width = std::max(width, e.id.size());
  return width;
}

std::size_t series_width(const Observations& o) {
  std::size_t width = 6;
  for (const IndicatorObservation& i : o.indicators) width = std::max(width, i.series.size());
  return width;
}

std::string events_block(const Observations& o, const StrategyScore& s) {
  const std::size_t w = id_width(o);
  std::string out = fmt::format(
      "\nEvents: p = share of runs in which it happens; Brier = (p - outcome)^2; persistence = "
      "each\nrun's month 0 held\n{:<{}}  {:<18}  {:>8}  {:>5}  {:>6}  {:>7}  {:>6}\n",
      "event", w, "horizon", "happened", "p", "Brier", "persist", "Brier");
  for (std::size_t i = 0; i < s.events.size(); ++i) {
    const ObservedEvent& e = o.events[i];
    const EventScore& score = s.events[i];
    out += fmt::format("{:<{}}  {:<18}  {:>8}  {:>5.2f}  {:>6.3f}  {:>7.2f}  {:>6.3f}\n", e.id, w,
                       horizon(o, e.predicate), e.happened ? "yes" : "no", score.probability,
                       score.brier, score.persistence_probability, score.persistence_brier);
  }
  out += fmt::format("{:<{}}  {:>6.3f}  {:>7}  {:>6.3f}  skill {}\n",
                     fmt::format("mean of {} events", s.events.size()), w + 37, s.summary.brier, "",
                     s.summary.persistence_brier, skill_text(s.summary.brier_skill));
  return out;
}

std::string indicators_block(const Observations& o, const ScorePlan& plan, const StrategyScore& s) {
  const std::size_t w = series_width(o);
  std::string bands;
  for (double level : plan.band_levels) bands += fmt::format(" {:>3}", level_text(level));
  std::string out = fmt::format(
      "\nIndicators: CRPS of the runs; median and its error; whether the central bands (%) hold "
      "the\nvalue; persistence = each run's month 0 held; trend = a line through the earlier "
      "values\n{:<{}}  {:<7}  {:>8}  {:>7}  {:>7}  {:>6}{}  {:>7}  {:>6}  {:>7}  {:>6}\n",
      "series", w, "month", "observed", "median", "error", "CRPS", bands, "persist", "CRPS",
      "trend", "CRPS");
  for (const IndicatorScore& score : s.indicators) {
    const IndicatorObservation& i = o.indicators[score.observation];
    std::string held;
    for (bool in : score.in_band) held += fmt::format(" {:>3}", in ? "y" : "-");
    const std::string observed =
        i.interval ? fmt::format("{:.2f}*", i.value) : fmt::format("{:.2f}", i.value);
    out +=
        fmt::format("{:<{}}  {:<7}  {:>8}  {:>7.2f}  {:>+7.2f}  {:>6.3f}{}  {:>7.2f}  {:>6.3f}",
                    i.series, w, month_label(o.start, i.month), observed, score.median, score.error,
                    score.crps, held, score.persistence_median, score.persistence_crps);
    out += score.trend ? fmt::format("  {:>7.2f}  {:>6.3f}\n", *score.trend, *score.trend_crps)
                       : fmt::format("  {:>7}  {:>6}\n", "-", "-");
  }
  std::string covered;
  for (std::size_t count : s.summary.covered) covered += fmt::format(" {:>3}", count);
  out += fmt::format("{:<{}}  {:>7}  {:>+7.2f}  {:>6.3f}{}  {:>7}  {:>6.3f}  {:>7}  {:>6}\n",
                     fmt::format("mean of {} values (error: mean |error|)", s.indicators.size()),
                     w + 19, "", s.summary.mean_absolute_error, s.summary.crps, covered, "",
                     s.summary.persistence_crps, "",
                     s.summary.trend_count > 0 ? fmt::format("{:.3f}", s.summary.trend_crps) : "-");
  out += fmt::format(
      "CRPS skill: {} against persistence, {} against the trend (over the {} values "
      "that have one: {:.3f} vs {:.3f})\n",
      skill_text(s.summary.crps_skill), skill_text(s.summary.trend_skill), s.summary.trend_count,
      s.summary.crps_where_trend, s.summary.trend_crps);
  if (std::any_of(o.indicators.begin(), o.indicators.end(),
                  [](const IndicatorObservation& i) { return i.interval.has_value(); })) {
    out += "* the source gives an interval: CRPS is its mean over the interval\n";
  }
  return out;
}

std::string summary_block(const Observations& o, const ScorePlan& plan,
                          const std::vector<StrategyScore>& scores) {
  std::string bands;
  for (double level : plan.band_levels) bands += fmt::format("  {:>6}", level_text(level) + "%");
  std::string out = fmt::format(
      "\nSummary: skill = 1 - score / baseline's score (above 0: better than the baseline)\n"
      "{:<16}  {:>6}  {:>7}  {:>7}  {:>7}  {:>7}{}\n",
      "strategy", "Brier", "skill", "CRPS", "skill", "trend", bands);
  for (const StrategyScore& s : scores) {
    std::string covered;
    for (std::size_t count : s.summary.covered) {
      covered += fmt::format("  {:>6}", fmt::format("{}/{}", count, o.indicators.size()));
    }
    out += fmt::format(
        "{:<16}  {:>6.3f}  {:>7}  {:>7.3f}  {:>7}  {:>7}{}\n", strategy_label(s.strategy),
        s.summary.brier, skill_text(s.summary.brier_skill), s.summary.crps,
        skill_text(s.summary.crps_skill), skill_text(s.summary.trend_skill), covered);
  }
  if (!scores.empty()) {
    const ScoreSummary& first = scores.front().summary;
    out += fmt::format("{:<16}  {:>6.3f}  {:>7}  {:>7.3f}  (the runs' month 0 held)\n",
                       "persistence", first.persistence_brier, "", first.persistence_crps);
  }
  return out;
}

}  // namespace

std::string score_table(const Observations& observations, const ScoreContext& context,
                        const std::vector<StrategyScore>& scores) {
  const auto& plan = context.plan;
  std::string out = fmt::format(
      "{}: {} events, {} indicator values (month 0 = {})\nscored: {}, {} x {} runs x {} months, "
      "seed {}, engine {}\n",
      observations.name, observations.events.size(), observations.indicators.size(),
      observations.start, context.scenario_file,
      scores.size() == 1 ? "1 strategy" : fmt::format("{} strategies", scores.size()), plan.runs,
      plan.engagement.months, plan.seed, plan.engagement.engine);
  for (const StrategyScore& s : scores) {
    out += fmt::format("\n== {} ==\n", strategy_label(s.strategy));
    if (!s.events.empty()) out += events_block(observations, s);
    if (!s.indicators.empty()) out += indicators_block(observations, context.scoring, s);
  }
  out += summary_block(observations, context.scoring, scores);
  return out;
}

std::string score_csv(const Observations& observations, const ScorePlan& plan,
                      const std::vector<StrategyScore>& scores) {
  std::string out =
      "strategy,kind,item,month,observed,forecast,score,persistence_forecast,persistence_score,"
      "trend_forecast,trend_score";
  for (double level : plan.band_levels) out += ",in_band_" + level_text(level);
  out += "\n";
  auto optional = [](const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : std::string();
  };
  for (const StrategyScore& s : scores) {
    for (std::size_t i = 0; i < s.events.size(); ++i) {
      const ObservedEvent& e = observations.events[i];
      const EventScore& score = s.events[i];
      out += fmt::format("{},event,{},{},{},{},{},{},{},,", s.strategy, e.id,
                         month_label(observations.start, e.predicate.month), e.happened ? 1 : 0,
                         score.probability, score.brier, score.persistence_probability,
                         score.persistence_brier);
      out += std::string(plan.band_levels.size(), ',') + "\n";
    }
    for (const IndicatorScore& score : s.indicators) {
      const IndicatorObservation& o = observations.indicators[score.observation];
      out += fmt::format("{},indicator,{},{},{},{},{},{},{},{},{}", s.strategy, o.series,
                         month_label(observations.start, o.month), o.value, score.median,
                         score.crps, score.persistence_median, score.persistence_crps,
                         optional(score.trend), optional(score.trend_crps));
      for (bool in : score.in_band) out += in ? ",1" : ",0";
      out += "\n";
    }
  }
  return out;
}

std::string score_json(const Observations& observations, const ScoreContext& context,
                       const std::vector<StrategyScore>& scores) {
  using Json = nlohmann::ordered_json;
  auto optional = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  Json root;
  root["observations"] = {{"file", context.observations_file},
                          {"name", observations.name},
                          {"start", observations.start}};
  root["scenario"] = context.scenario_file;
  root["runs"] = context.plan.runs;
  root["months"] = context.plan.engagement.months;
  root["seed"] = context.plan.seed;
  root["engine"] = context.plan.engagement.engine;
  root["band_levels"] = context.scoring.band_levels;
  Json strategies = Json::array();
  for (const StrategyScore& s : scores) {
    Json events = Json::array();
    for (std::size_t i = 0; i < s.events.size(); ++i) {
      const ObservedEvent& e = observations.events[i];
      const EventScore& score = s.events[i];
      events.push_back({{"id", e.id},
                        {"label", e.label},
                        {"predicate", e.predicate.text},
                        {"horizon", month_label(observations.start, e.predicate.month)},
                        {"happened", e.happened},
                        {"probability", score.probability},
                        {"brier", score.brier},
                        {"persistence_probability", score.persistence_probability},
                        {"persistence_brier", score.persistence_brier}});
    }
    Json indicators = Json::array();
    for (const IndicatorScore& score : s.indicators) {
      const IndicatorObservation& o = observations.indicators[score.observation];
      Json row = {{"series", o.series},
                  {"month", month_label(observations.start, o.month)},
                  {"observed", o.value},
                  {"interval", o.interval ? Json::array({o.interval->first, o.interval->second})
                                          : Json(nullptr)},
                  {"median", score.median},
                  {"error", score.error},
                  {"crps", score.crps},
                  {"in_band", score.in_band},
                  {"persistence_median", score.persistence_median},
                  {"persistence_crps", score.persistence_crps},
                  {"trend", optional(score.trend)},
                  {"trend_crps", optional(score.trend_crps)}};
      indicators.push_back(row);
    }
    const ScoreSummary& sum = s.summary;
    Json summary = {{"brier", sum.brier},
                    {"persistence_brier", sum.persistence_brier},
                    {"brier_skill", optional(sum.brier_skill)},
                    {"crps", sum.crps},
                    {"persistence_crps", sum.persistence_crps},
                    {"crps_skill", optional(sum.crps_skill)},
                    {"trend_count", sum.trend_count},
                    {"crps_where_trend", sum.crps_where_trend},
                    {"trend_crps", sum.trend_crps},
                    {"trend_skill", optional(sum.trend_skill)},
                    {"covered", sum.covered},
                    {"mean_absolute_error", sum.mean_absolute_error}};
    strategies.push_back({{"strategy", s.strategy},
                          {"events", events},
                          {"indicators", indicators},
                          {"summary", summary}});
  }
  root["strategies"] = strategies;
  return root.dump(2) + "\n";
}

}  // namespace parley
