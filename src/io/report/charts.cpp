// The report's charts as Vega-Lite specifications. Every chart has a fixed width that fits an A4
// page (the screen and the print show the same drawing); colours follow the strategies' order,
// the reference in grey, from a palette that colour-blind readers can tell apart (Okabe & Ito).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "io/report/report.hpp"

namespace parley::detail {
namespace {

using json = nlohmann::ordered_json;

constexpr int page_width = 640;  // px of drawing across an A4 page's text width
constexpr const char* palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                   "#56B4E9", "#D55E00", "#F0E442", "#000000"};
constexpr const char* reference_colour = "#6b6b6b";

// A number JSON can hold, to 4 significant digits (a chart shows no more, and the file stays
// small): NaN and infinities (a band of no runs) as null.
json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return std::stod(fmt::format("{:.4g}", value));
}

json strategy_scale(const ReportData& data) {
  json domain = json::array(), range = json::array();
  std::size_t next = 0;
  for (const std::string& s : data.plan.strategies) {
    domain.push_back(strategy_name(s));
    if (s == data.reference && data.plan.strategies.size() > 1) {
      range.push_back(reference_colour);
    } else {
      range.push_back(palette[next++ % std::size(palette)]);
    }
  }
  return {{"domain", domain}, {"range", range}};
}

json strategy_order(const ReportData& data, bool without_reference = false) {
  json order = json::array();
  for (const std::string& s : data.plan.strategies) {
    if (without_reference && s == data.reference) continue;
    order.push_back(strategy_name(s));
  }
  return order;
}

// One panel per strategy, side by side, in the run's order.
json strategy_columns(const ReportData& data) {
  return {{"column",
           {{"field", "strategy"},
            {"type", "nominal"},
            {"sort", strategy_order(data)},
            {"title", nullptr}}}};
}

// Strategies told apart by colour, in the run's order, with the legend above the chart.
json strategy_colour(const ReportData& data) {
  return {{"field", "strategy"},
          {"type", "nominal"},
          {"scale", strategy_scale(data)},
          {"sort", strategy_order(data)},
          {"legend", {{"orient", "top"}, {"title", nullptr}}}};
}

json base_config() {
  return {{"font", "Helvetica, Arial, sans-serif"},
          {"view", {{"stroke", "#ddd"}}},
          {"axis", {{"labelFontSize", 10}, {"titleFontSize", 10}, {"grid", true}}},
          {"header", {{"labelFontSize", 11}, {"titleFontSize", 11}}},
          {"legend", {{"labelFontSize", 10}, {"titleFontSize", 10}}}};
}

// The unit part of a series' description: "people in acute food insecurity (IPC3+), millions"
// gives "millions".
std::string unit_of(const std::string& description) {
  const auto comma = description.rfind(", ");
  return comma == std::string::npos ? std::string() : description.substr(comma + 2);
}

