// One HTTP/1.1 connection: read a request, let handle_request() answer it, repeat while keep-alive
// holds. Idle keep-alive connections close after --keep-alive-timeout-s, as uvicorn does.
#include <ctime>

#include "net.hpp"

namespace qp::sim {
namespace {

std::string http_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  const auto n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

}  // namespace

http::response<http::string_body> make_response(const Request& req, const SimpleResponse& r) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::date, http_date());
  res.set(http::field::server, "uvicorn");
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  res.body() = r.body;
  res.prepare_payload();
  res.keep_alive(req.keep_alive());
  return res;
}

net::awaitable<void> run_session(beast::tcp_stream stream, SimContext& ctx) {
  beast::flat_buffer buf;
  const auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(ctx.options.keep_alive_timeout_s));
  Next next = Next::keep;
  while (next == Next::keep) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{1} << 30);
    // Read the next request; an idle connection times out like uvicorn's keep-alive.
    stream.expires_after(idle);
    auto [ec, n] = co_await http::async_read(stream, buf, parser, kAwait);
    if (ec) co_return;  // EOF, timeout, reset or a malformed request: the connection ends
    stream.expires_never();
    const Request req = parser.release();
    next = co_await handle_request(stream, buf, req, ctx);
  }
  beast::error_code ignored;  // the peer may already be gone; the socket closes regardless
  if (next == Next::close) stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

}  // namespace qp::sim
