// Escaping and unescaping of JSON string tokens.
#include "json/string.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace qp::json {
namespace {

constexpr std::string_view kReplacementCharacter = "\\ufffd";

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Printable ASCII other than the two characters a JSON string must escape.
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
  return table;
}();

bool is_plain_ascii(unsigned char c) { return kPlainAscii[c]; }

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  if (byte(pos + 1) < low || byte(pos + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
  }
  return length;
}

std::optional<std::uint32_t> read_hex4(std::string_view text, std::size_t pos) {
  if (pos + 4 > text.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    const char c = text[i];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return value;
}

void append_quoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Room for the unescaped case, growing geometrically when `out` is appended to repeatedly.
  const std::size_t needed = out.size() + text.size() + 2;
  if (needed > out.capacity()) out.reserve(std::max(needed, 2 * out.capacity()));
  std::size_t pos = 0;
  while (pos < text.size() && is_plain_ascii(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos == text.size()) {  // the usual case (names, model names): nothing to escape
    const std::size_t at = out.size();
    out.resize(needed);
    char* quoted = out.data() + at;
    quoted[0] = '"';
    std::memcpy(quoted + 1, text.data(), text.size());
    quoted[text.size() + 1] = '"';
    return;
  }
  out.push_back('"');
  out.append(text.data(), pos);
  while (pos < text.size()) {
    // A run of printable ASCII that needs no escape is appended whole.
    std::size_t run = pos;
    while (run < text.size() && is_plain_ascii(static_cast<unsigned char>(text[run]))) ++run;
    if (run > pos) {
      out.append(text.data() + pos, run - pos);
      pos = run;
      if (pos == text.size()) break;
    }
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, pos);
      if (length == 0) {
        out.append(kReplacementCharacter);
        ++pos;
      } else {
        out.append(text.substr(pos, length));
        pos += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++pos;
  }
  out.push_back('"');
}

std::string quote(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

std::optional<std::string> unescape(std::string_view token) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  const std::string_view inner = token.substr(1, token.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  std::string out;
  out.reserve(inner.size());
  for (std::size_t pos = 0; pos < inner.size(); ++pos) {
    if (inner[pos] != '\\') {
      out.push_back(inner[pos]);
      continue;
    }
    if (++pos >= inner.size()) return std::nullopt;
    switch (inner[pos]) {
      case '"':
      case '\\':
      case '/':
        out.push_back(inner[pos]);
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        auto unit = read_hex4(inner, pos + 1);
        if (!unit) return std::nullopt;
        pos += 4;
        std::uint32_t code_point = *unit;
        const bool high_surrogate = code_point >= 0xD800 && code_point <= 0xDBFF;
        if (high_surrogate && pos + 2 < inner.size() && inner[pos + 1] == '\\' &&
            inner[pos + 2] == 'u') {
          auto low = read_hex4(inner, pos + 3);
          if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
            pos += 6;
          }
        }
        append_utf8(out, code_point);
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return out;
}

}  // namespace qp::json
