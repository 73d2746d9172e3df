// Formats AccessLogRecord as one logfmt or JSON line; the only access-log escaping code. It runs
// once per request, so the line is written through a cursor into room made ahead of each field:
// a field costs a few stores and at most one memcpy, not several std::string appends.
#include "log/access_log.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "json/string.hpp"

namespace qp::log {
namespace {

// Bytes that may stand in an unquoted logfmt value: printable ASCII other than space, '=', '"'.
constexpr std::array<bool, 256> kBareLogfmtBytes = [] {
  std::array<bool, 256> bare{};
  for (int c = '!'; c <= '~'; ++c) bare[c] = c != '=' && c != '"';
  return bare;
}();

bool is_bare_logfmt_value(std::string_view value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return kBareLogfmtBytes[static_cast<unsigned char>(c)];
  });
}

// Bytes escaped inside a quoted logfmt value; all others are kept as they are.
bool is_escaped_in_quotes(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f || c == '"' || c == '\\';
}

// The most bytes a quoted logfmt value can take: two quotes and "\u00XX" for every byte.
std::size_t quoted_logfmt_room(std::size_t value_size) { return 2 + 6 * value_size; }

// Writes `value` quoted at `out` (which has quoted_logfmt_room() bytes) with \" \\ \n \r \t and
// \u00XX for other control bytes; the bytes between escapes are copied as whole runs. Returns the
// end.
char* write_quoted_logfmt(char* out, std::string_view value) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  *out++ = '"';
  const char* run = value.data();
  for (const char& c : value) {
    if (!is_escaped_in_quotes(c)) continue;
    out = std::copy(run, &c, out);
    run = &c + 1;
    *out++ = '\\';
    switch (c) {
      case '"':
      case '\\':
        *out++ = c;
        break;
      case '\n':
        *out++ = 'n';
        break;
      case '\r':
        *out++ = 'r';
        break;
      case '\t':
        *out++ = 't';
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        out = std::copy_n("u00", 3, out);
        *out++ = kHex[byte >> 4];
        *out++ = kHex[byte & 0xf];
      }
    }
  }
  out = std::copy(run, value.data() + value.size(), out);
  *out++ = '"';
  return out;
}

// More than write_decimal() or write_milliseconds() ever writes: a sign, 20 digits, a point and
// three decimals.
constexpr std::size_t kNumberRoom = 25;

template <typename Integer>
char* write_decimal(char* out, Integer value) {
  return std::to_chars(out, out + kNumberRoom, value).ptr;
}

// Milliseconds with exactly three decimals from whole microseconds: 12345 -> "12.345".
char* write_milliseconds(char* out, std::chrono::microseconds value) {
  const long long micros = value.count();
  const auto as_unsigned = static_cast<unsigned long long>(micros);
  const unsigned long long magnitude = micros < 0 ? 0ULL - as_unsigned : as_unsigned;
  if (micros < 0) *out++ = '-';
  out = write_decimal(out, magnitude / 1000);
  const unsigned long long fraction = magnitude % 1000;
  *out++ = '.';
  *out++ = static_cast<char>('0' + fraction / 100);
  *out++ = static_cast<char>('0' + fraction / 10 % 10);
  *out++ = static_cast<char>('0' + fraction % 10);
  return out;
}

// A field's key spelled at compile time in both formats, each with the separator that goes before
// it: ` key=` and `,"key":`. The name is a plain identifier (nothing to escape).
class FieldKey {
 public:
  // Every spelling fits in this many bytes, and write() copies that many whatever the key (a copy
  // of constant size is a few stores), so this is the room a key needs.
  static constexpr std::size_t kRoom = 24;

  // Implicit, so that call sites read line.text("path", ...).
  consteval FieldKey(const char* name) {
    std::string_view spelled(name);
    logfmt_size_ = spell(logfmt_, " ", spelled, "=");
    json_size_ = spell(json_, ",\"", spelled, "\":");
  }

  // Writes the key at `out` (with kRoom bytes of room), without its separator when it is the first
  // field of the line; returns the end.
  char* write(char* out, AccessLogFormat format, bool first) const {
    const bool as_json = format == AccessLogFormat::json;
    const Spelling& spelling = as_json ? json_ : logfmt_;
    std::memcpy(out, spelling.data() + first, kRoom);
    return out + (as_json ? json_size_ : logfmt_size_) - first;
  }

 private:
  // One byte more than kRoom, so that write() may copy kRoom bytes after skipping the separator.
  using Spelling = std::array<char, kRoom + 1>;

  static consteval std::size_t spell(Spelling& out, std::string_view before, std::string_view name,
                                     std::string_view after) {
    std::size_t size = 0;
    for (std::string_view part : {before, name, after}) {
      for (char c : part) {
        if (size == kRoom) throw "key too long for FieldKey::kRoom";  // fails to compile
        out[size++] = c;
      }
    }
    return size;
  }

