// Internal: every model's inputs and outputs are finite, or the call stops with an Error
// model.non_finite that names the model, the issue and the number. Validation keeps a scenario's
// magnitudes inside what the models compute with (docs/scenario-format.md, section 2); these
// checks catch what slips past it (a caller that builds inputs without validating them, a
// model's own overflow). They run once per forecast, over its inputs and results, never inside a
// model's loops.
#pragma once

#include <memory>
#include <string>

#include "parley/models.hpp"

namespace parley::detail {

// Throw Error model.non_finite naming `model` and the issue when a number is not finite.
void check_finite_input(const std::string& model, const IssueInput& issue);
void check_finite_input(const std::string& model, const Scenario& scenario);
void check_finite_result(const std::string& model, const IssueForecast& issue);
void check_finite_result(const Forecast& forecast);

// `inner` behind the checks above: what the registry hands out, so that every caller gets them.
std::unique_ptr<Model> checked_model(std::unique_ptr<Model> inner, std::string spec);
std::unique_ptr<PerIssueModel> checked_per_issue_model(std::unique_ptr<PerIssueModel> inner);

}  // namespace parley::detail
