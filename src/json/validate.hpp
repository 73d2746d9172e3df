// Strict validation of a whole JSON document (RFC 8259) in one pass over its bytes: malformed
// values anywhere, text that is not UTF-8, unpaired surrogate escapes, nesting deeper than
// kMaxDepth and trailing content are all rejected. Numbers are checked against the grammar only:
// their range is the reader's business (Python's json, which vLLM uses, reads any size).
// Validate before scanning: the scanner gives exact JSON meaning only to validated input.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "json/scan.hpp"

namespace qp::json {

// The deepest nesting of arrays and objects accepted (simdjson's default limit).
inline constexpr std::size_t kMaxDepth = 1024;

// Ok when `text` is exactly one valid JSON value (surrounding whitespace allowed); otherwise an
// ErrorKind::bad_request whose message says what is wrong and at which byte.
Status validate(std::string_view text);

// validate() that also scans the top-level value on the way: the members of the top-level object,
// exactly as scan_top_level_object() would find them, or nullopt when the value is not an object.
// Views in the result point into `text`.
Result<std::optional<ObjectScan>> validate_and_scan(std::string_view text);

}  // namespace qp::json
