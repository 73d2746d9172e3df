// The validator: one forward pass with an explicit stack of open containers (no recursion, so deep
// nesting costs no native stack). Strings are checked 16 bytes at a time; only their quotes,
// backslashes, control characters and non-ASCII bytes stop the block loop, and UTF-8 is decoded
// only there. The top-level object's members are recorded on the way when asked for.
#include "json/validate.hpp"

#include <bitset>
#include <cstring>
#include <string>

#include "json/string.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qp::json {
namespace {

// Whitespace is rare between tokens of machine-written JSON: one compare rules out the rest.
bool above_space(char c) { return static_cast<unsigned char>(c) > ' '; }
bool is_whitespace(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}
// Bytes a string holds as they are: printable ASCII except the quote and the backslash.
bool is_plain_text(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One validation run over one document. The walk's state (position, depth, innermost container)
// lives in locals of check_document() and reaches the helpers by reference: they are all inlined,
// so the state stays in registers instead of being stored and reloaded around every token.
class DocumentCheck {
 public:
  // `top` (may be null) receives the top-level object's members.
  DocumentCheck(std::string_view text, std::optional<ObjectScan>* top)
      : data_(text.data()), size_(text.size()), text_(text), top_(top) {}

  Status run() {
    if (!check_document()) {
      return make_error(ErrorKind::bad_request,
                        std::string(reason_) + " (at byte " + std::to_string(failed_at_) + ")");
    }
    return Ok{};
  }

 private:
  [[gnu::cold, gnu::noinline]] bool fail(const char* reason, std::size_t at) {
    reason_ = reason;
    failed_at_ = at;
    return false;
  }

  // Most tokens are not followed by whitespace in machine-written JSON: one compare settles that.
  [[gnu::always_inline]] void skip_whitespace(std::size_t& pos) const {
    if (pos < size_ && above_space(data_[pos])) return;
    while (pos < size_ && is_whitespace(data_[pos])) ++pos;
  }

  // The whole document: one value, whitespace around it. Each turn of the outer loop reads one
  // value; the inner loop then closes the containers that end after it and moves past the ',' (and
  // the next member's key) that leads to the next value. `top` is the scan being recorded while
  // the walk is inside the top-level object, else null.
  bool check_document() {
    std::size_t pos = 0;
    std::size_t depth = 0;   // open containers
    bool in_object = false;  // the innermost open container is an object
    ObjectScan* top = nullptr;
    // At '{' or '[': one more open container.
    auto open = [&](bool object) {
      if (depth == kMaxDepth) return fail("nesting is deeper than 1024 levels", pos);
      is_object_[depth] = object;
      in_object = object;
      ++depth;
      ++pos;
      return true;
    };
    auto close = [&] {
      --depth;
      in_object = depth > 0 && is_object_[depth - 1];
    };
    skip_whitespace(pos);
    if (pos == size_) return fail("the document is empty", pos);
    for (;;) {
      if (pos >= size_) return fail("the document ends where a value was expected", pos);
      const char c = data_[pos];
      if (top != nullptr && depth == 1) begin_member_value(*top, pos, c);
      switch (c) {
        case '{':
          if (depth == 0 && top_ != nullptr) top = &start_recording(pos);
          if (!open(true)) return false;
          skip_whitespace(pos);
          if (pos < size_ && data_[pos] == '}') {
            ++pos;
            close();
            break;
          }
          if (!member_key(pos, depth == 1 ? top : nullptr)) return false;
          continue;
        case '[':
          if (!open(false)) return false;
          skip_whitespace(pos);
          if (pos < size_ && data_[pos] == ']') {
            ++pos;
            close();
            break;
          }
          continue;
        case '"':
          if (!string(pos, nullptr)) return false;
          break;
        case 't':
          if (!literal(pos, "true")) return false;
          break;
        case 'f':
          if (!literal(pos, "false")) return false;
          break;
        case 'n':
          if (!literal(pos, "null")) return false;
          break;
        default:
          if (!number(pos)) return false;
          break;
      }
      // After a value.
      for (;;) {
        if (top != nullptr && depth <= 1) {
          end_member_value(*top, pos, depth);
          if (depth == 0) top = nullptr;
        }
        skip_whitespace(pos);
        if (depth == 0) {
          return pos == size_ || fail("unexpected content after the JSON value", pos);
        }
        if (pos >= size_) return fail("the document ends inside an array or object", pos);
        const char next = data_[pos];
        if (next == ',') {
          ++pos;
          skip_whitespace(pos);
          if (in_object && !member_key(pos, depth == 1 ? top : nullptr)) return false;
          break;
        }
        if (next == (in_object ? '}' : ']')) {
          ++pos;
          close();
          continue;
        }
        return fail(in_object ? "expected ',' or '}' after an object member"
                              : "expected ',' or ']' after an array element",
                    pos);
      }
    }
  }

  // At a member's key: reads it, the ':' and the whitespace up to its value. `top` (may be null)
  // records the key as a new member of the top-level object.
  [[gnu::always_inline]] bool member_key(std::size_t& pos, ObjectScan* top) {
    if (pos >= size_ || data_[pos] != '"') return fail("expected a string as object key", pos);
    const std::size_t key_begin = pos;
    bool escaped = false;
    if (!string(pos, &escaped)) return false;
    if (top != nullptr) {
      Member& member = top->members.emplace_back();
      member.key = Span{key_begin, pos};
      name_member(text_, member, escaped);
    }
    skip_whitespace(pos);
    if (pos >= size_ || data_[pos] != ':') return fail("expected ':' after an object key", pos);
    ++pos;
    skip_whitespace(pos);
    return true;
  }

  // At '"': moves past the closing quote. Sets *escaped (when given) to whether it holds a '\'.
  [[gnu::always_inline]] bool string(std::size_t& at, bool* escaped) {
    const std::size_t begin = at;
    std::size_t pos = at + 1;
    for (;;) {
      // Find the next byte that is not plain text: a quote, a backslash, a control character or
      // a non-ASCII byte.
#if defined(__SSE2__)
      if (pos + 16 <= size_) {
        // Control characters and non-ASCII bytes both compare below 0x20 as signed bytes.
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data_ + pos));
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))),
                         _mm_cmplt_epi8(block, _mm_set1_epi8(0x20)));
        const int hits = _mm_movemask_epi8(special);
        if (hits == 0) {
          pos += 16;
          continue;
        }
        pos += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
      } else
