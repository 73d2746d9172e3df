// TomlTable: typed, location-carrying access to one table of a configuration file.
#include "config/toml_reader.hpp"

#include <algorithm>

#include "config/config_error.hpp"
#include "config/toml_json.hpp"

namespace qp {

std::vector<std::pair<const toml::key*, const toml::node*>> members_in_file_order(
    const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> members;
  for (const auto& [key, value] : table) members.emplace_back(&key, &value);
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
  });
  return members;
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

TomlTable::TomlTable(const toml::table& table, std::string path)
    : table_(table), path_(std::move(path)) {}

std::string TomlTable::name_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void TomlTable::wrong_type(std::string_view key, const toml::node& value,
                           std::string_view expected) const {
  throw ConfigError(source_location(value.source()) + ": " + name_of(key) + " must be " +
                    std::string(expected) + ", not " + std::string(toml_type_name(value)));
}

const toml::node* TomlTable::node(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
}

std::optional<std::string> TomlTable::string(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) wrong_type(key, *value, "a string");
  return value->as_string()->get();
}

std::optional<std::int64_t> TomlTable::integer(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_integer()) wrong_type(key, *value, "an integer");
  return value->as_integer()->get();
}

std::optional<bool> TomlTable::boolean(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) wrong_type(key, *value, "a boolean");
  return value->as_boolean()->get();
}

const toml::table* TomlTable::table(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return nullptr;
  if (!value->is_table()) wrong_type(key, *value, "a table");
  return value->as_table();
}

const toml::array* TomlTable::array(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) wrong_type(key, *value, "an array");
  return value->as_array();
}

std::optional<std::vector<std::string>> TomlTable::strings(std::string_view key) {
  const toml::array* values = array(key);
  if (values == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (const toml::node& element : *values) {
    if (!element.is_string()) {
      throw ConfigError(source_location(element.source()) + ": each element of " + name_of(key) +
                        " must be a string, not " + std::string(toml_type_name(element)));
    }
    out.push_back(element.as_string()->get());
  }
  return out;
}

void TomlTable::reject_unknown_keys() const {
  for (const auto& [key, value] : members_in_file_order(table_)) {
    if (known_.count(key->str()) != 0) continue;
    throw ConfigError(source_location(key->source()) + ": unknown key " + name_of(key->str()));
  }
}

}  // namespace qp
