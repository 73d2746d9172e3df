// The TOML configuration file (--config): its settings as option text with their file positions,
// its API keys and its [[models]]. Precedence against flags and environment is load_config's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/profile_file.hpp"

namespace qp {

// One setting read from the file, as the text its flag would take ("9000", "true", ...).
struct FileSetting {
  std::string text;
  std::string origin;  // e.g. "qwen35.toml:3:8 (server.port)"
};

struct ConfigFile {
  std::string path;
  // Option name as in option_specs() ("port", "backend-api-key", ...) -> the file's value.
  // api-key-file is already resolved against the file's directory.
  std::map<std::string, FileSetting, std::less<>> settings;
  std::optional<std::vector<ApiKey>> api_keys;     // auth.api_keys, when given
  std::string api_keys_origin;                     // its position, for messages
  std::optional<std::vector<FileProfile>> models;  // [[models]], when given
};

// Parses `text` as the configuration file at `path` (used in messages and to resolve relative
// paths). Throws ConfigError starting with "path:line:column" for syntax errors, unknown keys and
// wrong types; values that only their option parser can judge (a port number's range, a log
// level's spelling) are checked by load_config with the origin recorded here.
ConfigFile parse_config_file(std::string_view text, const std::string& path);

// Reads the file at `path` and parses it. Throws ConfigError when it cannot be read.
ConfigFile read_config_file(const std::string& path);

}  // namespace qp
