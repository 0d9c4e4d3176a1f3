#include <algorithm>
#include <cmath>

#include "parley/io.hpp"

namespace parley {

std::vector<Pull> actor_pulls(const Scenario& scenario, const IssueForecast& forecast) {
  std::vector<Pull> pulls;
  if (forecast.positions.empty()) return pulls;
  const std::vector<double>& positions = forecast.positions.back();
  double total = 0.0;
  std::vector<double> force(positions.size());
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const Actor& actor = scenario.actors[forecast.actors[k]];
    auto salience = actor.salience.find(forecast.issue_id);
    const double weight =
        actor.capability * (salience == actor.salience.end() ? 0.0 : salience->second / 100.0);
    force[k] = weight * (positions[k] - forecast.outcome);
    total += std::abs(force[k]);
  }
  if (total <= 0.0) return pulls;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    if (force[k] != 0.0) pulls.push_back({forecast.actors[k], force[k] / total});
  }
  std::stable_sort(pulls.begin(), pulls.end(), [](const Pull& a, const Pull& b) {
    return std::abs(a.share) > std::abs(b.share);
  });
  return pulls;
}

}  // namespace parley
