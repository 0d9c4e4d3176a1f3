#include "fuzz_checks.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <span>

namespace parley::fuzz {
namespace {

// Well-formed UTF-8 as RFC 3629 defines it: shortest forms only, no surrogates, at most U+10FFFF.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 1;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    if (byte(i + 1) < low || byte(i + 1) > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

bool is_code(std::string_view code) {
  return code.size() == 4 && code[0] == 'E' && std::isdigit(static_cast<unsigned char>(code[1])) &&
         std::isdigit(static_cast<unsigned char>(code[2])) &&
         std::isdigit(static_cast<unsigned char>(code[3]));
}

std::string all_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += format_diagnostic(d) + "\n";
  return text;
}

// Loads what a writer produced; any diagnostic is a writer (or reader) bug.
Scenario reload(const std::string& text, const std::string& file, const char* writer) {
  LoadResult result = check_scenario_text(text, file);
  if (!result.scenario) {
    fail(fmt::format("{} output does not load back", writer),
         all_diagnostics(result.diagnostics) + "--- output:\n" + text);
  }
  return std::move(*result.scenario);
}

void check_finite(double value, std::string_view spec, std::string_view what) {
  if (!std::isfinite(value)) fail(fmt::format("{}: {} is {}", spec, what, value));
}

void check_finite(std::span<const double> values, std::string_view spec, std::string_view what) {
  for (double value : values) check_finite(value, spec, what);
}

void check_issue(const IssueForecast& issue, const Scenario& scenario, std::string_view spec) {
  const Issue* input = find_issue(scenario, issue.issue_id);
  if (input == nullptr)
    fail(fmt::format("{}: forecast of unknown issue '{}'", spec, issue.issue_id));
  check_finite(issue.outcome, spec, "an outcome");
  // Models work on the scale and report on it; rounding may step past a bound by a few ulps.
  const double slack = 1e-9 * (input->scale_max - input->scale_min);
  if (issue.outcome < input->scale_min - slack || issue.outcome > input->scale_max + slack) {
    fail(fmt::format("{}: outcome {} of '{}' is off its scale [{}, {}]", spec, issue.outcome,
                     issue.issue_id, input->scale_min, input->scale_max));
  }
  for (const std::vector<double>& round : issue.positions) check_finite(round, spec, "a position");
  for (const RoundSummary& summary : issue.round_summaries) {
    check_finite(summary.median, spec, "a round's median");
    check_finite(summary.mean, spec, "a round's mean");
    for (const Offer& offer : summary.offers) check_finite(offer.position, spec, "an offer");
    for (const ActorSeries& series : summary.series) check_finite(series.values, spec, series.name);
  }
}

}  // namespace

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz check failed: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void check_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& file) {
  for (const Diagnostic& d : diagnostics) {
    const std::string printed = format_diagnostic(d);
    if (!is_code(d.code)) fail("a diagnostic without an E-code", printed);
    if (d.message.empty()) fail("a diagnostic without a message", printed);
    if (d.file != file) fail("a diagnostic naming another file than the input's", printed);
    if (d.line < 0 || d.column < 0) fail("a diagnostic at a negative line or column", printed);
    if (!valid_utf8(printed)) fail("a diagnostic that is not valid UTF-8", printed);
  }
}

LoadResult check_load(std::string_view text, const std::string& file,
                      std::optional<InputFormat> format) {
  LoadOptions options;
  options.format = format;
  LoadResult result = check_scenario_text(text, file, options);
  if (result.scenario.has_value() == !result.diagnostics.empty()) {
    fail("a scenario must come exactly when there is no diagnostic",
         all_diagnostics(result.diagnostics));
  }
  if (format && result.format != *format) fail("the format asked for was not the one read");
  check_diagnostics(result.diagnostics, file);
  if (result.scenario) check_writers(*result.scenario);
  return result;
}

void check_writers(const Scenario& scenario) {
  const std::string yaml = to_yaml(scenario);
  const std::string yaml_again = to_yaml(reload(yaml, "written.yaml", "YAML"));
  if (yaml_again != yaml)
    fail("YAML output changes when written again", yaml + "---\n" + yaml_again);
  const std::string json = to_json(scenario);
  const std::string json_again = to_json(reload(json, "written.json", "JSON"));
  if (json_again != json)
    fail("JSON output changes when written again", json + "---\n" + json_again);
  std::string ktab;
  try {
    ktab = to_ktab_csv(scenario);
  } catch (const Error& e) {
    // A scenario KTAB cannot run (too few or many actors) is refused, by design.
    if (e.id() != ErrorId::request_export_limits) throw;
    return;
  }
  reload(ktab, "written.csv", "KTAB CSV");
}

void check_forecast(const Forecast& forecast, const Scenario& scenario, std::string_view spec) {
  for (const IssueForecast& issue : forecast.issues) check_issue(issue, scenario, spec);
  for (const ExchangeRound& round : forecast.exchange_rounds) {
    check_finite(round.outcome_before, spec, "an outcome before an exchange round");
    check_finite(round.outcome_after, spec, "an outcome after an exchange round");
    for (const RealisedExchange& e : round.exchanges) {
      const std::array<double, 6> numbers = {e.from_i, e.to_i,   e.from_j,
                                             e.to_j,   e.gain_i, e.gain_j};
      check_finite(numbers, spec, "a realised exchange");
    }
  }
}

}  // namespace parley::fuzz
