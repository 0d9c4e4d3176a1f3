// The scenario in words for the report: who the actors are, what each strategy does, and where
// every number came from, judgements marked.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "io/report/report.hpp"

namespace parley::detail {
namespace {

// "frozen_reserves" -> "frozen reserves"
std::string words(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

std::string number_text(double value) {
  // Shortest form that reads back: scenario numbers are typed by people (0.45, 42.2, 3.5).
  return fmt::format("{}", value);
}

// The marker after a number: judgement, sourced, or neither; the source in its title.
std::string tag(const Scenario& scenario, const std::string& path) {
  const NumberBasis basis = number_basis(scenario, path);
  const std::string title =
      basis.source.empty() ? "" : " title=\"" + html_escape(basis.source) + "\"";
  if (!basis.stated) return "<span class=\"tag n\">no source</span>";
  return basis.judgement ? fmt::format("<span class=\"tag j\"{}>judgement</span>", title)
                         : fmt::format("<span class=\"tag s\"{}>sourced</span>", title);
}

// The first number with provenance under `prefix` (e.g. a timeline entry's), or `prefix`.
std::string first_number(const Scenario& scenario, const std::string& prefix) {
  const auto found = scenario.provenance.lower_bound(prefix + ".");
  if (found != scenario.provenance.end() && found->first.rfind(prefix + ".", 0) == 0) {
    return found->first;
  }
  return prefix;
}

std::string valued(const Scenario& scenario, const std::string& path, double value) {
  return fmt::format("{} {}", html_escape(number_text(value)), tag(scenario, path));
}

std::string actor_name(const Scenario& scenario, const std::string& id) {
  const Actor* a = find_actor(scenario, id);
  return a && !a->name.empty() ? a->name : id;
}

std::string subject_name(const Scenario& scenario, const std::string& subject) {
  const Issue* issue = find_issue(scenario, subject);
  return issue && !issue->label.empty() ? issue->label : words(subject);
}

std::string level(double value) { return fmt::format("{:.0f}%", 100.0 * value); }

std::string instruments_text(const std::map<std::string, double>& instruments) {
  std::string out;
  for (const auto& [id, value] : instruments) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", words(id), level(value));
  }
  return out;
}

// A bloc's policy in one paragraph: linkage, dialogue, conditionality, instrument levels,
// tracks and conditions.
std::string policy_words(const Scenario& scenario, const BlocPolicy& p) {
  std::string out = p.linkage == Linkage::bundled
                        ? "bundled: progress on any track waits for the political benchmarks"
                        : "piecemeal: each track negotiated on its own";
  out += p.dialogue ? "; talks with the authorities" : "; no talks with the authorities";
  out += p.public_conditionality ? "; conditions stated publicly" : "; no public conditions";
  if (!p.instruments.empty()) out += "; instruments at " + instruments_text(p.instruments);
  if (!p.tracks.empty()) {
    std::vector<std::string> tracks;
    for (const std::string& t : p.tracks) tracks.push_back(subject_name(scenario, t));
    std::string list;
    for (const std::string& t : tracks) list += (list.empty() ? "" : ", ") + t;
    out += "; negotiates " + list;
  }
  for (const Condition& c : p.conditions) {
    out += fmt::format("; when {} {} {}: {}", subject_name(scenario, c.subject), c.op,
                       number_text(c.threshold), instruments_text(c.set));
  }
  return html_escape(out) + ".";
}

std::string distribution_text(const Distribution& d) {
  std::string params;
  for (double p : d.params) params += (params.empty() ? "" : ", ") + number_text(p);
  return fmt::format("{} [{}]", to_string(d.kind), params);
}

std::string issues_table(const Scenario& s) {
  std::string out =
      "<table class=\"data\"><thead><tr><th>issue</th><th>kind</th><th>low end</th><th>high "
      "end</th><th>status quo</th><th>decided by</th></tr></thead><tbody>\n";
  for (const Issue& i : s.issues) {
    out += fmt::format(
        "<tr><td>{} <span class=\"id\">{}</span></td><td>{}</td><td>{}: {}</td><td>{}: "
        "{}</td><td>{}</td><td>{}</td></tr>\n",
        html_escape(i.label), html_escape(i.id), to_string(i.kind),
        html_escape(number_text(i.scale_min)), html_escape(i.low),
        html_escape(number_text(i.scale_max)), html_escape(i.high),
        i.status_quo ? valued(s, "issues." + i.id + ".status_quo", *i.status_quo) : "-",
        to_string(issue_control(s, i)));
  }
  return out + "</tbody></table>\n";
}

std::string actors_table(const Scenario& s) {
  std::string out =
      "<table class=\"data\"><thead><tr><th>actor</th><th>kind</th><th>bloc</th><th>capability</"
      "th><th>recognition (0-3)</th><th>issues taken part in</th></tr></thead><tbody>\n";
  for (const Actor& a : s.actors) {
    const std::string prefix = "actors." + a.id + ".";
    out += fmt::format(
        "<tr><td>{} <span class=\"id\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</"
        "td><td>{}</td></tr>\n",
        html_escape(a.name.empty() ? a.id : a.name), html_escape(a.id), words(to_string(a.kind)),
        html_escape(a.bloc.empty() ? "-" : a.bloc), valued(s, prefix + "capability", a.capability),
        a.recognition ? valued(s, prefix + "recognition", *a.recognition) : "-",
        a.positions.size());
  }
  return out + "</tbody></table>\n";
}

std::string blocs_html(const Scenario& s) {
  std::string out = "<ul class=\"plain\">\n";
  for (const Bloc& b : s.blocs) {
    std::string members;
    for (const std::string& m : b.members) {
      members += (members.empty() ? "" : ", ") + actor_name(s, m);
    }
    out += fmt::format("<li><strong>{}</strong> <span class=\"id\">{}</span>: {}.",
                       html_escape(b.label), html_escape(b.id), html_escape(members));
    if (b.baseline) {
      out += " Without a strategy naming it: " + policy_words(s, *b.baseline);
    }
    out += "</li>\n";
  }
  return out + "</ul>\n";
}

std::string regime_html(const Scenario& s) {
  std::string out;
  if (s.regime) {
    const Regime& r = *s.regime;
    std::string factions;
    for (const Faction& f : r.factions) {
      factions += (factions.empty() ? "" : ", ") + html_escape(actor_name(s, f.actor));
    }
    out += fmt::format(
        "<p><strong>The regime</strong>: factions {}; led by {}. It weighs cohesion {}, ideology "
        "{}, revenue {} and recognition {}; cohesion stands at {}",
        factions, html_escape(actor_name(s, r.leader)),
        valued(s, "regime.weights.cohesion", r.weights.cohesion),
        valued(s, "regime.weights.ideology", r.weights.ideology),
        valued(s, "regime.weights.revenue", r.weights.revenue),
        valued(s, "regime.weights.recognition", r.weights.recognition),
        valued(s, "regime.cohesion", r.cohesion));
    if (r.revenue_usd_bn) {
      out += ", revenue at USD " + valued(s, "regime.revenue_usd_bn", *r.revenue_usd_bn) +
             " bn a year";
    }
    out += ".</p>\n";
  }
  if (s.spoiler) {
    out += fmt::format(
        "<p><strong>The spoiler</strong>, {}: strength {} (0-1), {} of defectors "
        "join it",
        html_escape(actor_name(s, s.spoiler->actor)),
        valued(s, "spoiler.strength", s.spoiler->strength),
        valued(s, "spoiler.recruitment_from_defection", s.spoiler->recruitment_from_defection));
    if (s.spoiler->attacks_per_month) {
      out += ", " + valued(s, "spoiler.attacks_per_month", *s.spoiler->attacks_per_month) +
             " attacks a month";
    }
    out += ".</p>\n";
  }
  if (s.population) {
    const Population& p = *s.population;
    out += fmt::format(
        "<p><strong>The population</strong>: {} million, {} million in acute food "
        "insecurity",
        valued(s, "population.total_millions", p.total_millions),
        valued(s, "population.acute_food_insecure_millions", p.acute_food_insecure_millions));
    if (p.humanitarian_need_millions) {
      out += ", " +
             valued(s, "population.humanitarian_need_millions", *p.humanitarian_need_millions) +
             " million in humanitarian need";
    }
    out += ".</p>\n";
  }
  return out;
}

std::string instruments_table(const Scenario& s) {
  if (s.instruments.empty()) return "";
  std::string out =
      "<table class=\"data\"><thead><tr><th>instrument</th><th>kind</th><th>controlled "
      "by</th><th>size at level 1</th><th>effects at level 1</th></tr></thead><tbody>\n";
  for (const Instrument& i : s.instruments) {
    std::string by, effects;
    for (const std::string& c : i.controlled_by) by += (by.empty() ? "" : ", ") + c;
    for (const auto& [channel, value] : i.effects) {
      effects += fmt::format("{}{} {}", effects.empty() ? "" : "; ", html_escape(words(channel)),
                             valued(s, "instruments." + i.id + ".effects." + channel, value));
    }
    out += fmt::format(
        "<tr><td>{} <span class=\"id\">{}</span></td><td>{}</td><td>{}</td><td>{} "
        "{}</td><td>{}</td></tr>\n",
        html_escape(i.label), html_escape(i.id), words(to_string(i.kind)), html_escape(by),
        valued(s, "instruments." + i.id + ".size", i.size), html_escape(i.unit), effects);
  }
  return out + "</tbody></table>\n";
}

std::string strategies_html(const Scenario& s) {
  std::string out;
  for (const Strategy& st : s.strategies) {
    out += fmt::format("<h4>{} <span class=\"id\">{}</span></h4>\n",
                       html_escape(st.label.empty() ? st.id : st.label), html_escape(st.id));
    if (!st.description.empty()) out += "<p>" + html_escape(st.description) + "</p>\n";
    out += "<ul class=\"plain\">\n";
    for (const auto& [who, policy] : st.policies) {
      const Bloc* bloc = find_bloc(s, who);
      const std::string name =
          bloc ? (bloc->label.empty() ? bloc->id : bloc->label) : actor_name(s, who);
      out += fmt::format("<li><strong>{}</strong>: {}</li>\n", html_escape(name),
                         policy_words(s, policy));
    }
    out += "</ul>\n";
  }
  return out;
}

std::string timeline_html(const Scenario& s) {
  if (s.timeline.empty()) return "";
  std::string out = "<ul class=\"plain\">\n";
  for (std::size_t k = 0; k < s.timeline.size(); ++k) {
    const TimelineEntry& e = s.timeline[k];
    const std::string id = e.id.empty() ? std::to_string(k) : e.id;
    std::string what;
    switch (e.kind) {
      case TimelineKind::policy:
        what = fmt::format("{} sets {}", e.actor, instruments_text(e.values));
        break;
      case TimelineKind::seasonal:
        what = fmt::format("a seasonal profile on {}", e.variable);
        break;
      default: {
        std::string changes;
        for (const auto& [variable, value] : e.values) {
          changes += fmt::format("{}{} {:+g}", changes.empty() ? "" : ", ", variable, value);
        }
        what = fmt::format("a {} ({})", to_string(e.kind), changes);
      }
    }
    const std::string until = e.until ? fmt::format(" to month {}", *e.until) : "";
    out += fmt::format("<li><strong>{}</strong>, from month {}{}: {} {}</li>\n", html_escape(id),
                       e.from, until, html_escape(what), tag(s, first_number(s, "timeline." + id)));
  }
  return out + "</ul>\n";
}

// Every entry in two columns of short lines: the block is long (hundreds of entries).
std::string uncertainty_table(const Scenario& s) {
  if (s.uncertainty.empty()) return "<p>The scenario has no uncertainty block.</p>\n";
  std::string out = fmt::format(
      "<p>{} entries: each run draws every number they govern; a pattern's <code>*</code> "
      "stands for any one part of a path.</p>\n<ul class=\"columns\">\n",
      s.uncertainty.size());
  for (const UncertainValue& u : s.uncertainty) {
    out += fmt::format("<li><code>{}</code> {} {}</li>\n", html_escape(u.path),
                       html_escape(distribution_text(u.distribution)),
                       u.path.find('*') == std::string::npos ? tag(s, u.path) : "(pattern)");
  }
  return out + "</ul>\n";
}

}  // namespace

NumberBasis number_basis(const Scenario& scenario, const std::string& path) {
  NumberBasis basis;
  const auto found = scenario.provenance.find(path);
  if (found == scenario.provenance.end()) return basis;
  const Provenance& p = found->second;
  basis.stated = p.judgement || !p.source.empty();
  basis.judgement = p.judgement || p.source.empty();
  basis.source = p.source;
  return basis;
}

std::string scenario_html(const Scenario& s) {
  std::string out;
  if (!s.meta.description.empty()) out += "<p>" + html_escape(s.meta.description) + "</p>\n";
  out += "<h3>Issues</h3>\n" + issues_table(s);
  out += "<h3>Actors</h3>\n" + actors_table(s);
  out += "<h3>Blocs</h3>\n" + blocs_html(s);
  out += "<h3>Regime, spoiler and population</h3>\n" + regime_html(s);
  if (!s.instruments.empty()) out += "<h3>Instruments</h3>\n" + instruments_table(s);
  out += "<h3>Strategies</h3>\n" + strategies_html(s);
  if (!s.timeline.empty()) {
    out += "<h3>What happens whatever the strategy (timeline)</h3>\n" + timeline_html(s);
  }
  out += "<h3>Uncertain numbers</h3>\n" + uncertainty_table(s);
  return out;
}

std::string sources_html(const Scenario& scenario) {
  Scenario copy = scenario;
  const std::vector<NumberField> fields = number_fields(copy);
  // Per source text: whether it is cited by judgements, and the numbers citing it.
  struct Cited {
    std::vector<std::string> paths;
    std::size_t judgements = 0;
  };
  std::map<std::string, Cited> by_source;
  std::size_t sourced = 0, judged = 0, anchored = 0, bare = 0, evidence = 0;
  for (const NumberField& f : fields) {
    if (!f.evidence) continue;
    ++evidence;
    const NumberBasis basis = number_basis(scenario, f.id_path);
    if (!basis.stated) {
      ++bare;
      continue;
    }
    if (basis.judgement) {
      ++judged;
      anchored += basis.source.empty() ? 0 : 1;
    } else {
      ++sourced;
    }
    Cited& cited = by_source[basis.source.empty() ? "(judgement, no source given)" : basis.source];
    cited.paths.push_back(f.id_path);
    cited.judgements += basis.judgement ? 1 : 0;
  }
  std::string out = fmt::format(
      "<p>Of the scenario's {} numbers about the world, {} cite a source and are marked as "
      "figures, <strong>{} are the analyst's judgements</strong> ({} of them anchored on a "
      "source they cite), and {} have neither. Instrument levels and conditions are the "
      "strategies' choices, not claims about the world, and are not counted.</p>\n",
      evidence, sourced, judged, anchored, bare);
  if (!scenario.meta.sources.empty()) {
    out += "<h3>Sources the scenario lists</h3>\n<ol class=\"sources\">\n";
    for (const SourceRef& r : scenario.meta.sources) {
      out += fmt::format("<li id=\"source-{}\"><span class=\"id\">{}</span> {}", html_escape(r.id),
                         html_escape(r.id), html_escape(r.title));
      if (!r.date.empty()) out += fmt::format(" ({})", html_escape(r.date));
      if (!r.url.empty()) {
        out += fmt::format(". <a href=\"{0}\" rel=\"noreferrer noopener\">{0}</a>",
                           html_escape(r.url));
      }
      out += "</li>\n";
    }
    out += "</ol>\n";
  }
  out +=
      "<h3>Where each number comes from</h3>\n<table class=\"data compact\"><thead><tr><th>as "
      "the scenario cites it</th><th>numbers</th><th>of which judgements</th><th>the numbers "
      "(id paths)</th></tr></thead><tbody>\n";
  for (const auto& [source, cited] : by_source) {
    std::string paths;
    const std::size_t shown = std::min<std::size_t>(cited.paths.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) {
      paths += fmt::format("{}<code>{}</code>", i ? ", " : "", html_escape(cited.paths[i]));
    }
    if (shown < cited.paths.size()) {
      paths += fmt::format(" and {} more", cited.paths.size() - shown);
    }
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_escape(source), cited.paths.size(), cited.judgements, paths);
  }
  return out + "</tbody></table>\n";
}

}  // namespace parley::detail