std::string dump(const json& spec) {
  // '<' never appears outside a JSON string; inside one, \u003c keeps a "</script" or "<!--" in
  // a label from ending the <script> element that holds the specification.
  std::string text = spec.dump();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

const SeriesSummary* summary_of(
    const std::map<std::tuple<std::string, std::string, int>, const SeriesSummary*>& index,
    const std::string& strategy, const std::string& series, int month) {
  const auto found = index.find({strategy, series, month});
  return found == index.end() ? nullptr : found->second;
}

int panel_width(std::size_t panels) {
  const auto n = static_cast<int>(std::max<std::size_t>(panels, 1));
  return std::max(90, (page_width - 60) / n - 14);
}

// Whether a series shows anything: some band anywhere is not one constant.
bool varies(const std::vector<const SeriesSummary*>& rows) {
  if (rows.empty()) return false;
  const double first = rows.front()->value.p50;
  return std::any_of(rows.begin(), rows.end(), [&](const SeriesSummary* s) {
    return s->value.p10 != first || s->value.p50 != first || s->value.p90 != first;
  });
}

// Months 0 to the last, ticks every 6 or 12 months.
json month_axis(const ReportData& data) {
  return {{"field", "month"},
          {"type", "quantitative"},
          {"title", "month"},
          {"scale", {{"domain", {0, data.months.back()}}, {"nice", false}}},
          {"axis", {{"tickMinStep", data.months.back() > 24 ? 12 : 6}}}};
}

json fan_spec(const ReportData& data, const std::string& series, const json& values, bool paired) {
  json x = month_axis(data);
  const std::string unit = unit_of(describe_series(data.scenario, series));
  json colour = {{"field", "strategy"},
                 {"type", "nominal"},
                 {"scale", strategy_scale(data)},
                 {"legend", nullptr}};
  json layers = json::array();
  layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.25}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "p10"}, {"type", "quantitative"}, {"title", unit}}},
                      {"y2", {{"field", "p90"}}},
                      {"color", colour}}}});
  if (paired) {
    layers.push_back(
        {{"mark",
          {{"type", "line"}, {"color", "#222"}, {"strokeDash", {3, 3}}, {"strokeWidth", 1}}},
         {"encoding", {{"x", x}, {"y", {{"field", "reference"}, {"type", "quantitative"}}}}}});
  }
  layers.push_back(
      {{"mark", {{"type", "line"}, {"strokeWidth", 2}}},
       {"encoding",
        {{"x", x}, {"y", {{"field", "p50"}, {"type", "quantitative"}}}, {"color", colour}}}});
  return {
      {"data", {{"values", values}}},
      {"facet", strategy_columns(data)},
      {"spec",
       {{"width", panel_width(data.plan.strategies.size())}, {"height", 130}, {"layer", layers}}},
      {"config", base_config()}};
}

json difference_spec(const ReportData& data, const std::string& series, const json& values) {
  json x = month_axis(data);
  json colour = {{"field", "strategy"},
                 {"type", "nominal"},
                 {"scale", strategy_scale(data)},
                 {"legend", nullptr}};
  const std::string title = fmt::format("minus {}", strategy_name(data.reference));
  json layers = json::array();
  layers.push_back({{"mark", {{"type", "rule"}, {"color", "#222"}}},
                    {"encoding", {{"y", {{"datum", 0}, {"type", "quantitative"}}}}}});
  layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.25}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "d10"}, {"type", "quantitative"}, {"title", title}}},
                      {"y2", {{"field", "d90"}}},
                      {"color", colour}}}});
  layers.push_back(
      {{"mark", {{"type", "line"}, {"strokeWidth", 2}}},
       {"encoding",
        {{"x", x}, {"y", {{"field", "d50"}, {"type", "quantitative"}}}, {"color", colour}}}});
  (void)series;
  return {{"data", {{"values", values}}},
          {"facet",
           {{"column",
             {{"field", "strategy"},
              {"type", "nominal"},
              {"sort", strategy_order(data, true)},
              {"title", nullptr}}}}},
          {"spec",
           {{"width", panel_width(data.plan.strategies.size() - 1)},
            {"height", 110},
            {"layer", layers}}},
          {"config", base_config()}};
}

std::string issue_name(const Issue& issue) { return issue.label.empty() ? issue.id : issue.label; }

const Actor* actor_of(const Scenario& scenario, const std::string& id) {
  for (const Actor& a : scenario.actors) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

}  // namespace

