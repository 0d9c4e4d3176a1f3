// The report page: one HTML file holding its text, tables, chart specifications, the charting
// scripts and their licences. Its Content-Security-Policy allows no source outside the file, so
// opening it makes no network request; the charts are drawn by vega-embed with Vega's AST
// interpreter, which needs no eval.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "io/report/assets.hpp"
#include "io/report/report.hpp"

namespace parley::detail {
namespace {

constexpr const char* content_security_policy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'";

constexpr const char* style = R"css(
:root { --ink: #1d1d1d; --muted: #5b5b5b; --rule: #d6d6d6; --judgement: #b34700;
  --sourced: #00598f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0;
  background: #fff; }
main { max-width: 760px; margin: 0 auto; padding: 28px 20px 60px; }
h1, h2, h3, h4, nav, figcaption, table, .meta, .basis, .tag, .banner, .legend {
  font-family: Helvetica, Arial, sans-serif; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 40px 0 10px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 22px 0 6px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 4px; }
.banner { background: #fff4e5; border-left: 4px solid var(--judgement); padding: 8px 12px;
  font-size: 14px; margin: 12px 0; }
nav { font-size: 13px; margin: 18px 0; columns: 2; }
nav a { color: var(--ink); }
ul.findings { padding-left: 18px; }
ul.findings li { margin: 0 0 10px; }
.basis { display: block; font-size: 12.5px; color: var(--muted); margin-top: 2px; }
.tag { display: inline-block; font-size: 10.5px; line-height: 1.3; padding: 0 5px;
  border-radius: 3px; border: 1px solid; white-space: nowrap; vertical-align: 1px; }
.tag.j { color: var(--judgement); border-color: var(--judgement); background: #fff4e5; }
.tag.s { color: var(--sourced); border-color: var(--sourced); background: #eaf4fb; }
.tag.n, .tag.f { color: var(--muted); border-color: #999; background: #f3f3f3; }
.legend { font-size: 12.5px; color: var(--muted); }
figure { margin: 18px 0 26px; }
figure h3 { margin-top: 0; }
figcaption { font-size: 12.5px; color: var(--muted); margin-top: 4px; }
.chart { min-height: 60px; }
.chart svg { max-width: 100%; height: auto; }
table.data { border-collapse: collapse; font-size: 12.5px; width: 100%; margin: 8px 0 14px; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: 3px 6px;
  border-bottom: 1px solid var(--rule); }
table.data th { border-bottom: 1.5px solid var(--ink); }
table.data td.num, table.data th.num { text-align: right; white-space: nowrap; }
table.compact { font-size: 11.5px; }
.id { color: var(--muted); font-size: 0.85em; font-family: Menlo, Consolas, monospace; }
code { font-family: Menlo, Consolas, monospace; font-size: 0.88em; }
ul.plain { padding-left: 18px; }
ul.plain li { margin-bottom: 6px; }
ol.sources { font-size: 13px; padding-left: 22px; }
ol.sources a { word-break: break-all; }
ul.columns { columns: 2; column-gap: 24px; font-size: 11.5px; padding-left: 0;
  list-style: none; font-family: Helvetica, Arial, sans-serif; }
ul.columns li { break-inside: avoid; margin-bottom: 2px; }
pre.licences { font-size: 11px; white-space: pre-wrap; background: #f7f7f7; padding: 10px; }
@media print {
  @page { size: A4; margin: 16mm 14mm 16mm 14mm; }
  body { font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  nav, .vega-embed .vega-actions, details.licences { display: none !important; }
  h2 { break-before: page; border-top: none; padding-top: 0; margin-top: 0; }
  section#findings h2 { break-before: avoid; }
  h3, h4 { break-after: avoid; }
  figure, tr, li.finding, p.legend { break-inside: avoid; }
  table.data { font-size: 8.5pt; }
  table.compact { font-size: 7.5pt; }
  ul.columns { font-size: 7pt; }
  ol.sources a::after { content: ""; }
  .print-only { display: block !important; }
}
.print-only { display: none; }
)css";

// Draws every chart once the scripts have loaded; marks the page when all are drawn (or one
// failed), which the browser test and --pdf wait for.
constexpr const char* renderer = R"js(
(function () {
  "use strict";
  var root = document.documentElement;
  var charts = document.querySelectorAll("[data-spec]");
  var pending = charts.length;
  function finished() {
    if (root.getAttribute("data-charts") !== "failed") root.setAttribute("data-charts", "drawn");
  }
  if (pending === 0) { finished(); return; }
  charts.forEach(function (element) {
    var spec = JSON.parse(document.getElementById(element.getAttribute("data-spec")).textContent);
    vegaEmbed(element, spec, {
      mode: "vega-lite", renderer: "svg", ast: true,
      actions: { export: true, source: false, compiled: false, editor: false }
    }).then(function () {
      if (--pending === 0) finished();
    }).catch(function (error) {
      root.setAttribute("data-charts", "failed");
      element.textContent = "This chart could not be drawn: " + error;
      console.error("chart " + element.id + ": " + error);
    });
  });
})();
)js";

std::string strategy_label_html(const std::string& id) { return html_escape(strategy_name(id)); }

std::string command_summary(const ReportData& d) {
  const auto& p = d.plan;
  std::string what;
  if (p.command == "sweep") {
    what = fmt::format("sweep of {} over {} values, {} strategies, {} runs at each value",
                       d.sweep_path, d.sweep_values.size(), p.strategies.size(),
                       d.sweep_values.empty() ? p.runs : p.runs / d.sweep_values.size());
  } else if (p.command == "sensitivity" && d.screening) {
    what = fmt::format("Morris screening, {} trajectories ({} runs)", d.screening->trajectories,
                       p.runs);
  } else {
    what = fmt::format("{} strateg{} × {} runs", p.strategies.size(),
                       p.strategies.size() == 1 ? "y" : "ies", p.runs);
  }
  return fmt::format("{}: {} × {} months, seed {}, engine {}", p.command, what, p.months, p.seed,
                     p.engine);
}

std::string header_html(const ReportData& d) {
  const Scenario& s = d.scenario;
  std::string out = fmt::format("<header>\n<h1>{}</h1>\n", html_escape(s.meta.name));
  out += fmt::format("<p class=\"meta\">An analyst's brief from parley · scenario as of {} · {}",
                     html_escape(s.meta.as_of.empty() ? "(no date)" : s.meta.as_of),
                     html_escape(command_summary(d)));
  if (!d.reference.empty()) {
    out += fmt::format(" · differences to <strong>{}</strong>", strategy_label_html(d.reference));
  }
  out += "</p>\n";
  out += fmt::format(
      "<p class=\"meta\">Runs finished {} (parley {}); run directory <code>{}</code></p>\n",
      html_escape(d.finished.empty() ? "(not finished)" : d.finished),
      html_escape(d.parley_version), html_escape(d.directory.filename().string()));
  if (d.plan.shards > 1) {
    out += fmt::format(
        "<p class=\"banner\">Shard {}/{}: the database holds the runs r with r % {} = {}, {} "
        "of the {} runs planned. The figures below cover those runs only; <code>parley "
        "merge</code> combines the {} shards into the whole run.</p>\n",
        d.plan.shard, d.plan.shards, d.plan.shards, d.plan.shard - 1, d.runs_stored, d.plan.runs,
        d.plan.shards);
  } else if (!d.complete || d.runs_stored < d.plan.runs) {
    out += fmt::format(
        "<p class=\"banner\">Incomplete: the database holds {} of the {} runs "
        "planned (the run was stopped). The figures below cover those runs only; "
        "<code>--resume</code> finishes the run.</p>\n",
        d.runs_stored, d.plan.runs);
  }
  return out + "</header>\n";
}

std::string tag_for(Basis basis) {
  switch (basis) {
    case Basis::judgement:
      return "<span class=\"tag j\">hangs on judgements</span>";
    case Basis::sourced:
      return "<span class=\"tag s\">hangs on sourced figures</span>";
    case Basis::spread:
      return "<span class=\"tag f\">no single number</span>";
    case Basis::fixed:
      return "<span class=\"tag f\">same in every draw</span>";
  }
  return "";
}

std::string driver_html(const Driver& d) {
  const std::string kind = d.judgement ? (d.source.empty() ? "no source" : "judgement") : "sourced";
  std::string measure;
  if (d.mu_star) {
    measure = fmt::format("μ* {:.3g}", *d.mu_star);
  } else if (d.rho != 0) {
    measure = fmt::format("ρ {}", fixed(d.rho, 2));
    // Worth saying only where the number decides whether the finding holds.
    if (std::abs(d.holds_low - d.holds_high) >= 0.1) {
      measure += fmt::format(
          "; the finding holds in {:.0f}% of the draws where it is lowest, "
          "{:.0f}% where it is highest",
          100 * d.holds_low, 100 * d.holds_high);
    }
  }
  const std::string source = d.source.empty() ? "" : "; cites " + html_escape(d.source);
  return fmt::format("<code>{}</code> ({}{}{}{})", html_escape(d.path), kind, source,
                     measure.empty() ? "" : "; ", html_escape(measure));
}

std::string basis_html(const Finding& f, std::size_t runs) {
  std::string drivers;
  for (const Driver& d : f.drivers) drivers += (drivers.empty() ? "" : "; ") + driver_html(d);
  switch (f.basis) {
    case Basis::judgement:
    case Basis::sourced:
      return fmt::format("{} {}.", f.basis == Basis::judgement ? "Hangs on" : "Tied to", drivers);
    case Basis::spread:
      return fmt::format(
          "No uncertain number goes with it closely (every |ρ| below {}): its "
          "spread comes from the monthly shocks and many small effects; it rests "
          "on the scenario's fixed numbers and the model.",
          fixed(driver_threshold(runs), 2));
    case Basis::fixed:
      return "The same in every draw: no uncertain number changes it; it rests on the scenario's "
             "fixed numbers and the model.";
  }
  return "";
}

std::string finding_html(const Finding& f, std::size_t runs) {
  return fmt::format(
      "<li class=\"finding basis-{}\" id=\"finding-{}\" data-basis=\"{}\">{} {}"
      "<span class=\"basis\">{}</span></li>\n",
      to_string(f.basis), html_escape(f.id), to_string(f.basis), html_escape(f.text),
      tag_for(f.basis), basis_html(f, runs));
}

std::string findings_html(const ReportData& d, const std::vector<Finding>& findings) {
  std::string out = "<section id=\"findings\">\n<h2>Findings</h2>\n";
  if (findings.empty()) {
    return out + "<p>There is nothing to compare in this run directory.</p>\n</section>\n";
  }
  const std::size_t runs = d.runs_stored;
  // Grouped by the strategy a finding compares with the reference; the rest after.
  std::vector<std::string> groups;
  // compare and score: a strategy against the reference; sweeps and screenings list theirs.
  const bool compared = !d.reference.empty() && d.plan.command != "sweep" && !d.screening;
  for (const std::string& s : d.plan.strategies) {
    if (compared && s != d.reference) groups.push_back(s);
  }
  std::vector<bool> shown(findings.size(), false);
  for (const std::string& group : groups) {
    std::string items;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (findings[i].strategy != group) continue;
      items += finding_html(findings[i], runs);
      shown[i] = true;
    }
    if (items.empty()) continue;
    out += fmt::format("<h3>{} against {}</h3>\n<ul class=\"findings\">\n{}</ul>\n",
                       strategy_label_html(group), strategy_label_html(d.reference), items);
  }
  std::string rest;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!shown[i]) rest += finding_html(findings[i], runs);
  }
  if (!rest.empty()) {
    out += fmt::format("{}<ul class=\"findings\">\n{}</ul>\n",
                       groups.empty() ? "" : "<h3>Whatever the strategy</h3>\n", rest);
  }
  if (d.screening) {
    return out + fmt::format(
                     "<p class=\"legend\">μ* is the mean absolute change of the outcome when a "
                     "factor moves over its whole range, over {} Morris trajectories; the "
                     "factors are marked <span class=\"tag j\">judgement</span> or <span "
                     "class=\"tag s\">sourced</span> as the scenario says.</p>\n</section>\n",
                     d.screening->trajectories);
  }
  if (d.plan.command == "sweep") {
    return out + fmt::format(
                     "<p class=\"legend\">Every number is a median over the runs at one value "
                     "of <code>{}</code>; every value sees the same draws. The swept number is "
                     "marked <span class=\"tag j\">judgement</span> or <span class=\"tag "
                     "s\">sourced</span> as the scenario says.</p>\n</section>\n",
                     html_escape(d.sweep_path));
  }
  out += fmt::format(
      "<p class=\"legend\">Every number is a median over the {} runs with its 10-90% band in "
      "brackets; differences are paired (each strategy against {} in the same run, with the same "
      "draws and shocks). What a finding hangs on: the uncertain numbers whose draws go with its "
      "outcome over the runs (Spearman's ρ at least {}), marked <span class=\"tag j\">judgement"
      "</span> when the scenario marks the number as the analyst's judgement or gives it no "
      "source, <span class=\"tag s\">sourced</span> when it cites a figure.</p>\n",
      runs, d.reference.empty() ? "the reference" : strategy_label_html(d.reference),
      fixed(driver_threshold(runs), 2));
  return out + "</section>\n";
}

std::string figure_html(const Chart& c) {
  return fmt::format(
      "<figure id=\"figure-{0}\">\n<h3>{1}</h3>\n<div class=\"chart\" id=\"chart-{0}\" "
      "data-spec=\"spec-{0}\"></div>\n<figcaption>{2}</figcaption>\n</figure>\n",
      html_escape(c.id), html_escape(c.title), html_escape(c.caption));
}

// Per issue: the status quo and each strategy's policy at the last month on the issue's scale.
std::string policy_table(const ReportData& d) {
  std::map<std::pair<std::string, std::string>, const SeriesSummary*> at_last;
  const int last = d.months.back();
  for (const SeriesSummary& s : d.summaries) {
    if (s.month == last) at_last[{s.strategy, s.series}] = &s;
  }
  std::string out =
      "<table class=\"data compact\"><thead><tr><th>issue (scale)</th><th "
      "class=\"num\">status quo</th>";
  for (const std::string& s : d.plan.strategies) {
    out += fmt::format("<th class=\"num\">{}</th>", strategy_label_html(s));
  }
  out += "</tr></thead><tbody>\n";
  for (const Issue& issue : d.scenario.issues) {
    out += fmt::format("<tr><td>{} <span class=\"id\">{}-{}</span></td><td class=\"num\">{}</td>",
                       html_escape(issue.label.empty() ? issue.id : issue.label),
                       fixed(issue.scale_min, 0), fixed(issue.scale_max, 0),
                       issue.status_quo ? fixed(*issue.status_quo, 0) : "-");
    for (const std::string& s : d.plan.strategies) {
      const auto found = at_last.find({s, "policy:" + issue.id});
      if (found == at_last.end()) {
        out += "<td class=\"num\">-</td>";
        continue;
      }
      const Band& b = found->second->value;
      out += fmt::format("<td class=\"num\">{} <span class=\"id\">[{}, {}]</span></td>",
                         fixed(b.p50, 1), fixed(b.p10, 1), fixed(b.p90, 1));
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string agreement_table(const ReportData& d) {
  std::string out = fmt::format("<table class=\"data compact\"><thead><tr><th>track</th>");
  for (const std::string& s : d.plan.strategies) {
    out += fmt::format("<th class=\"num\">{}</th>", strategy_label_html(s));
  }
  out += "</tr></thead><tbody>\n";
  const auto runs = static_cast<double>(d.runs_stored);
  for (const Issue& issue : d.scenario.issues) {
    std::string cells;
    bool any = false;
    for (const std::string& s : d.plan.strategies) {
      const auto c = std::find_if(
          d.agreements.begin(), d.agreements.end(),
          [&](const AgreementCurve& a) { return a.issue == issue.id && a.strategy == s; });
      if (c == d.agreements.end()) {
        cells += "<td class=\"num\">-</td>";
        continue;
      }
      any = true;
      const auto agreed = c->months_agreed.size();
      cells += agreed == 0
                   ? "<td class=\"num\">0%</td>"
                   : fmt::format(
                         "<td class=\"num\">{:.0f}% <span class=\"id\">month {}</span></td>",
                         100.0 * double(agreed) / runs, fixed(quantile(c->months_agreed, 0.5), 0));
    }
    if (!any) continue;
    out += fmt::format("<tr><td>{}</td>{}</tr>\n",
                       html_escape(issue.label.empty() ? issue.id : issue.label), cells);
  }
  return out +
         "</tbody></table>\n<p class=\"legend\">Share of runs in which the track agreed by "
         "month " +
         std::to_string(d.months.back()) + ", and the median month of agreement among them.</p>\n";
}

std::string recognition_table(const ReportData& d) {
  std::string out =
      "<table class=\"data compact\"><thead><tr><th>state</th><th "
      "class=\"num\">month 0</th>";
  for (const std::string& s : d.plan.strategies) {
    out += fmt::format("<th class=\"num\">{}</th>", strategy_label_html(s));
  }
  out += "</tr></thead><tbody>\n";
  std::vector<std::string> actors;
  for (const RecognitionCounts& c : d.recognition) {
    if (std::find(actors.begin(), actors.end(), c.actor) == actors.end()) actors.push_back(c.actor);
  }
  for (const std::string& actor : actors) {
    const Actor* a = find_actor(d.scenario, actor);
    std::string row =
        fmt::format("<tr><td>{}</td>", html_escape(a && !a->name.empty() ? a->name : actor));
    bool first = true;
    for (const std::string& s : d.plan.strategies) {
      const auto c = std::find_if(
          d.recognition.begin(), d.recognition.end(),
          [&](const RecognitionCounts& r) { return r.actor == actor && r.strategy == s; });
      if (c == d.recognition.end()) continue;
      if (first) {
        row += fmt::format("<td class=\"num\">{}</td>", fixed(c->start.p50, 0));
        first = false;
      }
      row += fmt::format("<td class=\"num\">{} <span class=\"id\">[{}, {}]</span></td>",
                         fixed(c->end.p50, 0), fixed(c->end.p10, 0), fixed(c->end.p90, 0));
    }
    out += row + "</tr>\n";
  }
  return out +
         "</tbody></table>\n<p class=\"legend\">Recognition steps (0-3) at month 0 and at "
         "month " +
         std::to_string(d.months.back()) + ": median [10%, 90%] over the runs.</p>\n";
}

std::string screening_table(const ReportData& d) {
  const Screening& s = *d.screening;
  std::string out =
      "<table class=\"data compact\"><thead><tr><th class=\"num\">rank</th><th>factor</th><th "
      "class=\"num\">range</th><th class=\"num\">μ*</th><th class=\"num\">μ</th><th "
      "class=\"num\">σ</th><th>the number is</th></tr></thead><tbody>\n";
  const std::size_t top = std::min<std::size_t>(20, s.effects.size());
  for (std::size_t i = 0; i < top; ++i) {
    const FactorEffect& e = s.effects[i];
    const NumberBasis basis = number_basis(d.scenario, e.path);
    const std::string kind = !basis.stated     ? "<span class=\"tag n\">no source</span>"
                             : basis.judgement ? "<span class=\"tag j\">judgement</span>"
                                               : "<span class=\"tag s\">sourced</span>";
    // The source in full on hover; its start in the table, which would otherwise run long.
    std::string cited = basis.source;
    if (cited.size() > 60) cited = cited.substr(0, cited.rfind(' ', 57)) + " …";
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td><code>{}</code></td><td class=\"num\">[{:.4g}, "
        "{:.4g}]</td><td class=\"num\">{:.4g}</td><td class=\"num\">{:.4g}</td><td "
        "class=\"num\">{:.4g}</td><td title=\"{}\">{} {}</td></tr>\n",
        i + 1, html_escape(e.path), e.low, e.high, e.mu_star, e.mu, e.sigma,
        html_escape(basis.source), kind, html_escape(cited));
  }
  out += "</tbody></table>\n";
  if (top < s.effects.size()) {
    out += fmt::format("<p class=\"legend\">{} more factors are in sensitivity.csv.</p>\n",
                       s.effects.size() - top);
  }
  return out;
}

std::string method_html(const ReportData& d) {
  std::string out = "<section id=\"method\">\n<h2>How this brief was made</h2>\n";
  out += fmt::format(
      "<p>{} The scenario's uncertain numbers were drawn afresh in every run from their "
      "distributions (Philox streams from the seed, so the same seed gives the same runs on any "
      "machine and thread count); the monthly shocks come from the same streams, so every "
      "strategy meets the same world in a run. The database holds {} of the {} runs, months {} "
      "recorded ({}).</p>\n",
      html_escape(command_summary(d)) + ".", d.runs_stored, d.plan.runs,
      d.months.size() == static_cast<std::size_t>(d.plan.months) + 1
          ? "every month"
          : fmt::format("{} months", d.months.size()),
      to_string(d.plan.record));
  out +=
      "<p>The sentences are written by parley from the numbers in the run directory; nothing "
      "in them was typed by hand. A finding's drivers are found by ranking every uncertain "
      "number's draws against the finding's outcome over the runs. The fixed numbers of the "
      "scenario (those without an uncertainty entry) do not vary, so no finding can show its "
      "dependence on them: the scenario section marks which of them are judgements.</p>\n";
  out += "<p>Made with:</p>\n<ul class=\"plain\">\n";
  for (const std::string& line : d.command_lines) {
    out += "<li><code>" + html_escape(line) + "</code></li>\n";
  }
  out += "</ul>\n";
  const ReportAssets& a = report_assets();
  out += fmt::format(
      "<p>Charts drawn by Vega {}, Vega-Lite {} and vega-embed {} (BSD-3-Clause), "
      "embedded in this file with their licences and those of the packages they "
      "bundle.</p>\n",
      a.vega.version, a.vega_lite.version, a.vega_embed.version);
  out +=
      "<p class=\"print-only legend\">The licences of the embedded scripts are in the HTML "
      "file.</p>\n";
  out +=
      "<details class=\"licences\"><summary>Licences of the embedded scripts</summary>\n<pre "
      "class=\"licences\">" +
      html_escape(a.licences) + "</pre></details>\n";
  return out + "</section>\n";
}

std::string nav_html(const std::vector<std::pair<std::string, std::string>>& sections) {
  std::string out = "<nav><strong>Contents</strong><ol>\n";
  for (const auto& [id, title] : sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", id, html_escape(title));
  }
  return out + "</ol></nav>\n";
}

std::string section_html(const std::string& id, const std::string& title, const std::string& intro,
                         const std::vector<Chart>& charts, const std::string& after = "") {
  std::string out =
      fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}", id, html_escape(title), intro);
  for (const Chart& c : charts) out += figure_html(c);
  return out + after + "</section>\n";
}

std::string script_element(std::string_view text) {
  return "<script>" + std::string(text) + "</script>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fixed(double value, int precision) {
  if (!std::isfinite(value)) return "n/a";
  std::string text = fmt::format("{:.{}f}", value, precision);
  // -0.04 rounded to one decimal reads "-0.0": no sign on a zero.
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

int report_precision(const std::string& series) {
  if (series == "recognition_steps" || series == "agreements" || series.rfind("policy:", 0) == 0 ||
      series == "attacks_per_month") {
    return 1;
  }
  return 2;
}

std::string strategy_name(const std::string& id) { return id.empty() ? "(baselines)" : id; }

// Scores against observations, when the database holds a scoring: the summary per strategy,
// then every event's probability and every indicator value's median beside what happened.
std::string scores_html(const ReportData& d) {
  if (!d.scoring) return "";
  const StoredScoring& s = *d.scoring;
  auto value = [](const std::optional<double>& v, int precision) {
    return v ? fixed(*v, precision) : std::string("-");
  };
  std::vector<std::string> strategies;
  for (const auto& row : s.summaries) strategies.push_back(row.strategy);
  const std::int64_t events = s.summaries.empty() ? 0 : s.summaries.front().events;
  const std::int64_t indicators = s.summaries.empty() ? 0 : s.summaries.front().indicators;
  std::string out = fmt::format(
      "<section id=\"scores\">\n<h2>Scores against what happened</h2>\n<p>The runs scored "
      "against <strong>{}</strong> (<code>{}</code>, month 0 = {}; scored {}): {} events and {} "
      "indicator values. Lower Brier and CRPS are better; skill is 1 − score / the persistence "
      "baseline's (every run's month 0 held): above 0 the runs beat it (parley's "
      "docs/observations.md explains every score).</p>\n",
      html_escape(s.observations_name), html_escape(s.observations_file), html_escape(s.start),
      html_escape(s.created), events, indicators);
  out +=
      "<table class=\"data compact\"><thead><tr><th>strategy</th><th class=\"num\">Brier</th>"
      "<th class=\"num\">persistence</th><th class=\"num\">skill</th><th "
      "class=\"num\">CRPS</th><th class=\"num\">persistence</th><th "
      "class=\"num\">skill</th><th class=\"num\">in the 80% band</th></tr></thead><tbody>\n";
  for (const auto& row : s.summaries) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(strategy_name(row.strategy)), value(row.brier, 3),
        value(row.persistence_brier, 3), value(row.brier_skill, 2), value(row.crps, 3),
        value(row.persistence_crps, 3), value(row.crps_skill, 2),
        row.covered_80 ? fmt::format("{} of {}", *row.covered_80, row.indicators) : "-");
  }
  out += "</tbody></table>\n";
  // One row per observation, one column per strategy.
  for (const char* kind : {"event", "indicator"}) {
    const bool event = std::string(kind) == "event";
    std::map<std::string, std::vector<const StoredScoring::Observation*>> by_strategy;
    for (const auto& o : s.observations) {
      if (o.kind == kind) by_strategy[o.strategy].push_back(&o);
    }
    const auto& first = by_strategy[strategies.empty() ? std::string() : strategies.front()];
    if (first.empty()) continue;
    out += fmt::format(
        "<h3>{}</h3>\n<table class=\"data compact\"><thead><tr><th>{}</th><th>"
        "by</th><th class=\"num\">{}</th>",
        event ? "Events: the share of runs in which each happened"
              : "Indicator values: the runs' median (✓ inside the 80% band)",
        event ? "event" : "series", event ? "happened" : "observed");
    for (const std::string& st : strategies) {
      out += fmt::format("<th class=\"num\">{}</th>", html_escape(strategy_name(st)));
    }
    out += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < first.size(); ++i) {
      const auto& o = *first[i];
      out +=
          fmt::format("<tr><td title=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td>",
                      html_escape(o.predicate.empty() ? o.source : o.predicate),
                      html_escape(o.item), html_escape(o.date),
                      event ? (o.observed != 0 ? "yes" : "no") : fmt::format("{:.4g}", o.observed));
      for (const std::string& st : strategies) {
        const auto& column = by_strategy[st];
        const StoredScoring::Observation* match = i < column.size() ? column[i] : nullptr;
        if (match == nullptr) {
          out += "<td class=\"num\">-</td>";
        } else if (event) {
          out += fmt::format("<td class=\"num\">{:.0f}%</td>", 100 * match->forecast);
        } else {
          out += fmt::format("<td class=\"num\">{:.4g}{}</td>", match->forecast,
                             match->in_band_80.value_or(false) ? " ✓" : "");
        }
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  return out + "</section>\n";
}

}  // namespace parley::detail

namespace parley {

std::string report_html(const std::filesystem::path& run_directory, const ReportOptions& options) {
  using namespace detail;
  const ReportAssets& assets = report_assets();
  if (!assets.available) {
    throw Error(ErrorId::io_unavailable,
                "this parley was built without the report's charting scripts "
                "(configured with -DPARLEY_REPORT=OFF); rebuild it with npm installed");
  }
  const ReportData data = read_report_data(run_directory, options);
  const std::vector<Finding> findings = headline_findings(data, stored_draws(data.directory));
  const std::string& command = data.plan.command;

  std::vector<Chart> all;
  std::string body;
  std::vector<std::pair<std::string, std::string>> contents{{"findings", "Findings"}};
  auto add = [&](const std::string& id, const std::string& title, const std::string& intro,
                 std::vector<Chart> charts, const std::string& after = "") {
    body += section_html(id, title, intro, charts, after);
    contents.emplace_back(id, title);
    all.insert(all.end(), charts.begin(), charts.end());
  };
  // compare, simulate, and score, whose runs are a comparison's.
  if (command != "sweep" && !data.screening) {
    add("indicators", "Indicators month by month",
        "<p>Every indicator the runs record, for every strategy; indicators that do not move in "
        "any run are left out.</p>\n",
        indicator_charts(data));
    add("policy", "The regime's policy on every issue", "", policy_charts(data),
        policy_table(data));
    if (!data.agreements.empty()) {
      add("agreements", "Agreements by track", "", agreement_charts(data), agreement_table(data));
    }
    if (!data.recognition.empty()) {
      add("recognition", "Recognition by state", "", recognition_charts(data),
          recognition_table(data));
    }
  } else if (command == "sweep") {
    add("sweep", "The sweep",
        fmt::format("<p>The comparison at each value of <code>{}</code>.</p>\n",
                    html_escape(data.sweep_path)),
        sweep_charts(data));
  } else if (data.screening) {
    add("sensitivity", "What the outcome hangs on (Morris screening)", "", screening_charts(data),
        screening_table(data));
  }
  const std::string scores = scores_html(data);
  if (!scores.empty()) contents.emplace_back("scores", "Scores against what happened");
  contents.emplace_back("scenario", "The scenario");
  contents.emplace_back("sources", "Sources");
  contents.emplace_back("method", "How this brief was made");

  std::string page = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
      "http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"parley "
      "{}\">\n<title>{} — brief</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      content_security_policy, PARLEY_VERSION, html_escape(data.scenario.meta.name), style);
  page += header_html(data);
  page += nav_html(contents);
  page += findings_html(data, findings);
  page += body;
  page += scores;
  page += "<section id=\"scenario\">\n<h2>The scenario</h2>\n" + scenario_html(data.scenario) +
          "</section>\n";
  page +=
      "<section id=\"sources\">\n<h2>Sources</h2>\n" + sources_html(data.scenario) + "</section>\n";
  page += method_html(data);
  page += "</main>\n";
  for (const Chart& c : all) {
    page += fmt::format("<script type=\"application/json\" id=\"spec-{}\">{}</script>\n",
                        html_escape(c.id), c.spec);
  }
  page += script_element(assets.vega.text);
  page += script_element(assets.vega_lite.text);
  page += script_element(assets.vega_embed.text);
  page += script_element(renderer);
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace parley
