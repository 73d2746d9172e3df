// Reading the configuration file: syntax, schema (tables and keys), and the mapping of each file
// key to the option it stands for.
#include "config/config_file.hpp"

#include <toml++/toml.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/api_keys.hpp"
#include "config/config_error.hpp"
#include "config/toml_json.hpp"
#include "config/toml_reader.hpp"

namespace qp {
namespace {

enum class Kind { string, integer, boolean };

// A scalar file key and the flag it stands for; its value goes through the flag's parser.
struct FileKey {
  std::string_view table;
  std::string_view key;
  std::string_view option;
  Kind kind;
};

constexpr std::array<FileKey, 19> kFileKeys = {{
    {"server", "listen", "listen", Kind::string},
    {"server", "port", "port", Kind::integer},
    {"server", "threads", "threads", Kind::integer},
    {"server", "max_connections", "max-connections", Kind::integer},
    {"server", "shutdown_grace_seconds", "shutdown-grace", Kind::integer},
    {"limits", "client_header_timeout_seconds", "client-header-timeout", Kind::integer},
    {"backend", "target", "target", Kind::string},
    {"backend", "served_model", "served-model", Kind::string},
    {"backend", "api_key", "backend-api-key", Kind::string},
    {"backend", "timeout_seconds", "backend-timeout", Kind::integer},
    {"backend", "idle_timeout_ms", "upstream-idle-timeout-ms", Kind::integer},
    {"limits", "max_body_bytes", "max-body-bytes", Kind::integer},
    {"limits", "max_event_bytes", "max-event-bytes", Kind::integer},
    {"logging", "level", "loglevel", Kind::string},
    {"logging", "access_log_format", "access-log-format", Kind::string},
    {"policy", "reasoning_field", "reasoning-field", Kind::string},
    {"policy", "enforce_sampling_params", "enforce-sampling-params", Kind::boolean},
    {"auth", "api_key_file", "api-key-file", Kind::string},
    {"metrics", "listen", "metrics-listen", Kind::string},
}};

constexpr std::array<std::string_view, 7> kTables = {"server", "backend", "limits", "logging",
                                                     "policy", "auth",    "metrics"};

std::optional<std::string> read_scalar(TomlTable& table, const FileKey& file_key) {
  switch (file_key.kind) {
    case Kind::string:
      return table.string(file_key.key);
    case Kind::integer: {
      const auto value = table.integer(file_key.key);
      if (!value) return std::nullopt;
      return std::to_string(*value);
    }
    case Kind::boolean: {
      const auto value = table.boolean(file_key.key);
      if (!value) return std::nullopt;
      return *value ? "true" : "false";
    }
  }
  return std::nullopt;
}

// auth.api_keys: each element is "KEY" or { name = "NAME", key = "KEY" }.
std::vector<ApiKey> read_api_keys(const toml::array& elements, const std::string& name) {
  std::vector<ApiKey> keys;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const toml::node& element = elements[i];
    const std::string where =
        source_location(element.source()) + " (" + name + " item " + std::to_string(i + 1) + ")";
    ApiKey key;
    if (const auto* text = element.as_string()) {
      key.key = text->get();
    } else if (const auto* table = element.as_table()) {
      TomlTable named(*table, name + "[" + std::to_string(i + 1) + "]");
      const auto key_name = named.string("name");
      const auto secret = named.string("key");
      named.reject_unknown_keys();
      if (!key_name || !secret) throw ConfigError(where + ": needs both name and key");
      check_api_key_name(*key_name, where);
      key = {*key_name, *secret};
    } else {
      throw ConfigError(where + ": must be a string or { name = \"...\", key = \"...\" }");
    }
    check_api_key(key.key, where);
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

ConfigFile parse_config_file(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw ConfigError(source_location(error.source()) + ": " + std::string(error.description()));
  }
  ConfigFile file;
  file.path = path;
  TomlTable top(root, "");
  for (std::string_view table_name : kTables) {
    const toml::table* table = top.table(table_name);
    if (table == nullptr) continue;
    TomlTable section(*table, std::string(table_name));
    for (const FileKey& file_key : kFileKeys) {
      if (file_key.table != table_name) continue;
      auto value = read_scalar(section, file_key);
      if (!value) continue;
      const std::string origin = source_location(section.node(file_key.key)->source()) + " (" +
                                 section.name_of(file_key.key) + ")";
      file.settings[std::string(file_key.option)] = {std::move(*value), origin};
    }
    if (table_name == "auth") {
      if (const toml::array* keys = section.array("api_keys")) {
        file.api_keys = read_api_keys(*keys, "auth.api_keys");
        file.api_keys_origin = source_location(keys->source()) + " (auth.api_keys)";
      }
    }
    section.reject_unknown_keys();
  }
  if (const toml::array* models = top.array("models")) {
    file.models = read_file_profiles(*models, *root.get("models"));
  }
  top.reject_unknown_keys();

  // A key file named in the file is relative to the file's own directory.
  const auto key_file = file.settings.find("api-key-file");
  if (key_file != file.settings.end() && !key_file->second.text.empty()) {
    const std::filesystem::path relative(key_file->second.text);
    if (relative.is_relative()) {
      key_file->second.text = (std::filesystem::path(path).parent_path() / relative).string();
    }
  }
  return file;
}

ConfigFile read_config_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw ConfigError("cannot read configuration file " + path);
  std::ostringstream text;
  text << stream.rdbuf();
  return parse_config_file(text.str(), path);
}

}  // namespace qp
