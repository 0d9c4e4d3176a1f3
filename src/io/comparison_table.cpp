#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "io/bands.hpp"
#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {
namespace {

using Key = std::tuple<std::string, std::string, int>;  // strategy, series, month

std::map<Key, const SeriesSummary*> index_of(const std::vector<SeriesSummary>& summaries) {
  std::map<Key, const SeriesSummary*> index;
  for (const SeriesSummary& s : summaries) index[{s.strategy, s.series, s.month}] = &s;
  return index;
}

using detail::fit;
using detail::format_band;
using detail::max_title;
using detail::precision_for;
using detail::strategy_label;

}  // namespace

std::string comparison_table(const Scenario& scenario, const ComparisonContext& context,
                             const std::vector<SeriesSummary>& summaries) {
  const auto index = index_of(summaries);
  const auto& plan = context.plan;
  // The checkpoints within the horizon, and always the horizon itself: the paired difference and
  // the policy table are at the last month simulated.
  std::vector<int> months;
  for (int m : context.checkpoints) {
    if (m < plan.engagement.months) months.push_back(m);
  }
  months.push_back(plan.engagement.months);
  const int last = months.back();

  // One strategy (`simulate`) has nothing to be compared with.
  const bool paired = plan.strategies.size() > 1;
  std::string out = fmt::format(
      "{} — {} {} x {} runs x {} months, seed {}, engine {} ({:.1f} s)\n"
      "Each cell: median [10%, 90%] over runs.",
      fit(scenario.meta.name, max_title), plan.strategies.size(),
      paired ? "strategies" : "strategy", plan.runs, plan.engagement.months, plan.seed,
      plan.engagement.engine, context.seconds);
  out += paired ? fmt::format(
                      " The last column: median and band of the paired\n"
                      "difference to '{}' at month {} (same draws in every run).\n",
                      strategy_label(context.reference), last)
                : "\n";

  for (std::size_t i = 0; i < indicator_count; ++i) {
    const auto indicator = static_cast<Indicator>(i);
    const std::string series = to_string(indicator);
    const int precision = precision_for(series);
    out += fmt::format("\n{}: {}\n{:<16}", series, describe(indicator), "strategy");
    for (int m : months) out += fmt::format("  {:>24}", fmt::format("month {}", m));
    out += paired ? fmt::format("  {:>24}\n", "vs " + strategy_label(context.reference)) : "\n";
    for (const std::string& strategy : plan.strategies) {
      out += fmt::format("{:<16}", strategy_label(strategy));
      for (int m : months) {
        out +=
            fmt::format("  {:>24}", format_band(index.at({strategy, series, m})->value, precision));
      }
      if (!paired) {
        out += "\n";
        continue;
      }
      const SeriesSummary* at_last = index.at({strategy, series, last});
      out += strategy == context.reference
                 ? fmt::format("  {:>24}\n", "-")
                 : fmt::format("  {:>24}\n", format_band(at_last->difference, precision));
    }
  }

  // The issue column is as wide as its longest label (ids are at most 64 characters), so a long
  // id never pushes its row's numbers out of their columns.
  std::vector<std::string> labels;
  labels.reserve(scenario.issues.size());
  std::size_t label_width = 24;
  for (const Issue& issue : scenario.issues) {
    labels.push_back(
        fmt::format("{} ({:.0f})", issue.id,
                    issue.status_quo.value_or(0.5 * (issue.scale_min + issue.scale_max))));
    label_width = std::max(label_width, labels.back().size());
  }
  out += fmt::format(
      "\nThe regime's policy at month {} (median over runs; status quo in brackets)\n{:<{}}", last,
      "issue", label_width);
  for (const std::string& strategy : plan.strategies) {
    out += fmt::format("  {:>14}", strategy_label(strategy).substr(0, 14));
  }
  out += "\n";
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const Issue& issue = scenario.issues[i];
    out += fmt::format("{:<{}}", labels[i], label_width);
    for (const std::string& strategy : plan.strategies) {
      out +=
          fmt::format("  {:>14.1f}", index.at({strategy, "policy:" + issue.id, last})->value.p50);
    }
    out += "\n";
  }
  return out;
}

}  // namespace parley