std::vector<Chart> indicator_charts(const ReportData& data) {
  std::map<std::tuple<std::string, std::string, int>, const SeriesSummary*> index;
  for (const SeriesSummary& s : data.summaries) index[{s.strategy, s.series, s.month}] = &s;
  const bool paired = !data.reference.empty();
  std::vector<Chart> charts;
  for (std::size_t i = 0; i < indicator_count; ++i) {
    const std::string series = to_string(static_cast<Indicator>(i));
    std::vector<const SeriesSummary*> rows;
    json values = json::array(), differences = json::array();
    for (const std::string& strategy : data.plan.strategies) {
      for (int m : data.months) {
        const SeriesSummary* s = summary_of(index, strategy, series, m);
        if (s == nullptr) continue;
        rows.push_back(s);
        json row = {{"strategy", strategy_name(strategy)},
                    {"month", m},
                    {"p10", number(s->value.p10)},
                    {"p50", number(s->value.p50)},
                    {"p90", number(s->value.p90)}};
        if (paired) {
          const SeriesSummary* r = summary_of(index, data.reference, series, m);
          row["reference"] = number(r ? r->value.p50 : NAN);
          if (strategy != data.reference) {
            differences.push_back({{"strategy", strategy_name(strategy)},
                                   {"month", m},
                                   {"d10", number(s->difference.p10)},
                                   {"d50", number(s->difference.p50)},
                                   {"d90", number(s->difference.p90)}});
          }
        }
        values.push_back(row);
      }
    }
    if (!varies(rows)) continue;
    const std::string description = describe_series(data.scenario, series);
    const bool any_difference = std::any_of(rows.begin(), rows.end(), [](const SeriesSummary* s) {
      return s->difference.p10 != 0 || s->difference.p50 != 0 || s->difference.p90 != 0;
    });
    Chart fan;
    fan.id = "fan-" + series;
    fan.title = fmt::format("{}: {}", series, description);
    fan.caption = paired ? fmt::format(
                               "Median (line) and 10-90% band over the runs, month by month, "
                               "per strategy; the dashed line is {}'s median.",
                               strategy_name(data.reference))
                         : "Median (line) and 10-90% band over the runs, month by month.";
    fan.spec = dump(fan_spec(data, series, values, paired));
    charts.push_back(std::move(fan));
    // The same in every strategy (e.g. a population no strategy changes): nothing to pair.
    if (!paired || !any_difference) continue;
    Chart difference;
    difference.id = "difference-" + series;
    difference.title =
        fmt::format("{}: paired difference to {}", series, strategy_name(data.reference));
    difference.caption = fmt::format(
        "Each strategy minus {} in the same run (same draws and shocks): median and 10-90% band "
        "of the differences. Below the zero line the strategy has less of it.",
        strategy_name(data.reference));
    difference.spec = dump(difference_spec(data, series, differences));
    charts.push_back(std::move(difference));
  }
  return charts;
}

