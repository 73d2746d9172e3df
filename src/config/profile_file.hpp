// The [[models]] of a configuration file: each virtual model with its field rules, APIs, reasoning
// field, repair switch and allowed keys, validated with the file position of every error.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/profile.hpp"

namespace qp {

// One [[models]] entry. Settings that fall back to a global value stay unset here; load_config
// resolves them after flags and environment are known.
struct FileProfile {
  Profile profile;                                // backend_model empty when not given
  std::optional<ReasoningField> reasoning_field;  // its own, else the global one
  std::string location;                           // "file:line:column" of the entry
  std::string allowed_keys_location;              // of allowed_keys, when given
};

// Reads and validates `models` (the [[models]] array of the file). Throws ConfigError with the
// location of the first error: unknown keys, wrong types, an invalid rule, a value of the wrong
// type for a known field, duplicate virtual names, an empty list.
std::vector<FileProfile> read_file_profiles(const toml::array& models, const toml::node& where);

// Throws ConfigError (reason only) unless `value` suits the request field `name` (top level, or in
// chat_template_kwargs when `in_chat_template_kwargs`): e.g. temperature a number, top_k an
// integer, enable_thinking a boolean. Unknown fields take any value.
void check_field_value(std::string_view name, bool in_chat_template_kwargs,
                       const toml::node& value);

}  // namespace qp
