#include "models/exchange/table.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "parley/models.hpp"

namespace parley::exchange {

Table make_table(const Scenario& scenario) {
  Table t;
  t.actors = scenario.actors.size();
  t.issues = scenario.issues.size();
  t.scenario_actor.resize(t.actors);
  std::iota(t.scenario_actor.begin(), t.scenario_actor.end(), 0);
  std::stable_sort(
      t.scenario_actor.begin(), t.scenario_actor.end(),
      [&](std::size_t a, std::size_t b) { return scenario.actors[a].id < scenario.actors[b].id; });
  std::vector<std::size_t> by_id(t.issues);
  std::iota(by_id.begin(), by_id.end(), 0);
  std::stable_sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) {
    return scenario.issues[a].id < scenario.issues[b].id;
  });
  t.issue_rank.resize(t.issues);
  for (std::size_t r = 0; r < t.issues; ++r) t.issue_rank[by_id[r]] = r;
  for (const Issue& issue : scenario.issues) {
    const double range = issue.scale_max - issue.scale_min;
    t.scale_min.push_back(issue.scale_min);
    t.scale_range.push_back(range > 0.0 ? range : 1.0);
  }
  const std::size_t cells = t.actors * t.issues;
  t.present.assign(cells, 0);
  t.x.assign(cells, 0.0);
  t.s.assign(cells, 0.0);
  t.w.assign(cells, 0.0);
  t.weight.assign(t.issues, 0.0);
  // The status quo and each actor's position and salience as every model reads them
  // (issue_inputs), on the table's 0-100 scale.
  std::vector<std::size_t> row_of(t.actors);  // scenario actor -> k
  for (std::size_t k = 0; k < t.actors; ++k) row_of[t.scenario_actor[k]] = k;
  const std::vector<IssueInput> inputs = issue_inputs(scenario);
  for (std::size_t d = 0; d < t.issues; ++d) {
    const IssueInput& in = inputs[d];
    t.status_quo.push_back(std::clamp(t.normalise(d, in.status_quo), 0.0, 100.0));
    for (std::size_t a = 0; a < in.actors.size(); ++a) {
      const std::size_t c = t.cell(row_of[in.actors[a]], d);
      t.present[c] = 1;
      t.x[c] = std::clamp(t.normalise(d, in.position[a]), 0.0, 100.0);
      t.s[c] = std::clamp(in.salience[a], 0.0, 1.0);
      t.w[c] = std::max(in.capability[a], 0.0) * t.s[c];
    }
  }
  for (std::size_t d = 0; d < t.issues; ++d) {
    for (std::size_t k = 0; k < t.actors; ++k) t.weight[d] += t.w[t.cell(k, d)];
  }
  t.rate.assign(cells, 0.0);
  t.inv_rate.assign(cells, 0.0);
  for (std::size_t k = 0; k < t.actors; ++k) {
    for (std::size_t d = 0; d < t.issues; ++d) {
      const std::size_t c = t.cell(k, d);
      if (t.weight[d] > 0.0) t.rate[c] = t.w[c] / t.weight[d];
      if (t.rate[c] > 0.0) t.inv_rate[c] = 1.0 / t.rate[c];
    }
  }
  return t;
}

double outcome(const Table& t, std::span<const double> positions, std::size_t d) {
  double sum = 0.0, plain = 0.0;
  std::size_t count = 0;
  for (std::size_t k = 0; k < t.actors; ++k) {
    const std::size_t c = t.cell(k, d);
    if (!t.present[c]) continue;
    sum += t.w[c] * positions[c];
    plain += positions[c];
    ++count;
  }
  if (count == 0) return t.status_quo[d];
  if (t.weight[d] > 0.0) return sum / t.weight[d];
  return plain / static_cast<double>(count);
}

}  // namespace parley::exchange
