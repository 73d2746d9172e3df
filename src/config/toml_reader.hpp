// TomlTable: reads the members of one table of a configuration file by name with their types
// checked, and refuses keys nobody read. Every error starts with "file:line:column".
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qp {

// The members of `table` in the order they appear in the file (toml::table sorts by key).
std::vector<std::pair<const toml::key*, const toml::node*>> members_in_file_order(
    const toml::table& table);

// The TOML type name of a node as users know it ("string", "integer", "table", ...).
std::string_view toml_type_name(const toml::node& node);

class TomlTable {
 public:
  // `path` is the table's dotted name in messages ("server", "models[2].params"); "" = root.
  TomlTable(const toml::table& table, std::string path);

  // Each getter marks `key` as known; it returns nullopt/nullptr when the key is absent and
  // throws ConfigError (with the value's location) when the value has another type.
  const toml::node* node(std::string_view key);
  std::optional<std::string> string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  const toml::table* table(std::string_view key);
  const toml::array* array(std::string_view key);
  // An array whose elements are all strings (each checked), or nullopt when absent.
  std::optional<std::vector<std::string>> strings(std::string_view key);

  // Throws ConfigError for the first member (in file order) that no getter asked for.
  void reject_unknown_keys() const;

  std::string name_of(std::string_view key) const;  // "server.port"
  const std::string& path() const { return path_; }
  const toml::table& raw() const { return table_; }

 private:
  [[noreturn]] void wrong_type(std::string_view key, const toml::node& value,
                               std::string_view expected) const;

  const toml::table& table_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace qp
