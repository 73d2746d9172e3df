// RequestRecord: what one request did, filled in as it goes (route, forward(), the error writer)
// and read once at its end for the metrics and the access-log line. Owned by the request
// (net::IncomingRequest); written and read only on the request's own thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "log/access_log.hpp"
#include "metrics/labels.hpp"

namespace qp::net {

struct RequestRecord {
  using Clock = std::chrono::steady_clock;

  Clock::time_point started_at = Clock::now();  // the request head has been read
  metrics::Api api = metrics::Api::passthrough;
  std::string request_id;       // X-Request-Id sent to the backend (or the client's own)
  std::string virtual_model;    // the `model` the client named; empty when none was read
  std::string profile;          // the profile applied; empty when none (passthrough, rejected)
  int status = 0;               // status sent to the client; 0 while no response head was sent
  std::uint64_t bytes_out = 0;  // response body bytes sent
  std::optional<Clock::time_point> first_byte_at;  // the response head was written
  // The first generated token was written: the first SSE event carrying content, reasoning or a
  // tool call, or the whole body of a non-streamed answer.
  std::optional<Clock::time_point> first_token_at;
  std::uint64_t sse_events = 0;                // events written to the client; 0 when not a stream
  std::optional<std::uint64_t> prompt_tokens;  // from the backend's `usage`
  std::optional<std::uint64_t> completion_tokens;
  log::RequestOutcome outcome = log::RequestOutcome::ok;
  std::optional<metrics::UpstreamError> upstream_error;  // why the backend exchange failed

  // A response head with `code` is being written now.
  void response_started(int code) {
    status = code;
    if (!first_byte_at) first_byte_at = Clock::now();
  }
  // A generated token reached the client now (only the first call counts).
  void token_sent() {
    if (!first_token_at) first_token_at = Clock::now();
  }
  // The client went away or stopped reading before the answer was complete. A backend failure
  // already recorded stays the outcome: it is why the answer was cut short.
  void client_left() {
    if (outcome == log::RequestOutcome::ok) outcome = log::RequestOutcome::client_aborted;
  }
  // The backend reported its token counts.
  void usage_reported(std::uint64_t prompt, std::uint64_t completion) {
    prompt_tokens = prompt;
    completion_tokens = completion;
  }
  // The answer is an error of this kind: a backend failure (backend_error or timeout, with its
  // upstream error kind unless one is recorded already), or a request the proxy refused.
  void answered_with_error(ErrorKind kind);
  // The backend failed after its response head (an error of this kind while reading the body):
  // the answer the client gets is cut short.
  void backend_failed_mid_answer(ErrorKind kind);
};

}  // namespace qp::net
