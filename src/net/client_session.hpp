// One client connection: reads HTTP/1.x requests in order, enforces the request limits, and hands
// each complete request to the handler, which writes the answer. Pipelined requests are answered in
// order because the next one is read only after the handler returns.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "net/asio.hpp"
#include "net/connection_tracker.hpp"
#include "net/request_body.hpp"
#include "net/request_record.hpp"

namespace qp::net {

struct IncomingRequest {
  // The request head; its body is empty until the handler reads it with body.read_all().
  http::request<http::string_body> message;
  RequestBody& body;           // the body, still on the wire: read whole or streamed by the handler
  beast::tcp_stream& client;   // where the handler writes the response
  std::string client_address;  // peer IP, for X-Forwarded-For and logs
  RequestRecord record;        // what the request did, for its metrics and access-log line
};

// Answers one request; returns whether the connection may serve another request.
// It owns all writes to the client for that request; the session never writes after it. A body the
// handler did not read to the end ends the connection (the next request could not be found).
using RequestHandler = std::function<awaitable<bool>(IncomingRequest&)>;

// A request the session refused while reading its head, and answered itself: 431 (headers too
// large), 408 (head too slow) or 400 (not HTTP). No handler saw it. Views are valid during the
// call only.
struct RefusedRequest {
  int status = 0;           // the status of the error answer
  std::string_view method;  // empty when the request line was not read
  std::string_view target;  // empty when the request line was not read
  std::string_view client_address;
  std::chrono::steady_clock::time_point started_at;  // the head read began
};
// Told of each refused request on the session's thread, after its answer was written (for the
// access log and the metrics).
using RefusalObserver = std::function<void(const RefusedRequest&)>;

// What a session calls: `request` for each request it read, `refused` (may be empty) for each it
// refused while reading the head.
struct SessionHandlers {
  RequestHandler request;
  RefusalObserver refused;
};

struct SessionLimits {
  std::uint32_t max_header_bytes = 64u << 10;
  std::chrono::milliseconds header_timeout{
      std::chrono::seconds(30)};                                     // first byte to end of headers
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(75)};  // between keep-alive requests
  std::chrono::milliseconds body_read_timeout{std::chrono::seconds(60)};  // per body read
};

// Serves the connection until the client closes it, an error occurs, or a response ends it.
// Limit violations of the head are answered here: 431 (headers), 408 (too slow), 400 (bad HTTP);
// body limits belong to the handler, which knows whether it must hold the body (413) or stream it.
// Each refusal is then told to handlers.refused. The connection was admitted by `tracker`, which
// it releases at the end; while it waits for a request head it is registered as idle, so that a
// drain can end it.
awaitable<void> serve_client(tcp::socket socket, SessionLimits limits, SessionHandlers& handlers,
                             ConnectionTracker& tracker);

// Refuses a connection over the limit: 503 with an OpenAI-style body, then close.
awaitable<void> refuse_client(tcp::socket socket);

// Writes a complete response with an OpenAI-style error body and Content-Length.
awaitable<bool> write_error_response(beast::tcp_stream& client, int status, std::string body,
                                     unsigned version, bool keep_alive);

}  // namespace qp::net
