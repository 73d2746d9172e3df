// Span scanner: finds the members of a JSON object (or the elements of an array) as byte spans of
// the document, without building a DOM and without copying values. It never reads out of bounds on
// any input; only input checked by json::validate() gets exact JSON meaning.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qp::json {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// A byte range [begin, end) of a document.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  std::string_view in(std::string_view doc) const { return doc.substr(begin, end - begin); }
};

enum class ValueType { object, array, string, number, boolean, null };

struct Member {
  Span key;    // the raw key token, quotes included
  Span value;  // the raw value token
  ValueType type = ValueType::null;
  // The key unescaped, as Python's json sees it ("mod\u0065l" -> model). A view into the document
  // when the key has no backslash (the document must outlive the Member), else into decoded_name.
  std::string_view name;
  // Owns the decoded text of a key with escapes (shared so that copies keep `name` valid); null
  // for the usual key without escapes, which costs no allocation.
  std::shared_ptr<const std::string> decoded_name;
};

struct ObjectScan {
  Span whole;                   // from '{' through '}'
  std::vector<Member> members;  // in document order, duplicate keys included

  // Index of the last member called `name` (the one Python's json keeps), or npos.
  std::size_t last_index(std::string_view name) const;
  // The last member called `name`, or nullptr.
  const Member* last(std::string_view name) const;
};

struct Element {
  Span value;
  ValueType type = ValueType::null;
};

// The type of the value whose first byte is `first` (anything unknown reads as a number).
ValueType type_of(char first);

// name_member() for a key token with a backslash: decodes it into member.decoded_name.
void name_escaped_member(std::string_view doc, Member& member);

// Sets member.name (and decoded_name when needed) from its key token; `escaped` says whether the
// token holds a backslash. Used by every scan that records members. Inline for the usual key
// without escapes: a view of the token without its quotes.
inline void name_member(std::string_view doc, Member& member, bool escaped) {
  if (escaped) {
    name_escaped_member(doc, member);
    return;
  }
  member.name = std::string_view(doc.data() + member.key.begin + 1, member.key.size() - 2);
}

// The single top-level value of `doc` without surrounding whitespace; nullopt when there is no
// value or anything but whitespace follows it.
std::optional<Span> top_level_value(std::string_view doc);

// One past the end of the value starting at doc[at], or nullopt when it is not well-formed
// structurally (unterminated string, unbalanced brackets). Long strings are skipped with memchr.
std::optional<std::size_t> value_end(std::string_view doc, std::size_t at);

// The members of the object starting at doc[at] ('{'), or nullopt when it is not well-formed.
std::optional<ObjectScan> scan_object(std::string_view doc, std::size_t at);

// The single top-level value of `doc` scanned as an object, in one pass: the same as
// top_level_value() followed by scan_object() when the value starts with '{', and nullopt whenever
// either of those would be nullopt or the value is not an object.
std::optional<ObjectScan> scan_top_level_object(std::string_view doc);

// The elements of the array starting at doc[at] ('['), or nullopt when it is not well-formed.
std::optional<std::vector<Element>> scan_array(std::string_view doc, std::size_t at);

// True when the value token is the literal null.
inline bool is_null(std::string_view doc, const Member& member) {
  return member.type == ValueType::null && member.value.in(doc) == "null";
}

}  // namespace qp::json
