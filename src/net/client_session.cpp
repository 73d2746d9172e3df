// One client connection: request reading, limits, and the keep-alive loop.
#include "net/client_session.hpp"

#include "core/error.hpp"
#include "net/socket_options.hpp"
#include "transform/error_body.hpp"

namespace qp::net {

namespace {

// The answer for a request that could not be read, or nothing when the client simply left.
std::optional<Error> read_failure(const error_code& ec, bool got_some_bytes) {
  if (ec == http::error::body_limit) {
    return make_error(ErrorKind::payload_too_large, "Request body is larger than the limit.");
  }
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

awaitable<void> serve_client(tcp::socket socket, SessionLimits limits, RequestHandler& handler) {
  set_no_delay(socket);
  error_code address_ec;
  const auto peer = socket.remote_endpoint(address_ec);
  const std::string client_address = address_ec ? "unknown" : peer.address().to_string();
  beast::tcp_stream client(std::move(socket));
  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(limits.max_body_bytes);
    parser.header_limit(limits.max_header_bytes);
    // Read headers: the idle timeout until the first byte of a follow-up request, then the header
    // timeout.
    client.expires_after(first || buffer.size() > 0 ? limits.header_timeout : limits.idle_timeout);
    first = false;
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(client, buffer, parser, use_nothrow);
    if (!header_ec && !parser.is_done()) {
      // Read the body: bounded by body_limit, which rejects a too-large Content-Length up front.
      if (parser.get()[http::field::expect] == "100-continue") {
        http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
        client.expires_after(limits.header_timeout);
        auto [continue_ec, n] = co_await http::async_write(client, go_on, use_nothrow);
        if (continue_ec) co_return;
      }
      client.expires_after(limits.body_timeout);
      auto [body_ec, body_bytes] = co_await http::async_read(client, buffer, parser, use_nothrow);
      header_ec = body_ec;
    }
    if (header_ec) {
      auto failure = read_failure(header_ec, parser.got_some() || buffer.size() > 0);
      if (failure) {
        co_await write_error_response(client, http_status(failure->kind),
                                      transform::error_body(*failure), 11, false);
      }
      co_return;  // any read failure ends the connection
    }
    client.expires_never();  // the handler sets its own deadlines
    IncomingRequest request{parser.release(), client, client_address};
    const bool keep_alive = request.message.keep_alive();
    const bool may_continue = co_await handler(request);
    if (!keep_alive || !may_continue) {
      error_code ignored;  // the connection ends either way
      client.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
  }
}

}  // namespace qp::net