  Spelling logfmt_{};
  Spelling json_{};
  std::size_t logfmt_size_ = 0;
  std::size_t json_size_ = 0;
};

// Writes fields as `key=value` (logfmt) or `"key":value` (JSON), separated by ' ' or ','. The
// line's bytes are line_[0, used_); the rest of line_ is room for the next field.
class LineWriter {
 public:
  explicit LineWriter(AccessLogFormat format) : format_(format) {
    line_.resize(512);  // a typical line, in one allocation
    if (format_ == AccessLogFormat::json) line_[used_++] = '{';
  }

  void text(const FieldKey& key, std::string_view value) {
    if (format_ == AccessLogFormat::json) {
      advance_to(write_key(key, room(FieldKey::kRoom)));
      line_.resize(used_);  // json::append_quoted appends to a string: the line so far
      json::append_quoted(line_, value);
      used_ = line_.size();
    } else if (is_bare_logfmt_value(value)) {
      char* out = write_key(key, room(FieldKey::kRoom + value.size()));
      advance_to(std::copy(value.begin(), value.end(), out));
    } else {
      char* out = write_key(key, room(FieldKey::kRoom + quoted_logfmt_room(value.size())));
      advance_to(write_quoted_logfmt(out, value));
    }
  }

  // An unknown value: empty in logfmt, null in JSON.
  void unknown(const FieldKey& key) {
    char* out = write_key(key, room(FieldKey::kRoom + 4));
    if (format_ == AccessLogFormat::json) out = std::copy_n("null", 4, out);
    advance_to(out);
  }

  template <typename Integer>
  void number(const FieldKey& key, Integer value) {
    advance_to(write_decimal(write_key(key, room(FieldKey::kRoom + kNumberRoom)), value));
  }

  void optional_number(const FieldKey& key, const std::optional<std::uint64_t>& value) {
    if (value) {
      number(key, *value);
    } else {
      unknown(key);
    }
  }

  void optional_ms(const FieldKey& key, const std::optional<std::chrono::microseconds>& value) {
    if (value) {
      advance_to(write_milliseconds(write_key(key, room(FieldKey::kRoom + kNumberRoom)), *value));
    } else {
      unknown(key);
    }
  }

  std::string finish() {
    if (format_ == AccessLogFormat::json) {
      *room(1) = '}';
      ++used_;
    }
    line_.resize(used_);
    return std::move(line_);
  }

 private:
  // At least `size` writable bytes after the line so far.
  char* room(std::size_t size) {
    if (line_.size() - used_ < size) line_.resize(std::max(line_.capacity(), used_ + size));
    return line_.data() + used_;
  }

  void advance_to(const char* end) { used_ = static_cast<std::size_t>(end - line_.data()); }

  char* write_key(const FieldKey& key, char* out) {
    const bool first = first_;
    first_ = false;
    return key.write(out, format_, first);
  }

  AccessLogFormat format_;
  std::string line_;
  std::size_t used_ = 0;
  bool first_ = true;
};

}  // namespace

std::string_view outcome_label(RequestOutcome outcome) {
  switch (outcome) {
    case RequestOutcome::ok:
      return "ok";
    case RequestOutcome::client_aborted:
      return "client_aborted";
    case RequestOutcome::backend_error:
      return "backend_error";
    case RequestOutcome::timeout:
      return "timeout";
    case RequestOutcome::rejected:
      return "rejected";
  }
  return "ok";
}

void append_logfmt_value(std::string& out, std::string_view value) {
  if (is_bare_logfmt_value(value)) {
    out.append(value);
    return;
  }
  const std::size_t start = out.size();
  out.resize(start + quoted_logfmt_room(value.size()));
  out.resize(static_cast<std::size_t>(write_quoted_logfmt(out.data() + start, value) - out.data()));
}

std::string format_access_log_line(const AccessLogRecord& r, AccessLogFormat format) {
  LineWriter line(format);
  line.text("request_id", r.request_id);
  line.text("client", r.client_address);
  line.text("method", r.method);
  line.text("path", r.path);
  line.text("model", r.virtual_model);
  line.text("profile", r.profile);
  line.number("status", r.status);
  line.number("bytes_in", r.bytes_in);
  line.number("bytes_out", r.bytes_out);
  line.optional_ms("duration_ms", r.duration);  // always known
  line.optional_ms("ttfb_ms", r.time_to_first_byte);
  line.optional_ms("ttft_ms", r.time_to_first_token);
  line.number("sse_events", r.sse_events);
  line.optional_number("prompt_tokens", r.prompt_tokens);
  line.optional_number("completion_tokens", r.completion_tokens);
  line.text("outcome", outcome_label(r.outcome));
  return line.finish();
}

}  // namespace qp::log
