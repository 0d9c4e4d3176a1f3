// The headline findings: sentences built from the numbers, each with its band, the share of
// draws in which it holds and what it hangs on. docs/report.md says how to read them.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "io/report/report.hpp"

namespace parley::detail {
namespace {

// Average ranks, 1-based; ties share the mean of their ranks.
std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> rank(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double mean = 0.5 * double(i + j) + 1.0;
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = mean;
    i = j + 1;
  }
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  if (x.size() < 3) return 0;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  // A constant series (every rank equal) goes with nothing.
  if (sxx <= 0 || syy <= 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

bool constant(const std::vector<double>& values) {
  return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

double share(const std::vector<char>& holds) {
  if (holds.empty()) return 0;
  return double(std::count(holds.begin(), holds.end(), char{1})) / double(holds.size());
}

std::string percent(double fraction) { return fmt::format("{:.0f}%", 100.0 * fraction); }

// ---------------------------------------------------------------------------------------------
// The numbers a sentence quotes.

const PairedValues* find_paired(const ReportData& data, const std::string& strategy,
                                const std::string& series) {
  for (const PairedValues& p : data.at_horizon) {
    if (p.strategy == strategy && p.series == series) return &p;
  }
  return nullptr;
}

std::vector<double> differences(const PairedValues& p) {
  std::vector<double> d(p.values.size());
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = p.values[r] - p.reference[r];
  return d;
}

// `holds` per run: the value `d` lies on the side `sign` (-1: below zero, +1: above).
std::vector<char> on_side(const std::vector<double>& d, int sign) {
  std::vector<char> holds(d.size());
  for (std::size_t r = 0; r < d.size(); ++r)
    holds[r] = static_cast<char>(sign < 0 ? d[r] < 0 : d[r] > 0);
  return holds;
}

// "1.2 [0.4, 2.8]" with the band as given, or with every number negated and the band's ends
// swapped (a reduction quoted as a positive amount).
std::string band_text(const Band& b, int precision, bool negate = false) {
  if (negate) {
    return fmt::format("{} [{}, {}]", fixed(-b.p50, precision), fixed(-b.p90, precision),
                       fixed(-b.p10, precision));
  }
  return fmt::format("{} [{}, {}]", fixed(b.p50, precision), fixed(b.p10, precision),
                     fixed(b.p90, precision));
}

std::string signed_number(double value, int precision) {
  const std::string text = fixed(value, precision);
  return text.front() == '-' ? "−" + text.substr(1) : (value > 0 ? "+" : "") + text;
}

std::string signed_band(const Band& b, int precision) {
  return fmt::format("{} [{}, {}]", signed_number(b.p50, precision),
                     signed_number(b.p10, precision), signed_number(b.p90, precision));
}

// Indicators with a direction analysts read as better, and how a sentence names them.
struct Outcome {
  const char* series;
  const char* fewer;  // "fewer people in acute food insecurity"
  const char* more;
  const char* as_many;  // "about as many people in acute food insecurity"
  const char* unit;     // after the amount: " million"
  int precision;
};
constexpr Outcome food{"food_insecure_millions",
                       "fewer people in acute food insecurity",
                       "more people in acute food insecurity",
                       "about as many people in acute food insecurity",
                       " million",
                       1};

// "without a recognition step more than isolation", "at the price of 9 more recognition steps
// [4, 15] than isolation".
std::string recognition_clause(const ReportData& data, const std::string& strategy) {
  const PairedValues* p = find_paired(data, strategy, "recognition_steps");
  if (p == nullptr) return "";
  std::vector<double> d = differences(*p);
  const Band b = band_in_place(d);
  const std::string reference = strategy_name(data.reference);
  if (b.p10 == 0 && b.p50 == 0 && b.p90 == 0) {
    return fmt::format("without a recognition step more than {}", reference);
  }
  if (b.p50 == 0) {
    return fmt::format(
        "with as many recognition steps as {} in the median ({} to {} between the "
        "10th and 90th percentiles)",
        reference, signed_number(b.p10, 0), signed_number(b.p90, 0));
  }
  const bool more = b.p50 > 0;
  const double steps = std::abs(b.p50);
  return fmt::format("{} {} {} recognition step{} [{}, {}] than {}",
                     more ? "at the price of" : "with", fixed(steps, 0), more ? "more" : "fewer",
                     steps == 1 ? "" : "s", fixed(more ? b.p10 : -b.p90, 0),
                     fixed(more ? b.p90 : -b.p10, 0), reference);
}

struct Draft {
  Finding finding;
  DriverSearch search;
};

Draft outcome_finding(const ReportData& data, const PairedValues& p, const Outcome& o) {
  std::vector<double> d = differences(p);
  std::vector<double> sorted = d;
  const Band b = band_in_place(sorted);
  const std::string s = strategy_name(p.strategy), r = strategy_name(data.reference);
  const std::string price = recognition_clause(data, p.strategy);
  const std::string tail = price.empty() ? "" : ", " + price;
  Draft draft;
  draft.finding.id = fmt::format("{}:{}", p.series, p.strategy);
  draft.finding.strategy = p.strategy;
  std::vector<char> fewer = on_side(d, -1);
  if (b.p90 < 0) {
    draft.finding.text = fmt::format(
        "{} leaves {}{} [{}, {}] {} than {} at month {}, in {} of "
        "the draws{}.",
        s, fixed(-b.p50, o.precision), o.unit, fixed(-b.p90, o.precision),
        fixed(-b.p10, o.precision), o.fewer, r, p.month, percent(share(fewer)), tail);
    draft.search.holds = fewer;
  } else if (b.p10 > 0) {
    std::vector<char> more = on_side(d, +1);
    draft.finding.text = fmt::format(
        "{} leaves {}{} [{}, {}] {} than {} at month {}, in {} of "
        "the draws{}.",
        s, fixed(b.p50, o.precision), o.unit, fixed(b.p10, o.precision), fixed(b.p90, o.precision),
        o.more, r, p.month, percent(share(more)), tail);
    draft.search.holds = more;
  } else {
    draft.finding.text = fmt::format(
        "{} and {} leave {} at month {}: {} − {} is {}{} [{}, {}], "
        "fewer under {} in {} of the draws{}.",
        s, r, o.as_many, p.month, s, r, signed_number(b.p50, o.precision), o.unit,
        signed_number(b.p10, o.precision), signed_number(b.p90, o.precision), s,
        percent(share(fewer)), tail);
    draft.search.holds = fewer;
  }
  draft.search.outcome = std::move(d);
  return draft;
}

Draft spoiler_finding(const ReportData& data, const PairedValues& p) {
  std::vector<double> d = differences(p);
  std::vector<double> sorted = d;
  const Band b = band_in_place(sorted);
  std::vector<double> values = p.values, reference = p.reference;
  const Band v = band_in_place(values), rv = band_in_place(reference);
  const std::string s = strategy_name(p.strategy), r = strategy_name(data.reference);
  Draft draft;
  draft.finding.id = fmt::format("{}:{}", p.series, p.strategy);
  draft.finding.strategy = p.strategy;
  const std::string levels = fmt::format("{} against {}", band_text(v, 2), band_text(rv, 2));
  if (b.p90 < 0 || b.p10 > 0) {
    const bool weaker = b.p90 < 0;
    draft.search.holds = on_side(d, weaker ? -1 : +1);
    draft.finding.text = fmt::format(
        "The spoiler ends {} under {} than under {}: {} {} on its 0-1 strength index at month {} "
        "({}), in {} of the draws.",
        weaker ? "weaker" : "stronger", s, r, band_text(b, 2, weaker), weaker ? "lower" : "higher",
        p.month, levels, percent(share(draft.search.holds)));
  } else {
    draft.search.holds = on_side(d, -1);
    draft.finding.text = fmt::format(
        "The spoiler ends about as strong under {} as under {} at month {} ({}): the paired "
        "difference is {}, weaker in {} of the draws.",
        s, r, p.month, levels, signed_band(b, 2), percent(share(draft.search.holds)));
  }
  draft.search.outcome = std::move(d);
  return draft;
}

Draft revenue_finding(const ReportData& data, const PairedValues& p) {
  std::vector<double> d = differences(p);
  std::vector<double> sorted = d;
  const Band b = band_in_place(sorted);
  const std::string s = strategy_name(p.strategy), r = strategy_name(data.reference);
  Draft draft;
  draft.finding.id = fmt::format("{}:{}", p.series, p.strategy);
  draft.finding.strategy = p.strategy;
  const bool more = b.p50 >= 0;
  draft.search.holds = on_side(d, more ? +1 : -1);
  draft.finding.text = fmt::format(
      "The regime's revenue at month {} is USD {} bn a year [{}, {}] {} under {} than under {}, "
      "{} in {} of the draws.",
      p.month, fixed(std::abs(b.p50), 2), fixed(more ? b.p10 : -b.p90, 2),
      fixed(more ? b.p90 : -b.p10, 2), more ? "higher" : "lower", s, r, more ? "higher" : "lower",
      percent(share(draft.search.holds)));
  draft.search.outcome = std::move(d);
  return draft;
}

// ---------------------------------------------------------------------------------------------
// The regime's policy on the issues.

double span(const Issue& issue) { return issue.scale_max - issue.scale_min; }

std::string issue_name(const Issue& issue) { return issue.label.empty() ? issue.id : issue.label; }

std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

double median_of(std::vector<double> values) { return quantile(std::move(values), 0.5); }

// A short name for an issue in a list: its label when short, else its id in words.
std::string short_issue_name(const Issue& issue) {
  if (!issue.label.empty() && issue.label.size() <= 32) return issue.label;
  std::string id = issue.id;
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

// Where the strategy leaves the regime's policy against the reference: the issues on which the
// medians differ by at least 5% of the scale, the largest moves first.
std::optional<Draft> policy_finding(const ReportData& data, const std::string& strategy) {
  struct Move {
    const Issue* issue;
    const PairedValues* values;
    double median, reference, share_of_scale;
  };
  std::vector<Move> moves;
  for (const Issue& issue : data.scenario.issues) {
    const std::string series = "policy:" + issue.id;
    const PairedValues* p = find_paired(data, strategy, series);
    if (p == nullptr || p->reference.empty() || span(issue) <= 0) continue;
    const double m = median_of(p->values), r = median_of(p->reference);
    const double moved = std::abs(m - r) / span(issue);
    if (moved >= 0.05) moves.push_back({&issue, p, m, r, moved});
  }
  if (moves.empty() && find_paired(data, strategy, "food_insecure_millions") == nullptr) {
    return std::nullopt;
  }
  std::stable_sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) {
    return a.share_of_scale > b.share_of_scale;
  });
  const std::string s = strategy_name(strategy), r = strategy_name(data.reference);
  const int month = data.months.back();
  Draft draft;
  draft.finding.id = "policy:" + strategy;
  draft.finding.strategy = strategy;
  if (moves.empty()) {
    // No issue moves: what varies is the largest move over the issues, run by run.
    const std::size_t runs = data.at_horizon.front().values.size();
    draft.search.outcome.assign(runs, 0.0);
    draft.search.holds.assign(runs, 1);
    for (const Issue& issue : data.scenario.issues) {
      const PairedValues* p = find_paired(data, strategy, "policy:" + issue.id);
      if (p == nullptr || p->reference.empty() || span(issue) <= 0) continue;
      for (std::size_t k = 0; k < runs; ++k) {
        const double moved = std::abs(p->values[k] - p->reference[k]) / span(issue);
        draft.search.outcome[k] = std::max(draft.search.outcome[k], moved);
        if (moved >= 0.05) draft.search.holds[k] = 0;
      }
    }
    draft.finding.text = fmt::format(
        "At month {} the regime's policy under {} is within 5% of the scale of its policy under "
        "{} on every issue (in the median), and on every issue in {} of the draws.",
        month, s, r, percent(share(draft.search.holds)));
    return draft;
  }
  std::vector<std::string> parts;
  const std::size_t listed = std::min<std::size_t>(moves.size(), 6);
  for (std::size_t i = 0; i < listed; ++i) {
    parts.push_back(fmt::format("{} {} against {}", short_issue_name(*moves[i].issue),
                                fixed(moves[i].median, 1), fixed(moves[i].reference, 1)));
  }
  if (listed < moves.size()) parts.push_back(fmt::format("{} more", moves.size() - listed));
  const Move& top = moves.front();
  std::vector<double> d = differences(*top.values);
  const bool higher = top.median > top.reference;
  draft.search.holds = on_side(d, higher ? +1 : -1);
  draft.search.outcome = std::move(d);
  // Paired runs often agree exactly (a track agreed under both): say how many differ each way.
  const std::vector<char> other_way = on_side(draft.search.outcome, higher ? -1 : +1);
  draft.finding.text = fmt::format(
      "By month {} {} moves the regime's policy by 5% of the scale or more on {} issue{} against "
      "{}: {}; the largest move, on {}, goes {} in {} of the draws, {} in {} and nowhere in the "
      "rest.",
      month, s, moves.size(), moves.size() == 1 ? "" : "s", r, join_words(parts),
      short_issue_name(*top.issue), higher ? "up" : "down", percent(share(draft.search.holds)),
      higher ? "down" : "up", percent(share(other_way)));
  return draft;
}

// The issues no strategy moves by 5% of the scale from where its policy started (in the
// median): one finding, its outcome per run the largest move of any of them under any strategy.
std::optional<Draft> unmoved_finding(const ReportData& data) {
  // Where each issue stood at month 0, run by run: under the reference (an issue outsiders
  // decide starts where each strategy's instruments put it), or the one strategy simulated.
  const std::string& anchor =
      data.reference.empty() ? data.plan.strategies.front() : data.reference;
  std::vector<const Issue*> unmoved;
  for (const Issue& issue : data.scenario.issues) {
    const PairedValues* start = find_paired(data, anchor, "policy:" + issue.id);
    if (start == nullptr || span(issue) <= 0) continue;
    const double from = median_of(start->start);
    bool moved = false;
    for (const std::string& strategy : data.plan.strategies) {
      const PairedValues* p = find_paired(data, strategy, "policy:" + issue.id);
      moved = moved || (p && std::abs(median_of(p->values) - from) >= 0.05 * span(issue));
    }
    if (!moved) unmoved.push_back(&issue);
  }
  if (unmoved.empty()) return std::nullopt;
  Draft draft;
  const std::size_t runs = data.at_horizon.front().values.size();
  draft.search.outcome.assign(runs, 0.0);
  draft.search.holds.assign(runs, 1);
  std::vector<std::string> names;
  for (const Issue* issue : unmoved) {
    names.push_back(issue_name(*issue));
    const auto& from = find_paired(data, anchor, "policy:" + issue->id)->start;
    for (const std::string& strategy : data.plan.strategies) {
      const PairedValues* p = find_paired(data, strategy, "policy:" + issue->id);
      if (p == nullptr) continue;
      for (std::size_t r = 0; r < runs; ++r) {
        const double move = std::abs(p->values[r] - from[r]) / span(*issue);
        draft.search.outcome[r] = std::max(draft.search.outcome[r], move);
        if (move >= 0.05) draft.search.holds[r] = 0;
      }
    }
  }
  const int month = data.months.back();
  draft.finding.id = "policy:unmoved";
  const bool all = data.plan.strategies.size() > 1;
  const std::string held = percent(share(draft.search.holds));
  const std::string rest = unmoved.size() == 1 ? "it does not move" : "none of them moves";
  draft.finding.text =
      all ? fmt::format(
                "No strategy moves the regime's policy on {} by month {}: under every "
                "strategy the median stays within 5% of the scale of where it stood at "
                "month 0 under {}, and in {} of the draws {} that far under any strategy.",
                join_words(names), month, strategy_name(anchor), held, rest)
          : fmt::format(
                "{} does not move the regime's policy on {} by month {}: the median "
                "stays within 5% of the scale of where it stood at month 0, and in {} of "
                "the draws {} that far.",
                strategy_name(anchor), join_words(names), month, held, rest);
  return draft;
}

// ---------------------------------------------------------------------------------------------
// One strategy alone (simulate): where it leaves food insecurity and the spoiler.

Draft level_finding(const PairedValues& p, const Outcome& o) {
  std::vector<double> values = p.values, start = p.start;
  const Band v = band_in_place(values), s = band_in_place(start);
  Draft draft;
  draft.finding.id = fmt::format("{}:{}", p.series, p.strategy);
  draft.finding.strategy = p.strategy;
  draft.search.outcome = p.values;
  draft.search.holds.resize(p.values.size());
  for (std::size_t r = 0; r < p.values.size(); ++r) {
    draft.search.holds[r] = static_cast<char>(p.values[r] < p.start[r]);
  }
  draft.finding.text = fmt::format(
      "Under {}, {}{} [{}, {}] people are in acute food insecurity at month {}, "
      "against {} at month 0: fewer than at the start in {} of the draws.",
      strategy_name(p.strategy), fixed(v.p50, o.precision), o.unit, fixed(v.p10, o.precision),
      fixed(v.p90, o.precision), p.month, band_text(s, o.precision),
      percent(share(draft.search.holds)));
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Sweeps and screenings: their drivers are the swept number and the screened factors.

Driver named_driver(const Scenario& scenario, const std::string& path) {
  const NumberBasis basis = number_basis(scenario, path);
  Driver driver;
  driver.path = path;
  driver.judgement = basis.judgement;
  driver.source = basis.source;
  return driver;
}

std::string series_words(const Scenario& scenario, const std::string& series) {
  const std::string described = describe_series(scenario, series);
  return described.empty() ? series : described;
}

std::vector<Finding> sweep_findings(const ReportData& data) {
  std::vector<Finding> findings;
  std::vector<std::string> series = data.sweep_series;
  if (series.empty()) series.push_back("food_insecure_millions");
  const auto& x = data.sweep_values;
  for (const std::string& name : series) {
    for (const SweepBands& bands : data.sweep) {
      if (bands.series != name || bands.at_value.size() != x.size() || x.size() < 2) continue;
      const int precision = report_precision(name);
      std::size_t jump = 0;
      double largest = -1;
      double low = std::numeric_limits<double>::infinity(), high = -low;
      for (std::size_t k = 0; k < x.size(); ++k) {
        low = std::min(low, bands.at_value[k].p50);
        high = std::max(high, bands.at_value[k].p50);
        if (k + 1 < x.size()) {
          const double step = std::abs(bands.at_value[k + 1].p50 - bands.at_value[k].p50);
          if (step > largest) largest = step, jump = k;
        }
      }
      Finding f;
      f.id = fmt::format("sweep:{}:{}", bands.strategy, name);
      f.strategy = bands.strategy;
      const std::string what = series_words(data.scenario, name);
      const std::string from = fixed(bands.at_value.front().p50, precision);
      const std::string to = fixed(bands.at_value.back().p50, precision);
      if (high - low <= 0) {
        f.text = fmt::format(
            "Under {}, the median of {} at month {} is {} at every value of {} "
            "from {} to {}.",
            strategy_name(bands.strategy), what, data.months.back(), from, data.sweep_path,
            fmt::format("{}", x.front()), fmt::format("{}", x.back()));
      } else {
        f.text = fmt::format(
            "Under {}, the median of {} at month {} goes from {} at {} = {} to {} at {}; the "
            "largest step, {} to {}, comes between {} and {}.",
            strategy_name(bands.strategy), what, data.months.back(), from, data.sweep_path,
            fmt::format("{}", x.front()), to, fmt::format("{}", x.back()),
            fixed(bands.at_value[jump].p50, precision),
            fixed(bands.at_value[jump + 1].p50, precision), fmt::format("{}", x[jump]),
            fmt::format("{}", x[jump + 1]));
      }
      f.drivers.push_back(named_driver(data.scenario, data.sweep_path));
      f.basis = f.drivers.front().judgement ? Basis::judgement : Basis::sourced;
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

std::vector<Finding> screening_findings(const ReportData& data) {
  const Screening& s = *data.screening;
  if (s.effects.empty()) return {};
  Finding f;
  f.id = "screening";
  f.strategy = s.strategy;
  const std::size_t top = std::min<std::size_t>(3, s.effects.size());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < top; ++i) {
    Driver d = named_driver(data.scenario, s.effects[i].path);
    d.mu_star = s.effects[i].mu_star;
    names.push_back(
        fmt::format("{} (μ* {})", s.effects[i].path, fmt::format("{:.3g}", s.effects[i].mu_star)));
    f.drivers.push_back(std::move(d));
  }
  const std::size_t ten = std::min<std::size_t>(10, s.effects.size());
  std::size_t judged = 0;
  for (std::size_t i = 0; i < ten; ++i) {
    judged += number_basis(data.scenario, s.effects[i].path).judgement ? 1 : 0;
  }
  const std::string outcome =
      s.reference.empty() ? fmt::format("{} under {}", s.series, strategy_name(s.strategy))
                          : fmt::format("{} under {} minus {} (paired)", s.series,
                                        strategy_name(s.strategy), strategy_name(s.reference));
  f.text = fmt::format(
      "{} at month {} hangs most on {}; {} of the {} most important factors are "
      "judgements.",
      outcome, s.month, join_words(names), judged, ten);
  f.basis =
      std::any_of(f.drivers.begin(), f.drivers.end(), [](const Driver& d) { return d.judgement; })
          ? Basis::judgement
          : Basis::sourced;
  return {f};
}

}  // namespace

const char* to_string(Basis basis) {
  switch (basis) {
    case Basis::judgement:
      return "judgement";
    case Basis::sourced:
      return "sourced";
    case Basis::spread:
      return "spread";
    case Basis::fixed:
      return "fixed";
  }
  return "?";
}

double rank_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  return pearson(ranks(x), ranks(y));
}

double driver_threshold(std::size_t runs) {
  return runs == 0 ? 1.0 : std::max(0.2, 4.0 / std::sqrt(double(runs)));
}

void find_drivers(std::vector<DriverSearch>& searches, const DrawSource& numbers,
                  const Scenario& scenario) {
  std::vector<std::vector<double>> outcome_ranks;
  outcome_ranks.reserve(searches.size());
  for (const DriverSearch& s : searches) outcome_ranks.push_back(ranks(s.outcome));
  numbers([&](const DrawnNumber& number) {
    // A number some runs did not draw (a sweep's swept number) says nothing run by run.
    if (std::any_of(number.values.begin(), number.values.end(),
                    [](double v) { return std::isnan(v); })) {
      return;
    }
    const std::vector<double> rank = ranks(number.values);
    const auto n = static_cast<double>(rank.size());
    for (std::size_t i = 0; i < searches.size(); ++i) {
      DriverSearch& search = searches[i];
      if (search.outcome.size() != rank.size()) continue;
      const double rho = pearson(rank, outcome_ranks[i]);
      if (std::abs(rho) < driver_threshold(rank.size())) continue;
      auto& kept = search.drivers;
      if (kept.size() == search.keep && std::abs(rho) <= std::abs(kept.back().rho)) continue;
      Driver driver;
      driver.path = number.path;
      driver.rho = rho;
      const NumberBasis basis = number_basis(scenario, number.path);
      driver.judgement = basis.judgement;
      driver.source = basis.source;
      std::size_t low = 0, low_held = 0, high = 0, high_held = 0;
      for (std::size_t r = 0; r < rank.size(); ++r) {
        if (rank[r] <= n / 3) ++low, low_held += search.holds[r] ? 1 : 0;
        if (rank[r] > 2 * n / 3) ++high, high_held += search.holds[r] ? 1 : 0;
      }
      driver.holds_low = low ? double(low_held) / double(low) : 0;
      driver.holds_high = high ? double(high_held) / double(high) : 0;
      // Insert in order of |rho|, the earlier number first among equals.
      const auto at = std::find_if(kept.begin(), kept.end(), [&](const Driver& d) {
        return std::abs(d.rho) < std::abs(rho);
      });
      kept.insert(at, std::move(driver));
      if (kept.size() > search.keep) kept.pop_back();
    }
  });
}

Basis basis_of(const std::vector<double>& outcome, const std::vector<Driver>& drivers) {
  if (constant(outcome)) return Basis::fixed;
  if (drivers.empty()) return Basis::spread;
  const bool judged =
      std::any_of(drivers.begin(), drivers.end(), [](const Driver& d) { return d.judgement; });
  return judged ? Basis::judgement : Basis::sourced;
}

std::vector<Finding> headline_findings(const ReportData& data, const DrawSource& draws) {
  if (data.screening) return screening_findings(data);
  if (data.plan.command == "sweep") return sweep_findings(data);
  std::vector<Draft> drafts;
  if (data.reference.empty()) {
    for (const PairedValues& p : data.at_horizon) {
      if (p.series == food.series) drafts.push_back(level_finding(p, food));
    }
  } else {
    for (const std::string& strategy : data.plan.strategies) {
      if (strategy == data.reference) continue;
      if (const PairedValues* p = find_paired(data, strategy, food.series)) {
        drafts.push_back(outcome_finding(data, *p, food));
      }
      if (const PairedValues* p = find_paired(data, strategy, "spoiler_strength")) {
        drafts.push_back(spoiler_finding(data, *p));
      }
      if (const PairedValues* p = find_paired(data, strategy, "revenue_usd_bn")) {
        drafts.push_back(revenue_finding(data, *p));
      }
      if (auto draft = policy_finding(data, strategy)) drafts.push_back(std::move(*draft));
    }
  }
  if (!data.at_horizon.empty()) {
    if (auto draft = unmoved_finding(data)) drafts.push_back(std::move(*draft));
  }
  std::vector<DriverSearch> searches;
  searches.reserve(drafts.size());
  for (Draft& d : drafts) searches.push_back(std::move(d.search));
  find_drivers(searches, draws, data.scenario);
  std::vector<Finding> findings;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Finding f = std::move(drafts[i].finding);
    f.drivers = std::move(searches[i].drivers);
    f.basis = basis_of(searches[i].outcome, f.drivers);
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace parley::detail
