// Span scanner implementation: a structural walk over objects and arrays with a byte-class table;
// strings are skipped 16 bytes at a time, and past their first 64 bytes with memchr, so a 100 MB
// base64 string costs one memchr call. (A 16-byte search for the next quote or bracket across a
// skipped container executes fewer instructions but ran slower on small answers and stream
// events: its jumps are harder to predict than this loop's.)
#include "json/scan.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/string.hpp"

namespace qp::json {
namespace {

// Byte classes for the structural walk, one table lookup per byte instead of a chain of compares.
// The order matters: container_end() skips every class below kQuote in one loop.
enum ByteClass : unsigned char {
  kPlain = 0,       // inside a scalar, or anything the walk skips
  kWhitespace = 1,  // ends a scalar
  kSeparator = 2,   // , and : end a scalar
  kQuote = 3,       // "
  kOpen = 4,        // { [
  kClose = 5,       // } ]
};

constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> table{};
  for (unsigned char c : {' ', '\t', '\n', '\r'}) table[c] = kWhitespace;
  table[static_cast<unsigned char>(',')] = kSeparator;
  table[static_cast<unsigned char>(':')] = kSeparator;
  table[static_cast<unsigned char>('"')] = kQuote;
  table[static_cast<unsigned char>('{')] = kOpen;
  table[static_cast<unsigned char>('[')] = kOpen;
  table[static_cast<unsigned char>('}')] = kClose;
  table[static_cast<unsigned char>(']')] = kClose;
  return table;
}();

ByteClass class_of(char c) { return kByteClass[static_cast<unsigned char>(c)]; }

bool is_whitespace(char c) { return class_of(c) == kWhitespace; }

std::size_t skip_whitespace(std::string_view doc, std::size_t pos) {
  while (pos < doc.size() && is_whitespace(doc[pos])) ++pos;
  return pos;
}

// Strings are walked escape by escape for their first bytes (keys, most values); the rest of a
// longer one is searched with memchr (a 100 MB base64 image costs one memchr call).
constexpr std::size_t kShortString = 64;

// string_end() for the strings its inline first block does not settle: longer than 16 bytes,
// with escapes, or near the end of the document.
std::optional<std::size_t> string_end_slow(std::string_view doc, std::size_t at, bool* escaped) {
  const char* data = doc.data();
  const std::size_t size = doc.size();
  bool backslash_seen = false;
  std::size_t pos = at + 1;
  // A backslash takes the byte after it, so no quote before `pos` closes the string.
  while (pos < size && pos - at <= kShortString) {
    std::size_t hit = pos;
#if defined(__SSE2__)
    if (pos + 16 <= size) {  // 16 bytes at a time, never past the end of the document
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
      const int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))));
      if (hits == 0) {
        pos += 16;
        continue;
      }
      hit = pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
    } else
#endif
    {
      while (hit < size && data[hit] != '"' && data[hit] != '\\') ++hit;
      if (hit == size) return std::nullopt;
    }
    if (data[hit] == '"') {
      if (escaped != nullptr) *escaped = backslash_seen;
      return hit + 1;
    }
    backslash_seen = true;
    pos = hit + 2;
  }
  // The long tail: a quote closes the string when an even run of backslashes precedes it.
  const std::size_t tail = pos;
  while (pos < size) {
    const void* found = std::memchr(data + pos, '"', size - pos);
    if (found == nullptr) return std::nullopt;
    const std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(found) - data);
    std::size_t backslashes = 0;
    while (quote - backslashes > at + 1 && data[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) {
      if (escaped != nullptr) {
        *escaped = backslash_seen || std::memchr(data + tail, '\\', quote - tail) != nullptr;
      }
      return quote + 1;
    }
    pos = quote + 1;
  }
  return std::nullopt;
}

