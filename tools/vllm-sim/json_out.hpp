// Small JSON output helpers for the simulator: string escaping in the style of Python's json.dumps
// with ensure_ascii=False (raw UTF-8; only `"`, `\` and control characters are escaped), plus
// literals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qp::sim {

// Appends `s` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view s);

// `s` as a quoted, escaped JSON string.
std::string json_string(std::string_view s);

// A quoted string, or `null` when absent.
std::string json_string_or_null(const std::optional<std::string>& s);

// Random lowercase hex of `n` characters (ids such as chatcmpl-<16 hex>). Thread-safe.
std::string random_hex(std::size_t n);

// Seconds since the epoch, as vLLM's `created`.
std::int64_t unix_now();

}  // namespace qp::sim
