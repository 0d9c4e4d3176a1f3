#include "models/finite.hpp"

#include <fmt/format.h>

#include <cmath>
#include <span>

namespace parley::detail {
namespace {

// `where` names the issue ("issue 'tax'") or, for a joint model, the actor.
[[noreturn]] void fail_input(const std::string& model, const std::string& where,
                             const std::string& what, double value) {
  throw Error(
      ErrorId::model_non_finite,
      fmt::format(
          "model '{}', {}: {} is {}, not a finite number; validate the scenario (parley validate) "
          "before forecasting",
          model, where, what, value));
}

[[noreturn]] void fail_result(const std::string& model, const std::string& where,
                              const std::string& what, double value) {
  throw Error(ErrorId::model_non_finite,
              fmt::format("model '{}', {}: the forecast's {} is {}; the inputs' magnitudes are "
                          "beyond what the model "
                          "computes with (docs/scenario-format.md, section 2)",
                          model, where, what, value));
}

// The index of the first non-finite value, or -1.
long first_non_finite(std::span<const double> values) {
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!std::isfinite(values[k])) return static_cast<long>(k);
  }
  return -1;
}

class CheckedModel final : public Model {
 public:
  CheckedModel(std::unique_ptr<Model> inner, std::string spec)
      : inner_(std::move(inner)), spec_(std::move(spec)) {}
  Forecast forecast(const Scenario& scenario, ForecastObserver* observer) const override {
    check_finite_input(spec_, scenario);
    Forecast result = inner_->forecast(scenario, observer);
    check_finite_result(result);
    return result;
  }

 private:
  std::unique_ptr<Model> inner_;
  std::string spec_;
};

class CheckedPerIssueModel final : public PerIssueModel {
 public:
  explicit CheckedPerIssueModel(std::unique_ptr<PerIssueModel> inner)
      : PerIssueModel(inner->spec()), inner_(std::move(inner)) {}
  IssueForecast forecast_issue(const IssueInput& issue, ForecastObserver* observer) const override {
    check_finite_input(spec(), issue);
    IssueForecast result = inner_->forecast_issue(issue, observer);
    check_finite_result(spec(), result);
    return result;
  }

 private:
  std::unique_ptr<PerIssueModel> inner_;
};

}  // namespace

void check_finite_input(const std::string& model, const IssueInput& issue) {
  const std::pair<const char*, double> bounds[] = {{"scale minimum", issue.scale_min},
                                                   {"scale maximum", issue.scale_max},
                                                   {"status quo", issue.status_quo}};
  for (const auto& [what, value] : bounds) {
    if (!std::isfinite(value)) fail_input(model, "issue '" + issue.issue_id + "'", what, value);
  }
  const std::pair<const char*, const std::vector<double>*> columns[] = {
      {"capability", &issue.capability},
      {"position", &issue.position},
      {"salience", &issue.salience}};
  for (const auto& [what, values] : columns) {
    if (long k = first_non_finite(*values); k >= 0) {
      fail_input(model, "issue '" + issue.issue_id + "'",
                 fmt::format("the {} of participant {}", what, k),
                 (*values)[static_cast<std::size_t>(k)]);
    }
  }
}

void check_finite_input(const std::string& model, const Scenario& scenario) {
  for (const Issue& issue : scenario.issues) {
    const std::string where = "issue '" + issue.id + "'";
    if (!std::isfinite(issue.scale_min))
      fail_input(model, where, "the scale minimum", issue.scale_min);
    if (!std::isfinite(issue.scale_max))
      fail_input(model, where, "the scale maximum", issue.scale_max);
    if (issue.status_quo && !std::isfinite(*issue.status_quo)) {
      fail_input(model, where, "the status quo", *issue.status_quo);
    }
  }
  for (const Actor& actor : scenario.actors) {
    const std::string where = "actor '" + actor.id + "'";
    if (!std::isfinite(actor.capability))
      fail_input(model, where, "the capability", actor.capability);
    for (const auto& [issue, value] : actor.positions) {
      if (!std::isfinite(value)) fail_input(model, where, "the position on " + issue, value);
    }
    for (const auto& [issue, value] : actor.salience) {
      if (!std::isfinite(value)) fail_input(model, where, "the salience on " + issue, value);
    }
  }
}

void check_finite_result(const std::string& model, const IssueForecast& issue) {
  const std::string id = "issue '" + issue.issue_id + "'";
  if (!std::isfinite(issue.outcome)) fail_result(model, id, "outcome", issue.outcome);
  for (std::size_t r = 0; r < issue.positions.size(); ++r) {
    if (long k = first_non_finite(issue.positions[r]); k >= 0) {
      fail_result(model, id, fmt::format("position of actor {} after round {}", k, r),
                  issue.positions[r][static_cast<std::size_t>(k)]);
    }
  }
  for (std::size_t r = 0; r < issue.round_summaries.size(); ++r) {
    const RoundSummary& round = issue.round_summaries[r];
    if (!std::isfinite(round.median)) {
      fail_result(model, id, fmt::format("median after round {}", r), round.median);
    }
    if (!std::isfinite(round.mean)) {
      fail_result(model, id, fmt::format("mean after round {}", r), round.mean);
    }
    for (const Offer& offer : round.offers) {
      if (!std::isfinite(offer.position)) {
        fail_result(model, id, fmt::format("offer in round {}", r), offer.position);
      }
    }
    for (const ActorSeries& series : round.series) {
      if (long k = first_non_finite(series.values); k >= 0) {
        fail_result(model, id, fmt::format("{} of actor {} in round {}", series.name, k, r),
                    series.values[static_cast<std::size_t>(k)]);
      }
    }
  }
}

void check_finite_result(const Forecast& forecast) {
  for (const IssueForecast& issue : forecast.issues) check_finite_result(forecast.model, issue);
  for (const ExchangeRound& round : forecast.exchange_rounds) {
    const std::string where = fmt::format("exchange round {}", round.round);
    for (const RealisedExchange& e : round.exchanges) {
      for (double value : {e.from_i, e.to_i, e.from_j, e.to_j, e.gain_i, e.gain_j}) {
        if (!std::isfinite(value)) fail_result(forecast.model, where, "exchanged vote", value);
      }
    }
    for (const auto* outcomes : {&round.outcome_before, &round.outcome_after}) {
      if (long k = first_non_finite(*outcomes); k >= 0) {
        const auto issue = static_cast<std::size_t>(k);
        fail_result(forecast.model, where, fmt::format("outcome of issue {}", issue),
                    (*outcomes)[issue]);
      }
    }
  }
}

std::unique_ptr<Model> checked_model(std::unique_ptr<Model> inner, std::string spec) {
  return std::make_unique<CheckedModel>(std::move(inner), std::move(spec));
}

std::unique_ptr<PerIssueModel> checked_per_issue_model(std::unique_ptr<PerIssueModel> inner) {
  return std::make_unique<CheckedPerIssueModel>(std::move(inner));
}

}  // namespace parley::detail
