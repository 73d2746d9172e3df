// Per-request fault injection, chosen by the `x-sim-fault` header: a comma-separated list such as
// `drop-after-events=3,close-between-requests`. Unknown items are ignored.
#pragma once

#include <optional>
#include <string_view>

namespace qp::sim {

struct Faults {
  std::optional<int> drop_after_events;  // close the socket after N SSE events, no terminator
  std::optional<int> status;             // answer this status with a vLLM error body
  bool stall_before_headers = false;  // never answer; hold the connection until the client leaves
  std::optional<int> error_event_after;  // after N events: the spaced error line, then [DONE]
  bool close_between_requests = false;   // close the socket right after a complete response
  bool misplace_answer = false;          // non-thinking answer reported as reasoning (vLLM bug)
};

Faults parse_faults(std::string_view header);

}  // namespace qp::sim
