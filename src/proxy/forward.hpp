// forward(): all I/O of one proxied request, in Pingora's fixed order of phases:
//   1. connect      lease a pooled keep-alive connection to the backend (or open one)
//   2. send         request head and body pieces in one gather write
//   3. response     read the response head within the first-byte timeout; a reused connection that
//                   fails before any response byte is retried once on a fresh one
//   4. filter       headers to the client; body as-is, rewritten whole (JSON), or event by event
//   (SSE)
//   5. release      give the connection back only after a complete keep-alive exchange
// The request filter and upstream request filter (parsing, profile, rewrite) run before it, in the
// route handlers; they are pure and may run again. A client that goes away at any point closes the
// upstream connection within ClientWatch's 50 ms start delay, or at once when a write to it fails,
// which makes vLLM abort the generation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"
#include "transform/chat_response.hpp"

namespace qp::proxy {

// How the answer of a rewritten API is made to look like the virtual model's.
struct AnswerRewriter {
  transform::RewrittenAnswer (*rewrite_body)(std::string_view body,
                                             const transform::ResponsePolicy& policy);
  void (*rewrite_event)(std::string_view event, const transform::ResponsePolicy& policy,
                        std::string& out);
  transform::ResponsePolicy policy;
};

// One upstream exchange, prepared by a route handler. The views must outlive forward().
struct UpstreamCall {
  std::string head;                           // request line and headers for the backend
  std::vector<net::asio::const_buffer> body;  // body pieces, in order
  net::RequestBody* streamed_body = nullptr;  // or: the client's body, relayed as it arrives
  const AnswerRewriter* rewriter = nullptr;   // nullptr: the answer passes through untouched
  std::string_view request_id;                // X-Request-Id, returned to the client too
  std::string_view profile_name;              // X-Qwen35-Profile on the answer; empty for none
};

// Performs phases 1-5 and writes the whole answer (or an error) to the client, noting in
// request.record what happened (status, bytes, first byte and token, SSE events, usage, outcome).
// Returns whether the client connection may carry another request.
net::awaitable<bool> forward(net::IncomingRequest& request, ThreadContext& thread,
                             const Config& config, const UpstreamCall& call);

// Writes an OpenAI-style error response and notes its status in request.record, with the outcome
// the error means (backend_error or timeout for the backend's errors, with their upstream error
// kind; rejected for the client's). Returns whether the connection may continue.
net::awaitable<bool> respond_error(net::IncomingRequest& request, const Error& error);

}  // namespace qp::proxy
