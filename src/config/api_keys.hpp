// Client API keys on the configuration side: reading key files and lists, validating them without
// ever echoing a key, and the pure look-ups the request-time check uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace qp {

// Reads the text of a key file: one key per line, either `KEY` or `NAME:KEY` (split at the first
// ':'), surrounding spaces and a trailing \r trimmed, blank lines and lines starting with '#'
// ignored. `origin` names the file in errors ("keys.txt"), which give the line number but never
// the key. Throws ConfigError.
std::vector<ApiKey> parse_api_key_file(std::string_view text, std::string_view origin);

// Reads the file at `path` with parse_api_key_file(). `origin` says where the path came from.
std::vector<ApiKey> read_api_key_file(const std::string& path, std::string_view origin);

// A comma-separated list of unnamed keys (QWEN35RP_API_KEY); empty items are refused.
std::vector<ApiKey> split_api_key_list(std::string_view text, std::string_view origin);

// Throws ConfigError (naming `origin`, never the key) unless `key` is 1 to 4096 visible ASCII
// characters (0x21-0x7e): what a client can send in "Authorization: Bearer <key>".
void check_api_key(std::string_view key, std::string_view origin);

// Throws ConfigError unless `name` is 1 to 64 of A-Z a-z 0-9 _ - . @
void check_api_key_name(std::string_view name, std::string_view origin);

// Throws ConfigError when two keys are equal or two named keys share a name. The message names
// the keys by name or position, never by value.
void check_api_keys_distinct(const std::vector<ApiKey>& keys);

// The configured key equal to `presented`, or nullptr. Every key is compared in full with
// keys_equal() (no early exit, neither inside a key nor across keys), so the time taken does not
// reveal which key matched or how much of one did. The pointer lives as long as `config`.
const ApiKey* find_api_key(const Config& config, std::string_view presented);

// Whether a request authenticated with `key` (nullptr = the proxy checks no keys) may use
// `profile`: true when the profile lists no allowed_keys, else when key is named in the list.
bool key_may_use(const Profile& profile, const ApiKey* key);

// The profiles of `config` that key_may_use() allows for `key`, in their configured order.
std::vector<Profile> profiles_usable_with(const Config& config, const ApiKey* key);

}  // namespace qp
