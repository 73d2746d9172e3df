// Span scanner implementation: a structural walk over objects and arrays that skips strings with
// memchr, so a 100 MB base64 string costs one memchr call.
#include "json/scan.hpp"

#include <cstring>

#include "json/string.hpp"

namespace qp::json {
namespace {

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_whitespace(std::string_view doc, std::size_t pos) {
  while (pos < doc.size() && is_whitespace(doc[pos])) ++pos;
  return pos;
}

// One past the closing quote of the string token starting at doc[at] ('"').
std::optional<std::size_t> string_end(std::string_view doc, std::size_t at) {
  std::size_t pos = at + 1;
  while (pos < doc.size()) {
    const void* found = std::memchr(doc.data() + pos, '"', doc.size() - pos);
    if (found == nullptr) return std::nullopt;
    const std::size_t quote =
        static_cast<std::size_t>(static_cast<const char*>(found) - doc.data());
    std::size_t backslashes = 0;
    while (quote - backslashes > at + 1 && doc[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote + 1;
    pos = quote + 1;
  }
  return std::nullopt;
}

bool ends_scalar(char c) {
  return is_whitespace(c) || c == ',' || c == ':' || c == '}' || c == ']' || c == '[' || c == '{' ||
         c == '"';
}

std::optional<std::size_t> scalar_end(std::string_view doc, std::size_t at) {
  std::size_t pos = at;
  while (pos < doc.size() && !ends_scalar(doc[pos])) ++pos;
  if (pos == at) return std::nullopt;
  const std::string_view token = doc.substr(at, pos - at);
  switch (doc[at]) {
    case 't':
      return token == "true" ? std::optional(pos) : std::nullopt;
    case 'f':
      return token == "false" ? std::optional(pos) : std::nullopt;
    case 'n':
      return token == "null" ? std::optional(pos) : std::nullopt;
    default:
      return pos;
  }
}

std::optional<std::size_t> container_end(std::string_view doc, std::size_t at) {
  std::string closers;  // expected closing brackets, innermost last
  std::size_t pos = at;
  while (pos < doc.size()) {
    const char c = doc[pos];
    if (c == '"') {
      auto end = string_end(doc, pos);
      if (!end) return std::nullopt;
      pos = *end;
      continue;
    }
    if (c == '{') {
      closers.push_back('}');
    } else if (c == '[') {
      closers.push_back(']');
    } else if (c == '}' || c == ']') {
      if (closers.empty() || closers.back() != c) return std::nullopt;
      closers.pop_back();
      if (closers.empty()) return pos + 1;
    }
    ++pos;
  }
  return std::nullopt;
}

}  // namespace

std::size_t ObjectScan::last_index(std::string_view name) const {
  for (std::size_t i = members.size(); i > 0; --i) {
    if (members[i - 1].name == name) return i - 1;
  }
  return npos;
}

const Member* ObjectScan::last(std::string_view name) const {
  const std::size_t index = last_index(name);
  return index == npos ? nullptr : &members[index];
}

ValueType type_of(char first) {
  switch (first) {
    case '{':
      return ValueType::object;
    case '[':
      return ValueType::array;
    case '"':
      return ValueType::string;
    case 't':
    case 'f':
      return ValueType::boolean;
    case 'n':
      return ValueType::null;
    default:
      return ValueType::number;
  }
}

std::optional<std::size_t> value_end(std::string_view doc, std::size_t at) {
  if (at >= doc.size()) return std::nullopt;
  switch (doc[at]) {
    case '"':
      return string_end(doc, at);
    case '{':
    case '[':
      return container_end(doc, at);
    default:
      return scalar_end(doc, at);
  }
}

std::optional<Span> top_level_value(std::string_view doc) {
  const std::size_t begin = skip_whitespace(doc, 0);
  auto end = value_end(doc, begin);
  if (!end || skip_whitespace(doc, *end) != doc.size()) return std::nullopt;
  return Span{begin, *end};
}

std::optional<ObjectScan> scan_object(std::string_view doc, std::size_t at) {
  if (at >= doc.size() || doc[at] != '{') return std::nullopt;
  ObjectScan scan;
  std::size_t pos = skip_whitespace(doc, at + 1);
  if (pos < doc.size() && doc[pos] == '}') {
    scan.whole = Span{at, pos + 1};
    return scan;
  }
  while (pos < doc.size() && doc[pos] == '"') {
    Member member;
    auto key_end = string_end(doc, pos);
    if (!key_end) return std::nullopt;
    member.key = Span{pos, *key_end};
    pos = skip_whitespace(doc, *key_end);
    if (pos >= doc.size() || doc[pos] != ':') return std::nullopt;
    pos = skip_whitespace(doc, pos + 1);
    auto end = value_end(doc, pos);
    if (!end) return std::nullopt;
    member.value = Span{pos, *end};
    member.type = type_of(doc[pos]);
    auto name = unescape(member.key.in(doc));
    member.name = name ? std::move(*name) : std::string(member.key.in(doc));
    scan.members.push_back(std::move(member));
    pos = skip_whitespace(doc, *end);
    if (pos < doc.size() && doc[pos] == '}') {
      scan.whole = Span{at, pos + 1};
      return scan;
    }
    if (pos >= doc.size() || doc[pos] != ',') return std::nullopt;
    pos = skip_whitespace(doc, pos + 1);
  }
  return std::nullopt;
}

std::optional<std::vector<Element>> scan_array(std::string_view doc, std::size_t at) {
  if (at >= doc.size() || doc[at] != '[') return std::nullopt;
  std::vector<Element> elements;
  std::size_t pos = skip_whitespace(doc, at + 1);
  if (pos < doc.size() && doc[pos] == ']') return elements;
  while (pos < doc.size()) {
    auto end = value_end(doc, pos);
    if (!end) return std::nullopt;
    elements.push_back(Element{Span{pos, *end}, type_of(doc[pos])});
    pos = skip_whitespace(doc, *end);
    if (pos < doc.size() && doc[pos] == ']') return elements;
    if (pos >= doc.size() || doc[pos] != ',') return std::nullopt;
    pos = skip_whitespace(doc, pos + 1);
  }
  return std::nullopt;
}

}  // namespace qp::json
