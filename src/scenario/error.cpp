#include <string_view>

#include "parley/scenario.hpp"

namespace parley {

const char* to_string(ErrorId id) {
  // The names are part of the interface (scripts match them): never rename one, add a new id.
  switch (id) {
    case ErrorId::request_unknown_strategy:
      return "request.unknown_strategy";
    case ErrorId::request_reference_not_run:
      return "request.reference_not_run";
    case ErrorId::request_unknown_series:
      return "request.unknown_series";
    case ErrorId::request_unknown_path:
      return "request.unknown_path";
    case ErrorId::request_value_out_of_range:
      return "request.value_out_of_range";
    case ErrorId::request_invalid_option:
      return "request.invalid_option";
    case ErrorId::request_no_regime:
      return "request.no_regime";
    case ErrorId::request_no_uncertainty:
      return "request.no_uncertainty";
    case ErrorId::request_export_limits:
      return "request.export_limits";
    case ErrorId::request_no_prior:
      return "request.no_prior";
    case ErrorId::request_beyond_runs:
      return "request.beyond_runs";
    case ErrorId::request_too_large:
      return "request.too_large";
    case ErrorId::request_different_run:
      return "request.different_run";
    case ErrorId::request_not_run_directory:
      return "request.not_run_directory";
    case ErrorId::request_not_scorable:
      return "request.not_scorable";
    case ErrorId::request_unfinished_shard:
      return "request.unfinished_shard";
    case ErrorId::request_duplicate_shard:
      return "request.duplicate_shard";
    case ErrorId::request_missing_shard:
      return "request.missing_shard";
    case ErrorId::model_unknown:
      return "model.unknown";
    case ErrorId::model_bad_spec:
      return "model.bad_spec";
    case ErrorId::model_unknown_parameter:
      return "model.unknown_parameter";
    case ErrorId::model_bad_parameter_value:
      return "model.bad_parameter_value";
    case ErrorId::model_not_per_issue:
      return "model.not_per_issue";
    case ErrorId::model_scenario_too_large:
      return "model.scenario_too_large";
    case ErrorId::model_non_finite:
      return "model.non_finite";
    case ErrorId::io_read:
      return "io.read";
    case ErrorId::io_write:
      return "io.write";
    case ErrorId::io_busy:
      return "io.busy";
    case ErrorId::io_unavailable:
      return "io.unavailable";
    case ErrorId::count_:
      break;
  }
  return "?";
}

int exit_code(ErrorId id) {
  // By category: the user can fix a request or a model spec and run again (2, as for an invalid
  // scenario); anything else went wrong while running (1).
  const std::string_view name = to_string(id);
  const std::string_view category = name.substr(0, name.find('.'));
  return category == "request" || category == "model" ? 2 : 1;
}

Error::Error(ErrorId id, const std::string& message)
    : std::runtime_error("[parley." + std::string(to_string(id)) + "] " + message), id_(id) {}

std::string_view Error::message() const {
  const std::string_view text = what();
  return text.substr(text.find("] ") + 2);
}

}  // namespace parley
