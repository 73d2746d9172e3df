// Redaction of credentials in logged HTTP headers: at COMPLETE level the server logs whole header
// blocks, and the values of Authorization, Proxy-Authorization and X-Api-Key must never appear.
#pragma once

#include <string>
#include <string_view>

namespace qp::log {

// What a secret header's value is replaced with.
inline constexpr std::string_view kRedactedValue = "[REDACTED]";

// True for Authorization, Proxy-Authorization and X-Api-Key, in any letter case.
bool is_secret_header(std::string_view name);

// `value`, or kRedactedValue when `name` is a secret header. For headers held as name/value pairs.
std::string_view redacted_header_value(std::string_view name, std::string_view value);

// A raw header block (an optional start line, then `Name: value` lines, each ending in \r\n or
// \n) with the value of every secret header replaced by kRedactedValue. Surrounding whitespace
// around the name is tolerated; obsolete folded continuation lines (starting with space or tab)
// of a secret header are dropped; every other byte, line endings included, is kept.
std::string redact_headers(std::string_view header_block);

}  // namespace qp::log
