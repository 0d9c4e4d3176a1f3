// Fuzzes every registered model on whatever loads (format detected): each forecast, a few rounds
// long, must end in finite numbers on each issue's scale (fuzz_checks.hpp: check_forecast) or in
// a parley::Error, never a crash, undefined behaviour, NaN or infinity.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_checks.hpp"

namespace {

// Rounds per model: enough for bargaining to move positions, few enough to keep an input fast.
constexpr const char* rounds = "5";

void forecast_with(const parley::ModelEntry& entry, const parley::Scenario& scenario) {
  const std::string spec = parley::spec_with_default(entry.info.name, "rounds", rounds);
  try {
    const parley::Forecast forecast = parley::make_model(spec)->forecast(scenario);
    parley::fuzz::check_forecast(forecast, scenario, spec);
  } catch (const parley::Error& e) {
    // A located refusal is a right answer (a scenario too large for a model, say).
    if (e.message().empty()) parley::fuzz::fail("an Error without a message", spec);
  }
}

}  // namespace

// libFuzzer finds the target by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const parley::LoadResult result =
      parley::check_scenario_text(parley::fuzz::as_text(data, size), "input");
  if (!result.scenario) return 0;
  for (const parley::ModelEntry& entry : parley::model_registry()) {
    forecast_with(entry, *result.scenario);
  }
  return 0;
}
