// One client connection: request reading, limits, and the keep-alive loop.
#include "net/client_session.hpp"

#include <boost/asio/post.hpp>

#include "core/error.hpp"
#include "net/http_read.hpp"
#include "net/read_deadline.hpp"
#include "net/socket_options.hpp"
#include "transform/error_body.hpp"

namespace qp::net {

namespace {

// Room for a request head and a typical chat body in one read; kept between requests.
constexpr std::size_t kRequestReadBytes = 8 * 1024;

// The answer for a request that could not be read, or nothing when the client simply left.
std::optional<Error> read_failure(const error_code& ec, bool got_some_bytes) {
  if (ec == http::error::header_limit) {
    return make_error(ErrorKind::headers_too_large, "Request headers are larger than the limit.");
  }
  if (ec == beast::error::timeout) {
    if (!got_some_bytes) return std::nullopt;  // an idle keep-alive connection: close quietly
    return make_error(ErrorKind::request_timeout, "The request was not received in time.");
  }
  if (ec == http::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
      !got_some_bytes) {
    return std::nullopt;  // the client went away
  }
  return make_error(ErrorKind::bad_request, "Malformed HTTP request: " + ec.message());
}

// Ends the connection without losing the answer just written: a client still sending a body we did
// not read would otherwise get a reset that can destroy the response in flight. So: stop sending,
// then read and discard for a moment, until the client closes too.
awaitable<void> close_gracefully(beast::tcp_stream& client, beast::flat_buffer& buffer) {
  error_code ignored;  // the connection ends either way
  client.socket().shutdown(tcp::socket::shutdown_send, ignored);
  client.expires_after(std::chrono::seconds(2));  // read: the lingering drain
  for (std::size_t drained = 0; drained < (8u << 20);) {
    buffer.clear();
    auto [ec, n] = co_await client.async_read_some(buffer.prepare(64 * 1024), use_nothrow);
    if (ec) break;
    drained += n;
  }
}

}  // namespace

awaitable<bool> write_error_response(beast::tcp_stream& client, int status, std::string body,
                                     unsigned version, bool keep_alive) {
  http::response<http::string_body> response{static_cast<http::status>(status), version};
  response.set(http::field::content_type, "application/json");
  response.keep_alive(keep_alive);
  response.body() = std::move(body);
  response.prepare_payload();
  client.expires_after(std::chrono::seconds(30));  // write: a client that does not read is dropped
  auto [ec, n] = co_await http::async_write(client, response, use_nothrow);
  co_return !ec && keep_alive;
}

awaitable<void> refuse_client(tcp::socket socket) {
  beast::tcp_stream client(std::move(socket));
  co_await write_error_response(
      client, 503,
      transform::error_body(
          make_error(ErrorKind::unavailable, "Too many open connections; try again later.")),
      11, false);
}

awaitable<void> serve_client(tcp::socket socket, SessionLimits limits, SessionHandlers& handlers,
                             ConnectionTracker& tracker) {
  struct Release {
    ConnectionTracker& tracker;
    ~Release() { tracker.release(); }
  } release{tracker};
  set_no_delay(socket);
  error_code address_ec;
  const auto peer = socket.remote_endpoint(address_ec);
  const std::string client_address = address_ec ? "unknown" : peer.address().to_string();
  beast::tcp_stream client(std::move(socket));
  ReadDeadline deadline(client.socket());
  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    RequestBody::Parser parser;
    parser.body_limit(boost::none);  // the handler enforces its own limit, or streams
    parser.header_limit(limits.max_header_bytes);
    // Read the head: the header timeout on a new connection, the idle timeout between requests.
    // The deadline cancels the read without closing the socket, so that a 408 can still be sent.
    client.expires_never();
    const bool idle = buffer.size() == 0;  // no byte of the next request yet
    const bool waiting_for_next = !first && idle;
    deadline.start(waiting_for_next ? limits.idle_timeout : limits.header_timeout);
    first = false;
    // The client has only just been answered: let the other ready work run before reading, or
    // the read (Asio reads before it waits for readiness) mostly fails with EAGAIN.
    if (waiting_for_next) co_await asio::post(client.get_executor(), asio::use_awaitable);
    if (idle) {  // a drain ends an idle connection: now, or by cancelling the read below
      if (tracker.draining()) co_return;
      tracker.idle_begin(client.socket());
    }
    if (buffer.capacity() < kRequestReadBytes) buffer.reserve(kRequestReadBytes);
    const auto read_started_at = std::chrono::steady_clock::now();
    const error_code read_ec = co_await read_http_header(client.socket(), buffer, parser);
    if (idle) tracker.idle_end(client.socket());
    const error_code ec = deadline.finish(read_ec);
    if (ec) {
      auto failure = read_failure(ec, parser.got_some() || buffer.size() > 0);
      if (failure) {
        const int status = http_status(failure->kind);
        co_await write_error_response(client, status, transform::error_body(*failure), 11, false);
        if (handlers.refused) {
          const auto& head = parser.get();
          handlers.refused(RefusedRequest{.status = status,
                                          .method = head.method_string(),
                                          .target = head.target(),
                                          .client_address = client_address,
                                          .started_at = read_started_at});
        }
      }
      co_return;  // any failure to read a head ends the connection
    }
    client.expires_never();  // the handler sets its own deadlines
    RequestBody body(client, buffer, parser, limits.body_read_timeout);
    // The head moves to the handler; the parser keeps only what it needs to read the body.
    IncomingRequest request{http::request<http::string_body>(std::move(parser.get().base())), body,
                            client, client_address, RequestRecord{}};
    const bool keep_alive = request.message.keep_alive();
    const bool may_continue = co_await handlers.request(request);
    if (buffer.size() == 0 && buffer.capacity() > kRequestReadBytes) {
      buffer.shrink_to_fit();  // idle connections keep no large buffer
    }
    if (!body.done()) {
      co_await close_gracefully(client, buffer);  // unread body: linger so the answer survives
      co_return;
    }
    if (!keep_alive || !may_continue || tracker.draining()) {
      error_code ignored;  // the connection ends either way
      client.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
  }
}

}  // namespace qp::net