std::vector<Chart> policy_charts(const ReportData& data) {
  std::map<std::tuple<std::string, std::string, int>, const SeriesSummary*> index;
  for (const SeriesSummary& s : data.summaries) index[{s.strategy, s.series, s.month}] = &s;
  const int last = data.months.back();
  json values = json::array(), order = json::array();
  for (const Issue& issue : data.scenario.issues) {
    const double span = issue.scale_max - issue.scale_min;
    if (span <= 0) continue;
    order.push_back(issue_name(issue));
    auto share = [&](double v) { return number(100.0 * (v - issue.scale_min) / span); };
    for (const std::string& strategy : data.plan.strategies) {
      const SeriesSummary* end = summary_of(index, strategy, "policy:" + issue.id, last);
      const SeriesSummary* start = summary_of(index, strategy, "policy:" + issue.id, 0);
      if (end == nullptr || start == nullptr) continue;
      values.push_back({{"issue", issue_name(issue)},
                        {"strategy", strategy_name(strategy)},
                        {"p10", share(end->value.p10)},
                        {"p50", share(end->value.p50)},
                        {"p90", share(end->value.p90)},
                        {"start", share(start->value.p50)},
                        {"median", number(end->value.p50)}});
    }
  }
  if (values.empty()) return {};
  const std::size_t n = data.plan.strategies.size();
  json colour = strategy_colour(data);
  json x_title =
      fmt::format("policy at month {}, % of the issue's scale (low end 0, high end 100)", last);
  json y = {{"field", "issue"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}};
  json y_offset = {{"field", "strategy"}, {"type", "nominal"}, {"sort", strategy_order(data)}};
  json tooltip = json::array();
  tooltip.push_back({{"field", "issue"}});
  tooltip.push_back({{"field", "strategy"}});
  tooltip.push_back({{"field", "median"}, {"title", "median on the issue's scale"}});
  json layers = json::array();
  layers.push_back(
      {{"mark", {{"type", "tick"}, {"color", "#222"}, {"thickness", 1.5}}},
       {"encoding",
        {{"x", {{"field", "start"}, {"type", "quantitative"}}}, {"y", y}, {"yOffset", y_offset}}}});
  layers.push_back({{"mark", {{"type", "rule"}, {"strokeWidth", 1.5}}},
                    {"encoding",
                     {{"x",
                       {{"field", "p10"},
                        {"type", "quantitative"},
                        {"scale", {{"domain", {0, 100}}}},
                        {"title", x_title}}},
                      {"x2", {{"field", "p90"}}},
                      {"y", y},
                      {"yOffset", y_offset},
                      {"color", colour}}}});
  layers.push_back({{"mark", {{"type", "point"}, {"filled", true}, {"size", 28}}},
                    {"encoding",
                     {{"x", {{"field", "p50"}, {"type", "quantitative"}}},
                      {"y", y},
                      {"yOffset", y_offset},
                      {"color", colour},
                      {"tooltip", tooltip}}}});
  json spec = {{"data", {{"values", values}}},
               {"width", page_width - 200},
               {"height", {{"step", n > 3 ? 6 : 9}, {"for", "offset"}}},
               {"layer", layers},
               {"config", base_config()}};
  Chart chart;
  chart.id = "policy";
  chart.title = fmt::format("The regime's policy on every issue at month {}", last);
  chart.caption =
      "Per issue and strategy: median (dot) and 10-90% band (line) over the runs, as a share of "
      "the issue's scale; the black tick is where the policy stood at month 0 (median). The "
      "table below gives the values on each issue's own scale.";
  chart.spec = dump(spec);
  return {chart};
}

