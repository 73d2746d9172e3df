// The TOML -> JSON serialiser for profile values, and source locations for error messages.
#include "config/toml_json.hpp"

#include <charconv>
#include <cmath>

#include "config/config_error.hpp"
#include "config/toml_reader.hpp"
#include "json/string.hpp"

namespace qp {
namespace {

void append_json(std::string& out, const toml::node& node);

void append_table(std::string& out, const toml::table& table) {
  const auto members = members_in_file_order(table);
  out += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i != 0) out += ',';
    json::append_quoted(out, members[i].first->str());
    out += ':';
    append_json(out, *members[i].second);
  }
  out += '}';
}

void append_json(std::string& out, const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      json::append_quoted(out, node.as_string()->get());
      return;
    case toml::node_type::integer:
      out += std::to_string(node.as_integer()->get());
      return;
    case toml::node_type::floating_point: {
      const double value = node.as_floating_point()->get();
      if (!std::isfinite(value)) {
        throw ConfigError(source_location(node.source()) +
                          ": nan and inf are not valid JSON values");
      }
      out += format_json_double(value);
      return;
    }
    case toml::node_type::boolean:
      out += node.as_boolean()->get() ? "true" : "false";
      return;
    case toml::node_type::array: {
      out += '[';
      bool first = true;
      for (const toml::node& element : *node.as_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, element);
      }
      out += ']';
      return;
    }
    case toml::node_type::table:
      append_table(out, *node.as_table());
      return;
    default:  // date, time, date_time
      throw ConfigError(source_location(node.source()) +
                        ": dates and times have no JSON form; write them as strings");
  }
}

}  // namespace

std::string source_location(const toml::source_region& region) {
  std::string text = region.path ? *region.path : std::string("<config>");
  text += ':' + std::to_string(region.begin.line) + ':' + std::to_string(region.begin.column);
  return text;
}

std::string format_json_double(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  // to_chars writes 1.0 as "1" (and 1e+20 without a point); keep floats recognisable as floats.
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string toml_to_json(const toml::node& node) {
  std::string out;
  append_json(out, node);
  return out;
}

}  // namespace qp
