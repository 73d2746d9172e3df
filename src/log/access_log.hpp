// The access-log line: one structured line per request, logfmt (default) or JSON, built from an
// AccessLogRecord the server fills in as the request goes. Pure: returns text; the server hands it
// to its logger.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qp::log {

// How a request ended, from the proxy's point of view.
enum class RequestOutcome {
  ok,              // the whole answer reached the client (whatever its status)
  client_aborted,  // the client went away before the answer was complete
  backend_error,   // the backend was unreachable or broke the exchange
  timeout,         // the backend sent nothing within the first-byte timeout
  rejected,        // the proxy refused the request itself (malformed, unknown model, too large)
};
std::string_view outcome_label(RequestOutcome outcome);

enum class AccessLogFormat { logfmt, json };

// Everything one line reports. String fields are views that must outlive the format call; an
// empty string is logged as an empty value. Optional fields that are unknown (no first token yet,
// no usage from the backend) are logged as an empty logfmt value (`ttft_ms=`) or JSON null.
struct AccessLogRecord {
  std::string_view request_id;
  std::string_view client_address;  // the peer's IP address
  std::string_view method;
  std::string_view path;           // as requested, query included
  std::string_view virtual_model;  // the `model` the client asked for; empty if none
  std::string_view profile;        // the profile applied; empty for passthrough
  int status = 0;                  // status sent to the client; 0 if no response head was sent
  std::uint64_t bytes_in = 0;      // request body bytes received
  std::uint64_t bytes_out = 0;     // response body bytes sent
  std::chrono::microseconds duration{0};
  std::optional<std::chrono::microseconds> time_to_first_byte;   // first response byte sent
  std::optional<std::chrono::microseconds> time_to_first_token;  // first generated token sent
  std::uint64_t sse_events = 0;                                  // events sent; 0 if not a stream
  std::optional<std::uint64_t> prompt_tokens;                    // from the backend's usage
  std::optional<std::uint64_t> completion_tokens;
  RequestOutcome outcome = RequestOutcome::ok;
};

// The line, without a trailing newline, keys in this order:
//   request_id client method path model profile status bytes_in bytes_out duration_ms ttfb_ms
//   ttft_ms sse_events prompt_tokens completion_tokens outcome
// Times are milliseconds with microsecond precision ("12.345"). logfmt values are bare when they
// consist of printable ASCII other than space, '=' and '"'; otherwise quoted, with \" \\ \n \r \t
// and \u00XX for other control bytes. JSON strings are escaped as json::quote() does (invalid
// UTF-8 becomes U+FFFD).
std::string format_access_log_line(const AccessLogRecord& record,
                                   AccessLogFormat format = AccessLogFormat::logfmt);

// The logfmt form of one value (see above): bare, or quoted and escaped.
void append_logfmt_value(std::string& out, std::string_view value);

}  // namespace qp::log
