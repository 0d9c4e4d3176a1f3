#include <fmt/format.h>

#include <algorithm>

#include "io/bands.hpp"
#include "io/text_fit.hpp"
#include "parley/io.hpp"

namespace parley {

std::string sensitivity_table(const Scenario& scenario, const SensitivityPlan& plan,
                              const std::vector<FactorEffect>& effects, std::size_t top) {
  const std::string outcome =
      plan.reference.empty()
          ? detail::strategy_label(plan.strategy)
          : fmt::format("{} - {} (paired)", detail::strategy_label(plan.strategy), plan.reference);
  const std::size_t per_trajectory = (effects.size() + 1) * (plan.reference.empty() ? 1 : 2);
  std::string out = fmt::format(
      "{}: Morris screening of {} at month {}, {}\n"
      "{} factors x {} trajectories ({} runs), {} levels, seed {}, engine {}\n"
      "mu*: mean |change of the outcome| when the factor moves by one grid step, per unit of its\n"
      "whole range; mu: the mean change (its sign); sigma: its spread (interactions).\n\n",
      detail::fit(scenario.meta.name, detail::max_title), plan.series, plan.engagement.months,
      outcome, effects.size(), plan.trajectories,
      per_trajectory * static_cast<std::size_t>(plan.trajectories), plan.levels, plan.seed,
      plan.engagement.engine);
  std::size_t width = 6;
  const std::size_t shown = top == 0 ? effects.size() : std::min(top, effects.size());
  for (std::size_t i = 0; i < shown; ++i) width = std::max(width, effects[i].path.size());
  out += fmt::format("{:>4}  {:<{}}  {:>21}  {:>10}  {:>10}  {:>10}\n", "rank", "factor", width,
                     "range", "mu*", "mu", "sigma");
  for (std::size_t i = 0; i < shown; ++i) {
    const FactorEffect& e = effects[i];
    out += fmt::format("{:>4}  {:<{}}  {:>21}  {:>10.4g}  {:>10.4g}  {:>10.4g}\n", i + 1, e.path,
                       width, fmt::format("[{:.4g}, {:.4g}]", e.low, e.high), e.mu_star, e.mu,
                       e.sigma);
  }
  if (shown < effects.size()) {
    out += fmt::format("({} more factors; --top 0 lists all)\n", effects.size() - shown);
  }
  return out;
}

std::string sensitivity_csv(const std::vector<FactorEffect>& effects) {
  std::string csv = "factor,low,high,mu_star,mu,sigma\n";
  for (const FactorEffect& e : effects) {
    csv += fmt::format("{},{},{},{},{},{}\n", e.path, e.low, e.high, e.mu_star, e.mu, e.sigma);
  }
  return csv;
}

}  // namespace parley
