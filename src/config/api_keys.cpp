// Key files, key lists and key validation (messages never contain a key), and key look-up in
// constant time.
#include "config/api_keys.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "config/config_error.hpp"
#include "core/constant_time.hpp"

namespace qp {
namespace {

constexpr std::size_t kMaxKeyLength = 4096;
constexpr std::size_t kMaxNameLength = 64;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string describe_key(const std::vector<ApiKey>& keys, std::size_t index) {
  if (!keys[index].name.empty()) return "key \"" + keys[index].name + "\"";
  return "unnamed key #" + std::to_string(index + 1);
}

}  // namespace

void check_api_key(std::string_view key, std::string_view origin) {
  const bool visible_ascii =
      std::all_of(key.begin(), key.end(), [](unsigned char c) { return c >= 0x21 && c <= 0x7e; });
  if (key.empty() || key.size() > kMaxKeyLength || !visible_ascii) {
    throw ConfigError(std::string(origin) +
                      ": an API key must be 1 to 4096 visible ASCII characters (no spaces)");
  }
}

void check_api_key_name(std::string_view name, std::string_view origin) {
  const bool allowed = std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '@';
  });
  if (name.empty() || name.size() > kMaxNameLength || !allowed) {
    throw ConfigError(std::string(origin) + ": a key name must be 1 to 64 of A-Z a-z 0-9 _ - . @");
  }
}

std::vector<ApiKey> parse_api_key_file(std::string_view text, std::string_view origin) {
  std::vector<ApiKey> keys;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(origin) + ":" + std::to_string(line_number);
    ApiKey key;
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      key.name = std::string(trim(line.substr(0, colon)));
      check_api_key_name(key.name, where);
    }
    key.key = std::string(colon == std::string_view::npos ? line : trim(line.substr(colon + 1)));
    check_api_key(key.key, where);
    keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<ApiKey> read_api_key_file(const std::string& path, std::string_view origin) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ConfigError(std::string(origin) + ": cannot read API key file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return parse_api_key_file(text.str(), path);
}

std::vector<ApiKey> split_api_key_list(std::string_view text, std::string_view origin) {
  std::vector<ApiKey> keys;
  std::size_t position = 0;
  for (;;) {
    const std::size_t comma = text.find(',', position);
    const std::string_view item = trim(text.substr(position, comma - position));
    check_api_key(item, std::string(origin) + " (item " + std::to_string(keys.size() + 1) + ")");
    keys.push_back({"", std::string(item)});
    if (comma == std::string_view::npos) break;
    position = comma + 1;
  }
  return keys;
}

void check_api_keys_distinct(const std::vector<ApiKey>& keys) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (keys[i].key == keys[j].key) {
        throw ConfigError("API keys: " + describe_key(keys, j) + " and " + describe_key(keys, i) +
                          " are the same key");
      }
      if (!keys[i].name.empty() && keys[i].name == keys[j].name) {
        throw ConfigError("API keys: the name \"" + keys[i].name + "\" is given to two keys");
      }
    }
  }
}

const ApiKey* find_api_key(const Config& config, std::string_view presented) {
  const ApiKey* match = nullptr;
  for (const ApiKey& candidate : config.api_keys) {
    const bool equal = keys_equal(presented, candidate.key);  // always runs: no early exit
    match = equal ? &candidate : match;
  }
  return match;
}

bool key_may_use(const Profile& profile, const ApiKey* key) {
  if (profile.allowed_keys.empty()) return true;
  if (key == nullptr) return false;
  return std::find(profile.allowed_keys.begin(), profile.allowed_keys.end(), key->name) !=
         profile.allowed_keys.end();
}

std::vector<Profile> profiles_usable_with(const Config& config, const ApiKey* key) {
  std::vector<Profile> usable;
  for (const Profile& profile : config.profiles) {
    if (key_may_use(profile, key)) usable.push_back(profile);
  }
  return usable;
}

}  // namespace qp
