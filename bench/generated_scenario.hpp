// The generated cases the model benchmarks share: every actor on every issue, capability,
// position and salience drawn uniform on 0-100 from one fixed seed, in that order per actor.
#pragma once

#include <random>
#include <string>

#include "parley/scenario.hpp"

namespace parley::bench {

inline Scenario uniform_scenario(int actors, int issues) {
  Scenario s;
  s.meta.name = "generated";
  for (int i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "issue" + std::to_string(i);
    s.issues.push_back(issue);
  }
  std::mt19937_64 draw(42);
  std::uniform_real_distribution<double> unit(0.0, 100.0);
  for (int a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.capability = unit(draw);
    for (const Issue& issue : s.issues) {
      actor.positions[issue.id] = unit(draw);
      actor.salience[issue.id] = unit(draw);
    }
    s.actors.push_back(actor);
  }
  return s;
}

}  // namespace parley::bench
