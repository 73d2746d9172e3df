// Formats AccessLogRecord as one logfmt or JSON line; the only access-log escaping code.
#include "log/access_log.hpp"

#include <array>
#include <charconv>

#include "json/string.hpp"

namespace qp::log {
namespace {

// Room for any 64-bit number in decimal, a sign and a decimal point.
using NumberText = std::array<char, 24>;

std::string_view decimal_text(std::uint64_t value, NumberText& storage) {
  const auto end = std::to_chars(storage.data(), storage.data() + storage.size(), value).ptr;
  return {storage.data(), static_cast<std::size_t>(end - storage.data())};
}

// Milliseconds with exactly three decimals from whole microseconds: 12345 -> "12.345".
std::string_view milliseconds_text(std::chrono::microseconds value, NumberText& storage) {
  const long long micros = value.count();
  const auto as_unsigned = static_cast<unsigned long long>(micros);
  const unsigned long long magnitude = micros < 0 ? 0ULL - as_unsigned : as_unsigned;
  char* out = storage.data();
  if (micros < 0) *out++ = '-';
  out = std::to_chars(out, storage.data() + storage.size(), magnitude / 1000).ptr;
  const unsigned long long fraction = magnitude % 1000;
  *out++ = '.';
  *out++ = static_cast<char>('0' + fraction / 100);
  *out++ = static_cast<char>('0' + fraction / 10 % 10);
  *out++ = static_cast<char>('0' + fraction % 10);
  return {storage.data(), static_cast<std::size_t>(out - storage.data())};
}

bool is_bare_logfmt_byte(unsigned char c) { return c > ' ' && c < 0x7f && c != '=' && c != '"'; }

// Appends fields as `key=value` (logfmt) or `"key":value` (JSON).
class LineWriter {
 public:
  explicit LineWriter(AccessLogFormat format) : format_(format) {
    out_.reserve(512);  // a typical line, in one allocation
    if (format_ == AccessLogFormat::json) out_.push_back('{');
  }

  void text(std::string_view key, std::string_view value) {
    begin(key);
    if (format_ == AccessLogFormat::json) {
      json::append_quoted(out_, value);
    } else {
      append_logfmt_value(out_, value);
    }
  }

  // A number or literal that needs no quoting in either format.
  void raw(std::string_view key, std::string_view value) {
    begin(key);
    out_.append(value);
  }

  void unknown(std::string_view key) {
    begin(key);
    if (format_ == AccessLogFormat::json) out_.append("null");
  }

  void number(std::string_view key, std::uint64_t value) {
    NumberText storage;
    raw(key, decimal_text(value, storage));
  }

  void optional_number(std::string_view key, const std::optional<std::uint64_t>& value) {
    if (value) {
      number(key, *value);
    } else {
      unknown(key);
    }
  }

  void optional_ms(std::string_view key, const std::optional<std::chrono::microseconds>& value) {
    if (value) {
      NumberText storage;
      raw(key, milliseconds_text(*value, storage));
    } else {
      unknown(key);
    }
  }

  std::string finish() {
    if (format_ == AccessLogFormat::json) out_.push_back('}');
    return std::move(out_);
  }

 private:
  void begin(std::string_view key) {
    if (!first_) out_.push_back(format_ == AccessLogFormat::json ? ',' : ' ');
    first_ = false;
    if (format_ == AccessLogFormat::json) {
      json::append_quoted(out_, key);
      out_.push_back(':');
    } else {
      out_.append(key).push_back('=');
    }
  }

  AccessLogFormat format_;
  std::string out_;
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
  bool bare = !value.empty();
  for (char c : value) bare = bare && is_bare_logfmt_byte(static_cast<unsigned char>(c));
  if (bare) {
    out.append(value);
    return;
  }
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out.push_back('"');
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
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
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out.append("\\u00").push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string format_access_log_line(const AccessLogRecord& r, AccessLogFormat format) {
  LineWriter line(format);
  line.text("request_id", r.request_id);
  line.text("client", r.client_address);
  line.text("method", r.method);
  line.text("path", r.path);
  line.text("model", r.virtual_model);
  line.text("profile", r.profile);
  line.raw("status", std::to_string(r.status));
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
