#include "models/one_shot.hpp"

#include <numeric>

namespace parley::detail {

IssueForecast one_shot_forecast(const IssueInput& issue, Summary summary) {
  IssueForecast result;
  result.issue_id = issue.issue_id;
  result.actors = issue.actors;
  result.positions = {issue.position};
  if (issue.actors.empty()) {
    result.outcome = issue.status_quo;
    result.note = "no actor takes part; the outcome is the status quo";
    return result;
  }
  std::vector<double> weights(issue.position.size());
  for (std::size_t k = 0; k < weights.size(); ++k) {
    weights[k] = issue.capability[k] * issue.salience[k];
  }
  if (std::accumulate(weights.begin(), weights.end(), 0.0) <= 0.0) {
    result.note = "every capability x salience is zero; actors counted equally";
  }
  result.outcome = summary(issue.position, weights);
  return result;
}

}  // namespace parley::detail