std::vector<Chart> agreement_charts(const ReportData& data) {
  json values = json::array(), order = json::array();
  const auto runs = static_cast<double>(data.runs_stored);
  for (const Issue& issue : data.scenario.issues) {
    bool any = false;
    for (const AgreementCurve& c : data.agreements) {
      if (c.issue != issue.id) continue;
      any = true;
      // A step line needs only the months where the share changes, and the ends.
      for (std::size_t m = 0; m < data.months.size(); ++m) {
        const bool end = m == 0 || m + 1 == data.months.size();
        if (!end && c.agreed_by[m] == c.agreed_by[m - 1]) continue;
        values.push_back({{"track", issue_name(issue)},
                          {"strategy", strategy_name(c.strategy)},
                          {"month", data.months[m]},
                          {"share", number(double(c.agreed_by[m]) / runs)}});
      }
    }
    if (any) order.push_back(issue_name(issue));
  }
  if (values.empty()) return {};
  json colour = strategy_colour(data);
  json spec = {{"data", {{"values", values}}},
               {"facet",
                {{"field", "track"},
                 {"type", "nominal"},
                 {"sort", order},
                 {"title", nullptr},
                 {"header", {{"labelLimit", 165}, {"labelFontSize", 10}}}}},
               {"columns", 3},
               {"spec",
                {{"width", 150},
                 {"height", 80},
                 {"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 1.8}}},
                 {"encoding",
                  {{"x", month_axis(data)},
                   {"y",
                    {{"field", "share"},
                     {"type", "quantitative"},
                     {"title", "share of runs agreed"},
                     {"scale", {{"domain", {0, 1}}}},
                     {"axis", {{"format", "%"}, {"tickCount", 3}}}}},
                   {"color", colour}}}}},
               {"config", base_config()}};
  Chart chart;
  chart.id = "agreements";
  chart.title = "When each track agreed";
  chart.caption =
      "Per negotiated track: the share of runs in which it had agreed by each month, "
      "per strategy. A track agreed once stays agreed in the record.";
  chart.spec = dump(spec);
  return {chart};
}

std::vector<Chart> recognition_charts(const ReportData& data) {
  if (data.recognition.empty()) return {};
  const auto runs = static_cast<double>(data.runs_stored);
  static constexpr const char* steps[] = {"0: none", "1: envoys", "2: ambassadors",
                                          "3: formal recognition"};
  json values = json::array(), order = json::array();
  for (const RecognitionCounts& c : data.recognition) {
    const Actor* actor = actor_of(data.scenario, c.actor);
    const std::string name = actor && !actor->name.empty() ? actor->name : c.actor;
    if (std::find(order.begin(), order.end(), json(name)) == order.end()) order.push_back(name);
    for (std::size_t k = 0; k < c.runs_at_step.size() && k < 4; ++k) {
      values.push_back({{"state", name},
                        {"strategy", strategy_name(c.strategy)},
                        {"steps", steps[k]},
                        {"order", k},
                        {"share", number(double(c.runs_at_step[k]) / runs)}});
    }
  }
  json spec = {
      {"data", {{"values", values}}},
      {"facet", strategy_columns(data)},
      {"spec",
       {{"width", panel_width(data.plan.strategies.size()) - 30},
        {"height", {{"step", 14}}},
        {"mark", {{"type", "bar"}}},
        {"encoding",
         {{"y", {{"field", "state"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}}},
          {"x",
           {{"field", "share"},
            {"type", "quantitative"},
            {"stack", "zero"},
            {"title", "share of runs"},
            {"axis", {{"format", "%"}, {"tickCount", 2}}},
            {"scale", {{"domain", {0, 1}}}}}},
          {"color",
           {{"field", "steps"},
            {"type", "ordinal"},
            {"scale",
             {{"domain", {steps[0], steps[1], steps[2], steps[3]}},
              {"range", {"#e8e8e8", "#bdd7e7", "#6baed6", "#08519c"}}}},
            {"legend", {{"orient", "top"}, {"title", "recognition steps taken"}}}}},
          {"order", {{"field", "order"}}},
          {"tooltip",
           {{{"field", "state"}},
            {{"field", "steps"}},
            {{"field", "share"}, {"format", ".0%"}}}}}}}},
      {"config", base_config()}};
  Chart chart;
  chart.id = "recognition";
  chart.title = fmt::format("Recognition by state at month {}", data.months.back());
  chart.caption =
      "Per state and strategy: the share of runs in which it had taken each number "
      "of recognition steps (0 none, 1 envoys or chargés accepted, 2 ambassadors "
      "accredited, 3 formal recognition).";
  chart.spec = dump(spec);
  return {chart};
}

std::vector<Chart> sweep_charts(const ReportData& data) {
  std::vector<std::string> order = data.sweep_series;
  for (std::size_t i = 0; i < indicator_count; ++i) {
    const std::string name = to_string(static_cast<Indicator>(i));
    if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
  }
  std::vector<Chart> charts;
  for (const std::string& series : order) {
    json values = json::array();
    bool any = false, moves = false;
    double first = NAN;
    for (const SweepBands& b : data.sweep) {
      if (b.series != series) continue;
      any = true;
      for (std::size_t k = 0; k < b.at_value.size() && k < data.sweep_values.size(); ++k) {
        const Band& band = b.at_value[k];
        if (std::isnan(first)) first = band.p50;
        moves = moves || band.p10 != first || band.p50 != first || band.p90 != first;
        values.push_back({{"strategy", strategy_name(b.strategy)},
                          {"value", data.sweep_values[k]},
                          {"p10", number(band.p10)},
                          {"p50", number(band.p50)},
                          {"p90", number(band.p90)}});
      }
    }
    if (!any || !moves) continue;
    json x = {{"field", "value"}, {"type", "quantitative"}, {"title", data.sweep_path}};
    json colour = strategy_colour(data);
    const std::string unit = unit_of(describe_series(data.scenario, series));
    json spec = {
        {"data", {{"values", values}}},
        {"width", page_width - 120},
        {"height", 170},
        {"layer",
         {{{"mark", {{"type", "area"}, {"opacity", 0.2}}},
           {"encoding",
            {{"x", x},
             {"y",
              {{"field", "p10"},
               {"type", "quantitative"},
               {"title", unit.empty() ? series : unit}}},
             {"y2", {{"field", "p90"}}},
             {"color", colour}}}},
          {{"mark", {{"type", "line"}, {"point", true}, {"strokeWidth", 2}}},
           {"encoding",
            {{"x", x}, {"y", {{"field", "p50"}, {"type", "quantitative"}}}, {"color", colour}}}}}},
        {"config", base_config()}};
    Chart chart;
    chart.id = "sweep-" + series;
    chart.title = fmt::format("{}: {}", series, describe_series(data.scenario, series));
    chart.caption = fmt::format(
        "At month {}: median (line) and 10-90% band over the runs at each "
        "value of {}, per strategy; every value sees the same draws.",
        data.months.back(), data.sweep_path);
    chart.spec = dump(spec);
    charts.push_back(std::move(chart));
  }
  return charts;
}

std::vector<Chart> screening_charts(const ReportData& data) {
  if (!data.screening || data.screening->effects.empty()) return {};
  const Screening& s = *data.screening;
  const std::size_t top = std::min<std::size_t>(20, s.effects.size());
  json values = json::array(), order = json::array();
  for (std::size_t i = 0; i < top; ++i) {
    const FactorEffect& e = s.effects[i];
    const NumberBasis basis = number_basis(data.scenario, e.path);
    order.push_back(e.path);
    values.push_back(
        {{"factor", e.path},
         {"mu", number(e.mu)},
         {"mu_star", number(e.mu_star)},
         {"sigma", number(e.sigma)},
         {"basis", basis.judgement ? (basis.stated ? "judgement" : "no source") : "sourced"}});
  }
  json y = {{"field", "factor"},
            {"type", "nominal"},
            {"sort", order},
            {"title", nullptr},
            {"axis", {{"labelLimit", 320}}}};
  json spec = {
      {"data", {{"values", values}}},
      {"width", 260},
      {"height", {{"step", 16}}},
      {"layer",
       {{{"mark", {{"type", "bar"}}},
         {"encoding",
          {{"y", y},
           {"x",
            {{"field", "mu"},
             {"type", "quantitative"},
             {"title", "μ: mean effect of moving the factor over its range"}}},
           {"color",
            {{"field", "basis"},
             {"type", "nominal"},
             {"scale",
              {{"domain", {"judgement", "sourced", "no source"}},
               {"range", {"#D55E00", "#0072B2", "#999999"}}}},
             {"legend", {{"orient", "top"}, {"title", nullptr}}}}},
           {"tooltip",
            {{{"field", "factor"}},
             {{"field", "mu_star"}, {"title", "μ*"}, {"format", ".3g"}},
             {{"field", "mu"}, {"title", "μ"}, {"format", ".3g"}},
             {{"field", "sigma"}, {"title", "σ"}, {"format", ".3g"}}}}}}},
        {{"mark", {{"type", "point"}, {"shape", "diamond"}, {"color", "#222"}, {"size", 30}}},
         {"encoding", {{"y", y}, {"x", {{"field", "mu_star"}, {"type", "quantitative"}}}}}}}},
      {"config", base_config()}};
  Chart chart;
  chart.id = "tornado";
  chart.title = fmt::format("What {} at month {} hangs on: the {} most important factors", s.series,
                            s.month, top);
  chart.caption =
      "Morris screening: the bar is μ, the mean change of the outcome when the factor moves over "
      "its whole range (its sign says which way); the diamond is μ*, the mean absolute change, "
      "by which the factors are ranked. A diamond far beyond its bar means the effect changes "
      "sign or acts through a threshold (σ in the table).";
  chart.spec = dump(spec);
  return {chart};
}

}  // namespace parley::detail
