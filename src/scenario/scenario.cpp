#include "parley/scenario.hpp"

#include <algorithm>

namespace parley {
namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Issue* find_issue(const Scenario& s, const std::string& id) {
  return find_by_id(s.issues, id);
}
const Actor* find_actor(const Scenario& s, const std::string& id) {
  return find_by_id(s.actors, id);
}
const Bloc* find_bloc(const Scenario& s, const std::string& id) { return find_by_id(s.blocs, id); }
const Instrument* find_instrument(const Scenario& s, const std::string& id) {
  return find_by_id(s.instruments, id);
}
const Strategy* find_strategy(const Scenario& s, const std::string& id) {
  return find_by_id(s.strategies, id);
}

const Strategy& require_strategy(const Scenario& s, const std::string& id) {
  if (const Strategy* strategy = find_strategy(s, id)) return *strategy;
  std::string known;
  for (const Strategy& st : s.strategies) known += (known.empty() ? "" : ", ") + st.id;
  throw Error(
      ErrorId::request_unknown_strategy,
      "unknown strategy '" + id + "'; this scenario defines: " + (known.empty() ? "none" : known));
}

const char* to_string(IssueKind kind) {
  switch (kind) {
    case IssueKind::political:
      return "political";
    case IssueKind::technical:
      return "technical";
    case IssueKind::humanitarian:
      return "humanitarian";
    case IssueKind::security:
      return "security";
  }
  return "?";
}

const char* to_string(ActorKind kind) {
  switch (kind) {
    case ActorKind::state:
      return "state";
    case ActorKind::regime_faction:
      return "regime_faction";
    case ActorKind::armed_group:
      return "armed_group";
    case ActorKind::organisation:
      return "organisation";
  }
  return "?";
}

const char* to_string(Linkage linkage) {
  return linkage == Linkage::bundled ? "bundled" : "piecemeal";
}

const char* to_string(InstrumentKind kind) {
  switch (kind) {
    case InstrumentKind::sanctions:
      return "sanctions";
    case InstrumentKind::frozen_assets:
      return "frozen_assets";
    case InstrumentKind::aid:
      return "aid";
    case InstrumentKind::recognition:
      return "recognition";
    case InstrumentKind::ct_cooperation:
      return "ct_cooperation";
    case InstrumentKind::technical_assistance:
      return "technical_assistance";
    case InstrumentKind::dialogue:
      return "dialogue";
    case InstrumentKind::other:
      return "other";
  }
  return "?";
}

const char* to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::uniform:
      return "uniform";
    case DistributionKind::triangular:
      return "triangular";
    case DistributionKind::normal:
      return "normal";
    case DistributionKind::beta:
      return "beta";
    case DistributionKind::spread:
      return "spread";
    case DistributionKind::relative:
      return "relative";
    case DistributionKind::fixed:
      return "fixed";
  }
  return "?";
}

}  // namespace parley
