// One client connection: reads HTTP/1.x requests in order, enforces the request limits, and hands
// each complete request to the handler, which writes the answer. Pipelined requests are answered in
// order because the next one is read only after the handler returns.
#pragma once

#include <chrono>
#include <functional>
#include <string>

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
// The connection was admitted by `tracker`, which it releases at the end; while it waits for a
// request head it is registered as idle, so that a drain can end it.
awaitable<void> serve_client(tcp::socket socket, SessionLimits limits, RequestHandler& handler,
                             ConnectionTracker& tracker);

// Refuses a connection over the limit: 503 with an OpenAI-style body, then close.
awaitable<void> refuse_client(tcp::socket socket);

// Writes a complete response with an OpenAI-style error body and Content-Length.
awaitable<bool> write_error_response(beast::tcp_stream& client, int status, std::string body,
                                     unsigned version, bool keep_alive);

}  // namespace qp::net
