// Writes a scenario as parley's YAML format v1. The structure comes from scenario_tree.cpp (shared
// with the JSON writer); this file only decides how it looks: block style for the sections and
// their items, flow style ({a: 1, b: 2}, [0, 100]) for short leaf maps and lists, and numbers in
// their shortest form that reads back to the same double.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "parley/scenario.hpp"
#include "scenario/scenario_tree.hpp"

namespace parley {
namespace {

using Tree = nlohmann::ordered_json;

// Leaf maps and lists up to this many characters are written on one line.
constexpr std::size_t max_flow_width = 80;

bool is_scalar(const Tree& node) { return !node.is_object() && !node.is_array(); }

std::string number_text(const Tree& node) {
  if (node.is_number_float()) return fmt::format("{}", node.get<double>());
  return node.dump();
}

// YAML 1.1 readers (PyYAML, used from notebooks) turn 2024-05-01 into a date.
bool looks_like_date(const std::string& text) {
  return text.size() >= 8 && std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::isdigit(static_cast<unsigned char>(text[3])) && text[4] == '-' &&
         text.find('-', 5) != std::string::npos;
}

// A text that YAML would read as a boolean, a number, null or a date is quoted to stay text.
bool reads_as_non_text(const std::string& text) {
  YAML::Node node(text);
  bool flag = false;
  double number = 0.0;
  return YAML::convert<bool>::decode(node, flag) || YAML::convert<double>::decode(node, number) ||
         looks_like_date(text);
}

// yaml-cpp writes text with a carriage return or another control character as plain text, which
// a reader takes as a line break or drops; double quotes write it as an escape ("\r").
bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7F;
  });
}

void emit_text(YAML::Emitter& out, const std::string& text) {
  if (reads_as_non_text(text) || has_control_character(text)) out << YAML::DoubleQuoted;
  out << text;
}

void emit_scalar(YAML::Emitter& out, const Tree& node) {
  if (node.is_string()) {
    emit_text(out, node.get<std::string>());
  } else if (node.is_boolean()) {
    out << node.get<bool>();
  } else if (node.is_number()) {
    out << number_text(node);
  } else {
    out << YAML::Null;
  }
}

// Width of the node written in flow style, or max + 1 when it is not a leaf container (one whose
// children are scalars or containers of scalars, such as {value: 3, source: x}).
std::size_t flow_width(const Tree& node, int depth = 0) {
  if (is_scalar(node))
    return node.is_string() ? node.get<std::string>().size() + 2 : number_text(node).size();
  if (depth > 1) return max_flow_width + 1;
  std::size_t width = 2;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (node.is_object()) width += it.key().size() + 2;
    width += flow_width(*it, depth + 1) + 2;
    if (width > max_flow_width) return max_flow_width + 1;
  }
  return width;
}

void emit_node(YAML::Emitter& out, const Tree& node, int depth, bool allow_flow);

void emit_container(YAML::Emitter& out, const Tree& node, int depth, bool allow_flow) {
  const bool flow = allow_flow && depth >= 2 && flow_width(node) <= max_flow_width;
  if (flow) out << YAML::Flow;
  if (node.is_object()) {
    out << YAML::BeginMap;
    for (auto it = node.begin(); it != node.end(); ++it) {
      out << YAML::Key;
      emit_text(out, it.key());
      out << YAML::Value;
      emit_node(out, *it, depth + 1, true);
    }
    out << YAML::EndMap;
  } else {
    out << YAML::BeginSeq;
    // The items of top-level lists (issues, actors, ...) always get a block of their own.
    for (const Tree& item : node) emit_node(out, item, depth + 1, depth != 1);
    out << YAML::EndSeq;
  }
}

void emit_node(YAML::Emitter& out, const Tree& node, int depth, bool allow_flow) {
  if (is_scalar(node)) {
    emit_scalar(out, node);
  } else {
    emit_container(out, node, depth, allow_flow);
  }
}

}  // namespace

std::string to_yaml(const Scenario& scenario) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::Comment("parley scenario, format v1");
  out << YAML::Newline;
  emit_node(out, detail::scenario_tree(scenario), 0, false);
  return std::string(out.c_str()) + "\n";
}

}  // namespace parley
