// Morris's elementary effects (Morris 1991), with trajectories built as in Campolongo, Cariboni &
// Saltelli (2007) without their spread-maximising selection: each trajectory moves every factor
// once, by one grid step, in a random order and direction.
#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/thread_limit.hpp"
#include "models/parallel.hpp"
#include "parley/analysis.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley {
namespace {

constexpr std::uint32_t morris_stream = 0x20000;  // stream purpose of the trajectories' draws

struct Factor {
  std::size_t field = 0;  // index into number_fields
  std::string path;
  double low = 0, high = 0;
};

// The range a factor is moved over: the distribution's support, or mean +- 2 sd where it has
// none that is useful, within the field's valid range.
std::pair<double, double> range_of(const Distribution& d, double current, const NumberField& f) {
  const auto& p = d.params;
  double low = current, high = current;
  switch (d.kind) {
    case DistributionKind::uniform:
      low = p[0], high = p[1];
      break;
    case DistributionKind::triangular:
      low = p[0], high = p[2];
      break;
    case DistributionKind::normal:
      low = p[0] - 2 * p[1], high = p[0] + 2 * p[1];
      break;
    case DistributionKind::beta: {
      const double mean = p[0] / (p[0] + p[1]);
      const double sd =
          std::sqrt(p[0] * p[1] / ((p[0] + p[1]) * (p[0] + p[1]) * (p[0] + p[1] + 1)));
      low = std::max(0.0, mean - 2 * sd), high = std::min(1.0, mean + 2 * sd);
      break;
    }
    case DistributionKind::spread:
      low = current - p[0], high = current + p[0];
      break;
    case DistributionKind::relative:
      low = current * (1 - p[0]), high = current * (1 + p[0]);
      break;
    case DistributionKind::empirical: {
      const auto [least, most] = std::minmax_element(p.begin(), p.end());
      low = *least, high = *most;
      break;
    }
    case DistributionKind::fixed:
      break;
  }
  if (low > high) std::swap(low, high);  // relative on a negative number
  return {std::clamp(low, f.min, f.max), std::clamp(high, f.min, f.max)};
}

std::vector<Factor> factors_of(const Scenario& scenario) {
  Scenario copy = scenario;
  const std::vector<NumberField> fields = number_fields(copy);
  const std::vector<int> governing = governing_uncertainty(scenario, fields);
  std::vector<Factor> factors;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (governing[f] < 0) continue;
    const auto& d = scenario.uncertainty[static_cast<std::size_t>(governing[f])].distribution;
    const auto [low, high] = range_of(d, *fields[f].value, fields[f]);
    if (high > low) factors.push_back({f, fields[f].id_path, low, high});
  }
  return factors;
}

class Trajectories {
 public:
  Trajectories(const Scenario& scenario, const SensitivityPlan& plan)
      : scenario_(scenario),
        plan_(plan),
        factors_(factors_of(scenario)),
        series_(series_index(scenario, plan.series)) {}

  const std::vector<Factor>& factors() const { return factors_; }

  // The elementary effect of every factor along trajectory t, in factor order. With `points`,
  // also every point's runs, in step order.
  std::vector<double> effects(std::uint64_t t, std::vector<RunResult>* points = nullptr) const {
    const std::size_t k = factors_.size();
    const double p = plan_.levels, step = p / (2.0 * (p - 1.0));
    RandomStream random(plan_.seed, t, morris_stream);
    std::vector<double> unit(k);
    std::vector<int> direction(k);
    for (std::size_t i = 0; i < k; ++i) {
      // A start from which one step in the drawn direction stays on the grid inside [0, 1].
      const auto level = static_cast<int>(random.uniform() * (p / 2.0));
      unit[i] = level / (p - 1.0);
      direction[i] = random.uniform() < 0.5 ? 1 : -1;
      if (direction[i] < 0) unit[i] += step;
    }
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) {  // Fisher-Yates
      std::swap(order[i - 1], order[static_cast<std::size_t>(random.uniform() * double(i))]);
    }
    std::vector<double> effect(k);
    RunResult* point = start_point(points, t, 0);
    double before = outcome(unit, t, point);
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t i = order[j];
      unit[i] += direction[i] * step;
      const double after = outcome(unit, t, start_point(points, t, j + 1));
      effect[i] = (after - before) / (direction[i] * step);
      before = after;
    }
    return effect;
  }

 private:
  RunResult* start_point(std::vector<RunResult>* points, std::uint64_t t, std::size_t j) const {
    if (!points) return nullptr;
    RunResult& p = points->emplace_back();
    p.run = t * (factors_.size() + 1) + j;
    p.stream = t;
    p.variant = j;
    return &p;
  }

  // The outcome at the grid point `unit`, with the monthly shocks of `run`; `point` (optional)
  // receives the factors' values and the runs.
  double outcome(const std::vector<double>& unit, std::uint64_t run, RunResult* point) const {
    Scenario s = scenario_;
    std::vector<NumberField> fields = number_fields(s);
    for (std::size_t i = 0; i < factors_.size(); ++i) {
      const Factor& f = factors_[i];
      *fields[f.field].value = f.low + unit[i] * (f.high - f.low);
      if (point) point->numbers.push_back(*fields[f.field].value);
    }
    const int last = plan_.engagement.months;
    auto value = [&](const std::string& strategy) {
      EngagementRun r = simulate_engagement(s, strategy, plan_.engagement, plan_.seed, run);
      const double v = series_value(r.months[static_cast<std::size_t>(last)], series_);
      if (point) point->strategies.push_back(std::move(r));
      return v;
    };
    if (plan_.reference.empty()) return value(plan_.strategy);
    const double screened = value(plan_.strategy);
    return screened - value(plan_.reference);
  }

  const Scenario& scenario_;
  const SensitivityPlan& plan_;
  std::vector<Factor> factors_;
  std::size_t series_;
};

}  // namespace

