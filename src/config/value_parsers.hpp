// Conversions from option text to typed values. Each throws ConfigError with a reason only (for
// example "must be an integer from 0 to 65535"); the caller adds which flag or variable it was.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace qp {

// Decimal digits only (no sign, no spaces), within [min, max].
std::uint64_t parse_unsigned(std::string_view text, std::uint64_t min, std::uint64_t max);

// Go's strconv.ParseBool spellings, as qwen35-rp reads its variables: 1 t T TRUE true True and
// 0 f F FALSE false False.
bool parse_go_bool(std::string_view text);

// COMPLETE, DEBUG, INFO, WARN, ERROR in any letter case.
LogLevel parse_log_level(std::string_view text);

// logfmt or json, in any letter case.
log::AccessLogFormat parse_access_log_format(std::string_view text);

// as-is, reasoning, reasoning_content, both.
ReasoningField parse_reasoning_field(std::string_view text);

// An IPv4 or IPv6 literal; "localhost" is read as 127.0.0.1.
std::string parse_listen_address(std::string_view text);

// http://host[:port][/] with host a name, an IPv4 literal or a bracketed IPv6 literal; the port
// defaults to 80. https, other schemes, paths, queries and user info are refused.
BackendAddress parse_target(std::string_view text);

// A virtual or backend model name: not empty, no control characters.
std::string parse_model_name(std::string_view text);

}  // namespace qp
