// GET requests to the backend on the proxy's own behalf.
#include "proxy/backend_fetch.hpp"

namespace qp::proxy {

namespace http = net::http;
using net::use_nothrow;

net::awaitable<Result<BackendAnswer>> fetch_from_backend(ThreadContext& thread,
                                                         const Config& config,
                                                         std::string_view target,
                                                         std::chrono::milliseconds timeout) {
  auto connection = co_await thread.pool().lease();
  if (!connection.ok()) co_return connection.take_error();
  auto& stream = connection->stream;
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, config.backend.host_header());
  request.set(http::field::accept, "application/json");
  if (!config.backend_api_key.empty()) {
    request.set(http::field::authorization, "Bearer " + config.backend_api_key);
  }
  stream.expires_after(timeout);  // the whole exchange
  auto [write_ec, written] = co_await http::async_write(stream, request, use_nothrow);
  net::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16u << 20);
  net::error_code read_ec = write_ec;
  if (!write_ec) {
    auto [ec, read] = co_await http::async_read(stream, buffer, parser, use_nothrow);
    read_ec = ec;
  }
  if (read_ec) {
    const bool timed_out = read_ec == net::beast::error::timeout;
    co_return make_error(timed_out ? ErrorKind::backend_timeout : ErrorKind::backend_unreachable,
                         "The backend did not answer GET " + std::string(target) + ": " +
                             (timed_out ? std::string("timed out") : read_ec.message()));
  }
  const bool reusable = parser.keep_alive();
  BackendAnswer answer{static_cast<int>(parser.get().result_int()), parser.release().body()};
  if (reusable) thread.pool().give_back(std::move(connection.value()));
  co_return answer;
}

}  // namespace qp::proxy
