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
bool is_whitespace(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}
// Bytes a string holds as they are: printable ASCII except the quote and the backslash.
bool is_plain_text(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One validation run over one document.
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

  void skip_whitespace() {
    while (pos_ < size_ && is_whitespace(data_[pos_])) ++pos_;
  }

  bool open(bool object) {
    if (depth_ == kMaxDepth) return fail("nesting is deeper than 1024 levels", pos_);
    is_object_[depth_] = object;
    in_object_ = object;
    ++depth_;
    ++pos_;
    return true;
  }

  void close() {
    --depth_;
    in_object_ = depth_ > 0 && is_object_[depth_ - 1];
  }

  // The whole document: one value, whitespace around it. Each turn of the outer loop reads one
  // value; the inner loop then closes the containers that end after it and moves past the ',' (and
  // the next member's key) that leads to the next value.
  bool check_document() {
    skip_whitespace();
    if (pos_ == size_) return fail("the document is empty", pos_);
    for (;;) {
      if (pos_ >= size_) return fail("the document ends where a value was expected", pos_);
      const char c = data_[pos_];
      if (recording_ && depth_ == 1) begin_member_value(c);
      switch (c) {
        case '{':
          if (depth_ == 0 && top_ != nullptr) start_recording();
          if (!open(true)) return false;
          skip_whitespace();
          if (pos_ < size_ && data_[pos_] == '}') {
            ++pos_;
            close();
            break;
          }
          if (!member_key()) return false;
          continue;
        case '[':
          if (!open(false)) return false;
          skip_whitespace();
          if (pos_ < size_ && data_[pos_] == ']') {
            ++pos_;
            close();
            break;
          }
          continue;
        case '"':
          if (!string(nullptr)) return false;
          break;
        case 't':
          if (!literal("true")) return false;
          break;
        case 'f':
          if (!literal("false")) return false;
          break;
        case 'n':
          if (!literal("null")) return false;
          break;
        default:
          if (!number()) return false;
          break;
      }
      // After a value.
      for (;;) {
        if (recording_ && depth_ <= 1) end_member_value();
        skip_whitespace();
        if (depth_ == 0) {
          return pos_ == size_ || fail("unexpected content after the JSON value", pos_);
        }
        if (pos_ >= size_) return fail("the document ends inside an array or object", pos_);
        const char next = data_[pos_];
        if (next == ',') {
          ++pos_;
          skip_whitespace();
          if (in_object_ && !member_key()) return false;
          break;
        }
        if (next == (in_object_ ? '}' : ']')) {
          ++pos_;
          close();
          continue;
        }
        return fail(in_object_ ? "expected ',' or '}' after an object member"
                               : "expected ',' or ']' after an array element",
                    pos_);
      }
    }
  }

  // At a member's key: reads it, the ':' and the whitespace up to its value.
  bool member_key() {
    if (pos_ >= size_ || data_[pos_] != '"') return fail("expected a string as object key", pos_);
    const std::size_t key_begin = pos_;
    bool escaped = false;
    if (!string(&escaped)) return false;
    if (recording_ && depth_ == 1) {
      Member& member = (*top_)->members.emplace_back();
      member.key = Span{key_begin, pos_};
      name_member(text_, member, escaped);
    }
    skip_whitespace();
    if (pos_ >= size_ || data_[pos_] != ':') return fail("expected ':' after an object key", pos_);
    ++pos_;
    skip_whitespace();
    return true;
  }

  // At '"': moves past the closing quote. Sets *escaped (when given) to whether it holds a '\'.
  [[gnu::always_inline]] bool string(bool* escaped) {
    const std::size_t begin = pos_;
    std::size_t pos = pos_ + 1;
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
        pos_ = pos + 1;
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

  bool literal(std::string_view word) {
    if (size_ - pos_ < word.size() || std::memcmp(data_ + pos_, word.data(), word.size()) != 0) {
      return fail("invalid literal (true, false or null expected)", pos_);
    }
    pos_ += word.size();
    return true;
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  bool number() {
    const std::size_t begin = pos_;
    std::size_t pos = pos_;
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
    pos_ = pos;
    return true;
  }

  // The top-level value is an object whose members are wanted.
  void start_recording() {
    recording_ = true;
    top_->emplace();
    (*top_)->whole.begin = pos_;
    // One allocation for the objects of chat requests and answers.
    (*top_)->members.reserve(12);
  }

  // At the first byte of a top-level member's value.
  void begin_member_value(char first) {
    Member& member = (*top_)->members.back();
    member.value.begin = pos_;
    member.type = type_of(first);
  }

  // Just after a top-level member's value, or (at depth 0) after the whole object.
  void end_member_value() {
    if (depth_ == 0) {
      (*top_)->whole.end = pos_;
      recording_ = false;
    } else {
      (*top_)->members.back().value.end = pos_;
    }
  }

  const char* data_;
  std::size_t size_;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::bitset<kMaxDepth> is_object_;  // per open container: object (true) or array
  std::size_t depth_ = 0;             // open containers
  bool in_object_ = false;            // the innermost open container is an object
  std::optional<ObjectScan>* top_;
  bool recording_ = false;  // inside the top-level object, recording its members
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
