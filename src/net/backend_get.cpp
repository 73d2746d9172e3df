// GET requests to the backend on the proxy's own behalf.
#include "net/backend_get.hpp"

namespace qp::net {

awaitable<BackendGetResult> get_from_backend(beast::tcp_stream& stream, const Config& config,
                                             const BackendGet& get) {
  http::request<http::empty_body> request{http::verb::get, get.target, 11};
  request.set(http::field::host, config.backend.host_header());
  if (!get.accept.empty()) request.set(http::field::accept, get.accept);
  if (!get.user_agent.empty()) request.set(http::field::user_agent, get.user_agent);
  if (!config.backend_api_key.empty()) {
    request.set(http::field::authorization, "Bearer " + config.backend_api_key);
  }
  request.keep_alive(get.keep_alive);
  BackendGetResult result;
  auto [write_ec, written] = co_await http::async_write(stream, request, use_nothrow);
  if (write_ec) {
    result.write_error = write_ec;
    co_return result;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(get.body_limit);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_nothrow);
  if (read_ec) {
    result.read_error = read_ec;
    co_return result;
  }
  result.keep_alive = parser.keep_alive();
  result.status = static_cast<int>(parser.get().result_int());
  result.body = std::move(parser.release().body());
  co_return result;
}

}  // namespace qp::net
