#include <algorithm>
#include <cmath>

#include "analysis/distributions.hpp"
#include "parley/analysis.hpp"
#include "parley/models.hpp"
#include "parley/scenario.hpp"

namespace parley {

UncertaintyDraws::UncertaintyDraws(const Scenario& base) : base_(&base) {
  Scenario copy = base;  // number_fields needs a mutable scenario; only the paths are kept
  const std::vector<NumberField> fields = number_fields(copy);
  governing_ = governing_uncertainty(base, fields);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (governing_[f] < 0) continue;
    const auto& d = base.uncertainty[static_cast<std::size_t>(governing_[f])].distribution;
    if (d.kind == DistributionKind::fixed) continue;  // keeps its value: not uncertain
    paths_.push_back(fields[f].id_path);
    drawn_fields_.push_back(f);
  }
}

Scenario UncertaintyDraws::draw(std::uint64_t seed, std::uint64_t run) const {
  std::vector<double> ignored;
  return draw(seed, run, ignored);
}

Scenario UncertaintyDraws::draw(std::uint64_t seed, std::uint64_t run,
                                std::vector<double>& drawn) const {
  Scenario scenario = *base_;
  drawn.clear();
  if (base_->uncertainty.empty()) return scenario;
  std::vector<NumberField> fields = number_fields(scenario);
  // One uniform per run picks the row of every empirical sample, so that samples of equal length
  // (a joint posterior) are drawn together.
  const double row = RandomStream(seed, run, detail::empirical_row_stream).uniform();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (governing_[f] < 0) continue;
    // Each field draws from its own stream, numbered by its place among the scenario's
    // numbers: its value does not depend on how many draws other fields needed.
    RandomStream random(seed, run, detail::first_parameter_stream + static_cast<std::uint32_t>(f));
    const auto& d = base_->uncertainty[static_cast<std::size_t>(governing_[f])].distribution;
    const double value = detail::draw_value(d, *fields[f].value, random, row);
    *fields[f].value = std::clamp(value, fields[f].min, fields[f].max);
  }
  drawn.reserve(drawn_fields_.size());
  for (std::size_t f : drawn_fields_) drawn.push_back(*fields[f].value);
  return scenario;
}

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t run) {
  return UncertaintyDraws(base).draw(seed, run);
}

}  // namespace parley
