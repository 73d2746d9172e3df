// Strict validation of a whole JSON document (RFC 8259) with simdjson's DOM parser: malformed
// values anywhere, non-UTF-8 text and trailing content are all rejected. Validate before scanning.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/error.hpp"

namespace qp::json {

// Bytes that must be readable after the document for validate_padded() (== SIMDJSON_PADDING).
inline constexpr std::size_t kPadding = 64;

// Owns one simdjson DOM parser and its buffers, reused across calls. Not thread-safe: keep one per
// thread or per caller, never a global.
class Validator {
 public:
  Validator();
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Ok when `text` is exactly one valid JSON value (surrounding whitespace allowed); otherwise an
  // ErrorKind::bad_request whose message says why. Copies `text` into the parser's padded buffer.
  Status validate(std::string_view text);
  // The same without the copy. Contract: the kPadding bytes after `text` are readable memory.
  Status validate_padded(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qp::json
