#include "models/smp/smp.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/registration.hpp"
#include "models/smp/simulate.hpp"
#include "models/weighted.hpp"

namespace parley {
namespace {

double unit_of(const IssueInput& issue, double x) {
  const double range = issue.scale_max - issue.scale_min;
  return range > 0 ? (x - issue.scale_min) / range : 0.0;
}

double scale_of(const IssueInput& issue, double u) {
  return issue.scale_min + u * (issue.scale_max - issue.scale_min);
}

// The scenario as KTAB's model sees it: every actor on every dimension, on [0, 1].
struct SmpInput {
  smp::Actors actors;
  std::vector<double> start;
};

// KTAB requires every actor's saliences to add up to at most 100 (σ ≤ 1): σ is the chance that
// a target fights and scales the actor's weight. parley scenarios rate each issue on its own,
// so an actor whose saliences add up to more is scaled down to σ = 1, keeping their ratios.
// (The margin leaves KTAB files whose saliences add up to exactly 100 untouched.)
void cap_total_salience(smp::Actors& actors) {
  constexpr double margin = 1e-6;
  for (std::size_t i = 0; i < actors.count; ++i) {
    double* s = actors.salience.data() + i * actors.dims;
    double total = 0.0;
    for (std::size_t k = 0; k < actors.dims; ++k) total += s[k];
    if (total <= 1.0 + margin) continue;
    for (std::size_t k = 0; k < actors.dims; ++k) s[k] /= total;
  }
}

// An actor without a position on an issue sits at the issue's status quo with no salience.
SmpInput smp_input(const Scenario& scenario, const std::vector<IssueInput>& issues) {
  SmpInput in;
  const std::size_t n = scenario.actors.size(), dims = issues.size();
  in.actors.count = n;
  in.actors.dims = dims;
  in.actors.capability.resize(n);
  for (std::size_t i = 0; i < n; ++i) in.actors.capability[i] = scenario.actors[i].capability;
  in.actors.salience.assign(n * dims, 0.0);
  in.start.assign(n * dims, 0.0);
  for (std::size_t d = 0; d < dims; ++d) {
    const IssueInput& issue = issues[d];
    for (std::size_t i = 0; i < n; ++i) in.start[i * dims + d] = unit_of(issue, issue.status_quo);
    for (std::size_t t = 0; t < issue.actors.size(); ++t) {
      const std::size_t i = issue.actors[t];
      in.start[i * dims + d] = unit_of(issue, issue.position[t]);
      in.actors.salience[i * dims + d] = issue.salience[t];
    }
  }
  cap_total_salience(in.actors);
  in.actors.derive();
  return in;
}

std::vector<double> participants(const IssueInput& issue, const std::vector<double>& values) {
  std::vector<double> out;
  for (std::size_t i : issue.actors) out.push_back(values[i]);
  return out;
}

// What does not change from turn to turn of one issue: the weights of its median and mean, and
// each actor's index among the issue's actors (issue.actors.size() for those not on it).
struct IssueView {
  std::vector<double> weight;
  std::vector<std::size_t> local;
};

IssueView issue_view(const IssueInput& issue, const smp::Actors& actors, std::size_t d) {
  IssueView view;
  for (std::size_t i : issue.actors) {
    view.weight.push_back(actors.capability[i] * actors.salience[i * actors.dims + d]);
  }
  view.local.assign(actors.count, issue.actors.size());
  for (std::size_t k = 0; k < issue.actors.size(); ++k) view.local[issue.actors[k]] = k;
  return view;
}

RoundSummary summary(const IssueInput& issue, const IssueView& view,
                     const std::vector<double>& positions, const smp::Run& run, std::size_t t,
                     std::size_t d) {
  RoundSummary s{detail::weighted_median(positions, view.weight),
                 detail::weighted_mean(positions, view.weight),
                 {},
                 {}};
  if (t > 0 && t - 1 < run.turns.size()) {
    const smp::TurnRecord& turn = run.turns[t - 1];
    const auto& local = view.local;
    for (std::size_t b = 0; b < turn.bargains.size(); ++b) {
      const smp::Bargain& g = turn.bargains[b];
      if (local[g.init] == issue.actors.size() || local[g.rcvr] == issue.actors.size()) continue;
      s.offers.push_back({local[g.init], local[g.rcvr], OfferKind::bargain,
                          scale_of(issue, turn.coords[g.rcvr_at + d]), turn.chosen[g.rcvr] == b});
    }
  }
  s.series.push_back({"probability", participants(issue, run.probability[t])});
  s.series.push_back({"risk", participants(issue, run.risk[t])});
  return s;
}

IssueForecast issue_forecast(const IssueInput& issue, const smp::Actors& actors,
                             const smp::Run& run, const smp::Options& options, std::size_t d,
                             ForecastObserver* observer) {
  const double stop_ratio = options.stop_ratio;
  const int min_turns = options.min_turns;
  IssueForecast f;
  f.issue_id = issue.issue_id;
  f.actors = issue.actors;
  f.rounds = run.turn_count;
  f.converged = run.converged;
  const IssueView view = issue_view(issue, actors, d);
  for (std::size_t t = 0; t < run.positions.size(); ++t) {
    std::vector<double> positions;
    for (std::size_t i : issue.actors) {
      positions.push_back(scale_of(issue, run.positions[t][i * actors.dims + d]));
    }
    f.round_summaries.push_back(summary(issue, view, positions, run, t, d));
    if (observer) observer->on_round(issue.issue_id, static_cast<int>(t), positions);
    f.positions.push_back(std::move(positions));
  }
  // The expected final position (see State::expected_position), on this issue's scale.
  f.outcome = issue.actors.empty() ? issue.status_quo : scale_of(issue, run.expected[d]);
  if (actors.count < smp::min_actors) {
    f.note = "KTAB's spatial model needs at least 3 actors; positions left as they are";
  } else if (run.converged && run.turn_count > 0) {
    f.note = fmt::format("converged: turn {} moved {:.4f} x turn 1 (stop below {}, from turn {})",
                         run.turn_count, run.last_ratio, stop_ratio, min_turns);
  }
  return f;
}

}  // namespace

Forecast SmpModel::forecast(const Scenario& scenario, ForecastObserver* observer) const {
  const std::vector<IssueInput> issues = issue_inputs(scenario);
  const SmpInput in = smp_input(scenario, issues);
  const smp::Run run = smp::simulate(in.actors, in.start, options_);
  Forecast forecast;
  forecast.model = spec_;
  for (std::size_t d = 0; d < issues.size(); ++d) {
    forecast.issues.push_back(issue_forecast(issues[d], in.actors, run, options_, d, observer));
  }
  return forecast;
}

ModelInfo SmpModel::info() {
  return {.name = "smp",
          .summary =
              "KTAB's spatial model of politics: all issues as one space; turns of challenges, "
              "interpolated bargains and PCE votes until movement dies down",
          .parameters = smp::parameter_specs(),
          .rounds = true,
          .stochastic = true};
}

std::unique_ptr<SmpModel> SmpModel::make(const ModelParameters& parameters) {
  return std::make_unique<SmpModel>(parameters.spec("smp"), smp::options_from(parameters));
}

}  // namespace parley

PARLEY_REGISTER_MODEL(smp, parley::SmpModel)