// One past the closing quote of the string token starting at doc[at] ('"'), or nullopt when it is
// unterminated. When `escaped` is given, sets it to whether the token holds a backslash. Inline for
// the usual short string without escapes (keys, most values): one 16-byte block.
[[gnu::always_inline]] inline std::optional<std::size_t> string_end(std::string_view doc,
                                                                    std::size_t at,
                                                                    bool* escaped = nullptr) {
#if defined(__SSE2__)
  const std::size_t pos = at + 1;
  if (pos + 16 <= doc.size()) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(doc.data() + pos));
    const int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))));
    if (hits != 0) {
      const std::size_t hit =
          pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
      if (doc[hit] == '"') {
        if (escaped != nullptr) *escaped = false;
        return hit + 1;
      }
    }
  }
#endif
  return string_end_slow(doc, at, escaped);
}

std::optional<std::size_t> scalar_end(std::string_view doc, std::size_t at) {
  std::size_t pos = at;
  while (pos < doc.size() && class_of(doc[pos]) == kPlain) ++pos;
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

// The expected closing brackets of the open containers, innermost last: a fixed array for the
// usual depths, a string beyond them (nesting depth is bounded only by the document).
class CloserStack {
 public:
  bool empty() const { return depth_ == 0; }
  void push(char closer) {
    if (depth_ < fixed_.size()) {
      fixed_[depth_] = closer;
    } else {
      deeper_.push_back(closer);
    }
    ++depth_;
  }
  // Pops the innermost expected closer; false when there is none or it is not `closer`.
  bool pop(char closer) {
    if (depth_ == 0) return false;
    --depth_;
    if (depth_ < fixed_.size()) return fixed_[depth_] == closer;
    const char expected = deeper_.back();
    deeper_.pop_back();
    return expected == closer;
  }

 private:
  std::array<char, 64> fixed_;
  std::size_t depth_ = 0;
  std::string deeper_;
};

std::optional<std::size_t> container_end(std::string_view doc, std::size_t at) {
  CloserStack closers;
  const std::size_t size = doc.size();
  std::size_t pos = at;
  for (;;) {
    // Scalars, whitespace and separators need no attention: only quotes and brackets stop here.
    while (pos < size && class_of(doc[pos]) < kQuote) ++pos;
    if (pos >= size) return std::nullopt;
    const char c = doc[pos];
    const ByteClass byte_class = class_of(c);
    if (byte_class == kQuote) {
      auto end = string_end(doc, pos);
      if (!end) return std::nullopt;
      pos = *end;
      continue;
    }
    if (byte_class == kOpen) {
      closers.push(c == '{' ? '}' : ']');
    } else {
      if (!closers.pop(c)) return std::nullopt;
      if (closers.empty()) return pos + 1;
    }
    ++pos;
  }
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

void name_escaped_member(std::string_view doc, Member& member) {
  const std::string_view key_token = member.key.in(doc);
  if (auto name = unescape(key_token)) {
    member.decoded_name = std::make_shared<const std::string>(std::move(*name));
    member.name = *member.decoded_name;
  } else {
    member.name = key_token;  // a malformed escape (unvalidated input): the raw token
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
  // One allocation for the objects of chat requests and answers, small enough for malloc's
  // per-thread cache (under 1 KiB).
  scan.members.reserve(12);
  while (pos < doc.size() && doc[pos] == '"') {
    Member& member = scan.members.emplace_back();
    bool escaped = false;
    auto key_end = string_end(doc, pos, &escaped);
    if (!key_end) return std::nullopt;
    member.key = Span{pos, *key_end};
    pos = skip_whitespace(doc, *key_end);
    if (pos >= doc.size() || doc[pos] != ':') return std::nullopt;
    pos = skip_whitespace(doc, pos + 1);
    auto end = value_end(doc, pos);
    if (!end) return std::nullopt;
    member.value = Span{pos, *end};
    member.type = type_of(doc[pos]);
    name_member(doc, member, escaped);
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

std::optional<ObjectScan> scan_top_level_object(std::string_view doc) {
  // An object that scan_object() accepts is balanced, so it ends where value_end() would end it.
  const std::size_t begin = skip_whitespace(doc, 0);
  if (begin >= doc.size() || doc[begin] != '{') return std::nullopt;
  auto object = scan_object(doc, begin);
  if (!object || skip_whitespace(doc, object->whole.end) != doc.size()) return std::nullopt;
  return object;
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
