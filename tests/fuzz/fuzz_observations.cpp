// Fuzzes the observations reader (docs/observations.md), alone and against the context `parley
// score` gives it for the default scenario, so the checks of series names, start month and
// horizon run too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_checks.hpp"
#include "parley/engagement.hpp"

namespace {

// The months a loaded file holds are what validation promises: none before the start, an event's
// month within its window, and (against a context) no indicator beyond the runs.
void check_months(const parley::Observations& observations, int months) {
  for (const parley::ObservedEvent& e : observations.events) {
    if (e.predicate.month < 0) parley::fuzz::fail("an event horizon before the start", e.id);
    if (e.month && (*e.month < 0 || *e.month > e.predicate.month)) {
      parley::fuzz::fail("an event's month outside its window", e.id);
    }
  }
  for (const parley::IndicatorObservation& i : observations.indicators) {
    if (i.month < 0 || (months >= 0 && i.month > months)) {
      parley::fuzz::fail("an indicator month outside the runs",
                         parley::month_label(observations.start, i.month));
    }
  }
}

void check(const parley::ObservationsLoadResult& result, const std::string& file, int months) {
  if (result.observations.has_value() == !result.diagnostics.empty()) {
    parley::fuzz::fail("observations must come exactly when there is no diagnostic");
  }
  parley::fuzz::check_diagnostics(result.diagnostics, file);
  if (result.observations) check_months(*result.observations, months);
}

// What `parley score` checks observations against: the series a run of the default scenario
// records, its date and a five-year horizon. Made once; the fuzzer calls in for every input.
const parley::ObservationContext& default_context() {
  static const parley::ObservationContext context = [] {
    const parley::Scenario scenario =
        parley::load_scenario_text(parley::embedded_default_scenario(), "default.yaml");
    return parley::ObservationContext{parley::series_names(scenario), scenario.meta.as_of, 60};
  }();
  return context;
}

}  // namespace

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = parley::fuzz::as_text(data, size);
  const std::string file = "observations.yaml";
  check(parley::check_observations_text(text, file), file, -1);
  const parley::ObservationContext& context = default_context();
  check(parley::check_observations_text(text, file, &context), file, context.months);
  return 0;
}
