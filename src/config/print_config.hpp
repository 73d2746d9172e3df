// --print-config: the effective Config written back as a configuration file (TOML, same schema as
// --config), with every key shown as "<redacted>".
#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"

namespace qp {

// What a printed configuration shows instead of any key (client or backend).
inline constexpr std::string_view kRedacted = "<redacted>";

// The whole configuration: [server], [backend], [limits], [logging], [policy], [auth] and every
// [[models]] entry with all its settings explicit (rules after --enforce-sampling-params, each
// model's reasoning_field, repair switch and APIs). Loading the output again gives the same Config
// when no keys are configured (keys are redacted, and key files are already merged into the list).
std::string print_config(const Config& config);

}  // namespace qp
