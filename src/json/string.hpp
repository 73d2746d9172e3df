// JSON string tokens: escaping text for output and unescaping tokens read from a document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qp::json {

// The JSON string token for `text` (quotes included): `"` and `\` and control characters are
// escaped, other UTF-8 is written raw. Invalid UTF-8 (for example a lone surrogate that unescape()
// produced) is replaced by U+FFFD, so the result is always valid JSON.
std::string quote(std::string_view text);
void append_quoted(std::string& out, std::string_view text);

// The text of a string token (quotes included), escapes decoded the way Python's json does:
// \uXXXX pairs become one code point, a lone surrogate becomes its 3-byte (WTF-8) form.
// nullopt when `token` is not a quoted string or has a malformed escape.
std::optional<std::string> unescape(std::string_view token);

// Helpers shared by the readers of JSON text (validator, unescape):
// the length of the well-formed UTF-8 sequence starting at text[pos] (RFC 3629: no surrogates, no
// overlong forms, nothing past U+10FFFF), or 0 when there is none;
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);
// the value of the four hex digits at text[pos], or nullopt.
std::optional<std::uint32_t> read_hex4(std::string_view text, std::size_t pos);

}  // namespace qp::json
