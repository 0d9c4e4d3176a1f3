#include "parley/scenario.hpp"

#include <algorithm>
#include <charconv>

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
    case DistributionKind::empirical:
      return "empirical";
    case DistributionKind::fixed:
      return "fixed";
  }
  return "?";
}

const char* to_string(IssueControl control) {
  switch (control) {
    case IssueControl::regime:
      return "regime";
    case IssueControl::agreement:
      return "agreement";
    case IssueControl::outsiders:
      return "outsiders";
  }
  return "?";
}

const char* to_string(TimelineKind kind) {
  switch (kind) {
    case TimelineKind::policy:
      return "policy";
    case TimelineKind::shock:
      return "shock";
    case TimelineKind::flow:
      return "flow";
    case TimelineKind::seasonal:
      return "seasonal";
    case TimelineKind::trend:
      return "trend";
  }
  return "?";
}

IssueControl issue_control(const Scenario& scenario, const Issue& issue) {
  if (issue.decided_by) return *issue.decided_by;
  if (issue.role == "recognition") return IssueControl::outsiders;
  const bool tracked = std::any_of(scenario.instruments.begin(), scenario.instruments.end(),
                                   [&](const Instrument& i) { return i.track == issue.id; });
  if (issue.kind == IssueKind::political && tracked) return IssueControl::outsiders;
  if (issue.kind == IssueKind::technical) return IssueControl::agreement;
  return IssueControl::regime;
}

std::optional<int> month_index(std::string_view text) {
  // Exactly YYYY-MM with a month 01-12.
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  const auto [year_end, year_error] = std::from_chars(text.data(), text.data() + 4, year);
  const auto [month_end, month_error] = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (year_error != std::errc() || year_end != text.data() + 4 || month_error != std::errc() ||
      month_end != text.data() + 7 || month < 1 || month > 12) {
    return std::nullopt;
  }
  return year * 12 + month - 1;
}

int calendar_month(const std::string& as_of, int month) {
  const auto start = month_index(as_of);
  if (!start) return 0;
  return (*start + month) % 12 + 1;
}

}  // namespace parley
