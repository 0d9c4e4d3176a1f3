// Writes a scenario as the CSV input of KTAB's smpc, so the same case can be run in KTAB and in
// parley's `smp` model and the results compared.
//
// KTAB knows only actors with a capability and, per dimension, a position and a salience on
// 0-100, so everything else in the scenario (blocs, regime, strategies, ...) is left out. The
// rules KTAB enforces on reading (3-250 actors, names of 1-25 characters, capabilities up to 1e8,
// each actor's saliences summing to at most 100) are met here or reported by throwing
// Error request.export_limits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "parley/scenario.hpp"

namespace parley {
namespace {

constexpr std::size_t ktab_min_actors = 3;
constexpr std::size_t ktab_max_actors = 250;
constexpr std::size_t ktab_max_actor_name = 25;
constexpr std::size_t ktab_max_description = 256;
constexpr std::size_t ktab_max_scenario_text = 512;
constexpr double ktab_max_capability = 1e8;

// KTAB's reader splits at every comma, reads a field that starts with '"' as quoted, and reads
// "$$" back as a comma; line breaks would end the record.
std::string ktab_field(const std::string& text, std::size_t max_length) {
  std::string out;
  for (char c : text) {
    if (c == ',') {
      out += "$$";
    } else if (c == '"') {
      out += '\'';
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (out.size() > max_length) {
    // Cut at a character boundary: never between the bytes of one UTF-8 character. A "$$" cut in
    // two leaves a lone '$', which KTAB reads as text.
    std::size_t cut = max_length;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

std::string number(double value) { return fmt::format("{}", value); }

// KTAB accepts capabilities up to 1e8. Only their ratios matter to the model, so larger ones are
// all scaled by the same factor.
double capability_factor(const Scenario& scenario) {
  double largest = 0.0;
  for (const Actor& actor : scenario.actors) largest = std::max(largest, actor.capability);
  return largest > ktab_max_capability ? ktab_max_capability / largest : 1.0;
}

// KTAB's actor name must be 1-25 characters; the full name goes into the description column.
std::string actor_name(const Actor& actor) {
  const std::string& name = actor.name.empty() ? actor.id : actor.name;
  return ktab_field(name.size() <= ktab_max_actor_name ? name : actor.id, ktab_max_actor_name);
}

std::string dimension_name(const Issue& issue) {
  return ktab_field(issue.label.empty() ? issue.id : issue.label, ktab_max_description);
}

// A number as parley's KTAB reader accepts it back: magnitudes below limits::min_magnitude,
// which rescaling can produce from accepted numbers, are written as 0 (E016 would reject them).
double readable(double value) { return std::abs(value) < limits::min_magnitude ? 0.0 : value; }

// Maps the issue's scale onto KTAB's 0-100. A [0, 100] issue maps by the factor 1 exactly, so
// its positions are written unchanged; on other scales rounding may step a bound by an ulp
// (100.00000000000001), which parley's reader rejects (E013), so the result is clamped.
double to_percent(const Issue& issue, double value) {
  const double percent = (value - issue.scale_min) * (100.0 / (issue.scale_max - issue.scale_min));
  return readable(std::clamp(percent, 0.0, 100.0));
}

struct Cell {
  double position = 0.0;
  double salience = 0.0;
};

// One actor's positions and saliences on every dimension. KTAB has no way to say "not involved",
// so an actor without a position on an issue sits at the issue's status quo (or, without one, the
// middle of the scale) with salience 0: it then neither pulls the outcome nor cares about it.
std::vector<Cell> actor_cells(const Scenario& scenario, const Actor& actor) {
  std::vector<Cell> cells;
  double salience_sum = 0.0;
  for (const Issue& issue : scenario.issues) {
    Cell cell;
    auto position = actor.positions.find(issue.id);
    auto salience = actor.salience.find(issue.id);
    if (position != actor.positions.end()) {
      cell.position = to_percent(issue, position->second);
      cell.salience = salience == actor.salience.end() ? 0.0 : salience->second;
    } else {
      double fallback = issue.status_quo.value_or((issue.scale_min + issue.scale_max) / 2.0);
      cell.position = to_percent(issue, fallback);
    }
    salience_sum += cell.salience;
    cells.push_back(cell);
  }
  if (salience_sum <= 100.0) return cells;
  // KTAB rejects saliences summing above 100; scaling them down keeps their ratios, which is what
  // the model uses. Rounding can leave the sum a hair above 100, so shrink until it is not.
  double factor = 100.0 / salience_sum;
  while (true) {
    double sum = 0.0;
    for (const Cell& cell : cells) sum += cell.salience * factor;
    if (sum <= 100.0) break;
    factor = std::nextafter(factor, 0.0);
  }
  for (Cell& cell : cells) cell.salience = readable(cell.salience * factor);
  return cells;
}

void check_ktab_limits(const Scenario& scenario) {
  const std::size_t actors = scenario.actors.size();
  if (actors < ktab_min_actors || actors > ktab_max_actors) {
    throw Error(ErrorId::request_export_limits,
                fmt::format("KTAB's smpc needs {} to {} actors; this scenario has {}",
                            ktab_min_actors, ktab_max_actors, actors));
  }
  if (scenario.issues.empty()) {
    throw Error(ErrorId::request_export_limits,
                "KTAB's smpc needs at least one dimension; this scenario has no "
                "issues");
  }
}

}  // namespace

std::string to_ktab_csv(const Scenario& scenario) {
  check_ktab_limits(scenario);
  std::string csv =
      fmt::format("{},{},{},{}\n", ktab_field(scenario.meta.name, ktab_max_scenario_text),
                  ktab_field(scenario.meta.description, ktab_max_scenario_text),
                  scenario.actors.size(), scenario.issues.size());
  csv += "Actor,Description,Capability";
  for (const Issue& issue : scenario.issues) {
    const std::string name = dimension_name(issue);
    csv += fmt::format(",{},{} salience", name, name);
  }
  csv += '\n';
  const double capability_scale = capability_factor(scenario);
  for (const Actor& actor : scenario.actors) {
    csv += fmt::format("{},{},{}", actor_name(actor),
                       ktab_field(actor.name.empty() ? actor.id : actor.name, ktab_max_description),
                       number(actor.capability * capability_scale));
    for (const Cell& cell : actor_cells(scenario, actor)) {
      csv += fmt::format(",{},{}", number(cell.position), number(cell.salience));
    }
    csv += '\n';
  }
  return csv;
}

}  // namespace parley