std::vector<std::string> morris_factor_paths(const Scenario& scenario) {
  std::vector<std::string> paths;
  for (const Factor& f : factors_of(scenario)) paths.push_back(f.path);
  return paths;
}

std::vector<FactorEffect> morris_screening(const Scenario& scenario, const SensitivityPlan& plan,
                                           RunSink* sink) {
  if (plan.levels < 2 || plan.levels % 2 != 0) {
    throw Error(
        ErrorId::request_invalid_option,
        fmt::format("Morris screening needs an even number of levels >= 2, got {}", plan.levels));
  }
  if (plan.trajectories < 2) {
    throw Error(
        ErrorId::request_invalid_option,
        fmt::format("Morris screening needs 2 trajectories or more, got {}", plan.trajectories));
  }
  for (const std::string* id : {&plan.strategy, &plan.reference}) {
    if (!id->empty()) (void)require_strategy(scenario, *id);
  }
  const Trajectories trajectories(scenario, plan);
  const auto& factors = trajectories.factors();
  if (factors.empty()) {
    throw Error(ErrorId::request_no_uncertainty,
                "the scenario's uncertainty block gives no number a range");
  }
  const auto r = static_cast<std::size_t>(plan.trajectories);
  std::vector<std::vector<double>> effects(r);
  detail::with_threads(plan.threads, [&] {
    if (!sink) {
      detail::for_blocks(r, true, [&](std::size_t begin, std::size_t end) {
        for (std::size_t t = begin; t != end; ++t) effects[t] = trajectories.effects(t);
      });
      return;
    }
    // With a sink, a block of trajectories at a time (one per thread), whose points go to the
    // sink in order before the next block: memory holds one block's runs.
    std::vector<std::string> paths;
    paths.reserve(factors.size());
    for (const Factor& f : factors) paths.push_back(f.path);
    sink->begin(paths);
    const auto block = static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
    std::vector<std::vector<RunResult>> points(block);
    for (std::size_t first = 0; first < r; first += block) {
      const std::size_t n = std::min(block, r - first);
      detail::for_blocks(n, true, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i != end; ++i) {
          points[i].clear();
          effects[first + i] = trajectories.effects(first + i, &points[i]);
        }
      });
      for (std::size_t i = 0; i < n; ++i) {
        for (const RunResult& point : points[i]) sink->accept(point);
      }
    }
  });
  std::vector<FactorEffect> out;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    FactorEffect e{factors[i].path, factors[i].low, factors[i].high};
    double sum = 0, sum_abs = 0;
    for (std::size_t t = 0; t < r; ++t) {
      sum += effects[t][i];
      sum_abs += std::abs(effects[t][i]);
    }
    e.mu = sum / double(r);
    e.mu_star = sum_abs / double(r);
    double squares = 0;
    for (std::size_t t = 0; t < r; ++t) squares += (effects[t][i] - e.mu) * (effects[t][i] - e.mu);
    e.sigma = std::sqrt(squares / double(r - 1));
    out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const FactorEffect& a, const FactorEffect& b) {
    return a.mu_star != b.mu_star ? a.mu_star > b.mu_star : a.path < b.path;
  });
  return out;
}

}  // namespace parley