#endif
      {
        while (pos < size_ && is_plain_text(data_[pos])) ++pos;
        if (pos >= size_) return fail("the document ends inside a string", begin);
      }
      const auto byte = static_cast<unsigned char>(data_[pos]);
      if (byte == '"') {
        at = pos + 1;
        return true;
      }
      if (byte == '\\') {
        if (escaped != nullptr) *escaped = true;
        if (!escape(pos)) return false;
        continue;
      }
      if (byte < 0x20) return fail("a control character in a string is not escaped", pos);
      const std::size_t length = utf8_sequence_length(text_, pos);
      if (length == 0) return fail("the text is not valid UTF-8", pos);
      pos += length;
    }
  }

  // At the '\' of an escape inside a string: moves `pos` past it (past both halves of a surrogate
  // pair).
  bool escape(std::size_t& pos) {
    if (pos + 1 >= size_) return fail("the document ends inside a string", pos);
    switch (data_[pos + 1]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        pos += 2;
        return true;
      case 'u':
        break;
      default:
        return fail("invalid escape in a string", pos);
    }
    const auto unit = read_hex4(text_, pos + 2);
    if (!unit) return fail("invalid \\u escape in a string", pos);
    if (*unit >= 0xDC00 && *unit <= 0xDFFF) return fail("unpaired UTF-16 surrogate escape", pos);
    if (*unit >= 0xD800 && *unit <= 0xDBFF) {
      const bool next_is_escape =
          pos + 7 < size_ && data_[pos + 6] == '\\' && data_[pos + 7] == 'u';
      const auto low = next_is_escape ? read_hex4(text_, pos + 8) : std::nullopt;
      if (!low || *low < 0xDC00 || *low > 0xDFFF) {
        return fail("unpaired UTF-16 surrogate escape", pos);
      }
      pos += 6;
    }
    pos += 6;
    return true;
  }

  [[gnu::always_inline]] bool literal(std::size_t& pos, std::string_view word) {
    if (size_ - pos < word.size() || std::memcmp(data_ + pos, word.data(), word.size()) != 0) {
      return fail("invalid literal (true, false or null expected)", pos);
    }
    pos += word.size();
    return true;
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  [[gnu::always_inline]] bool number(std::size_t& at) {
    const std::size_t begin = at;
    std::size_t pos = at;
    if (data_[pos] == '-') ++pos;
    if (pos < size_ && data_[pos] == '0') {
      ++pos;
    } else if (pos < size_ && data_[pos] >= '1' && data_[pos] <= '9') {
      while (pos < size_ && is_digit(data_[pos])) ++pos;
    } else {
      return fail(
          pos == begin ? "unexpected character where a value was expected" : "invalid number",
          begin);
    }
    if (pos < size_ && data_[pos] == '.') {
      ++pos;
      if (pos >= size_ || !is_digit(data_[pos])) return fail("invalid number", begin);
      while (pos < size_ && is_digit(data_[pos])) ++pos;
    }
    if (pos < size_ && (data_[pos] == 'e' || data_[pos] == 'E')) {
      ++pos;
      if (pos < size_ && (data_[pos] == '+' || data_[pos] == '-')) ++pos;
      if (pos >= size_ || !is_digit(data_[pos])) return fail("invalid number", begin);
      while (pos < size_ && is_digit(data_[pos])) ++pos;
    }
    at = pos;
    return true;
  }

  // The top-level value, at `pos`, is an object whose members are wanted: the scan to record them.
  ObjectScan& start_recording(std::size_t pos) {
    ObjectScan& scan = top_->emplace();
    scan.whole.begin = pos;
    // One allocation for the objects of chat requests and answers.
    scan.members.reserve(12);
    return scan;
  }

  // At the first byte of a top-level member's value.
  static void begin_member_value(ObjectScan& top, std::size_t pos, char first) {
    Member& member = top.members.back();
    member.value.begin = pos;
    member.type = type_of(first);
  }

  // Just after a top-level member's value, or (at depth 0) after the whole object.
  static void end_member_value(ObjectScan& top, std::size_t pos, std::size_t depth) {
    if (depth == 0) {
      top.whole.end = pos;
    } else {
      top.members.back().value.end = pos;
    }
  }

  const char* data_;
  std::size_t size_;
  std::string_view text_;
  std::bitset<kMaxDepth> is_object_;  // per open container: object (true) or array
  std::optional<ObjectScan>* top_;
  const char* reason_ = "";
  std::size_t failed_at_ = 0;
};

}  // namespace

Status validate(std::string_view text) { return DocumentCheck(text, nullptr).run(); }

Result<std::optional<ObjectScan>> validate_and_scan(std::string_view text) {
  std::optional<ObjectScan> top;
  Status status = DocumentCheck(text, &top).run();
  if (!status.ok()) return status.take_error();
  return top;
}

}  // namespace qp::json
