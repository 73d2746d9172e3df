// The metrics listener: accept loop and one keep-alive session per scraper; only GET and HEAD of
// /metrics are answered with the exposition, anything else with 404 or 405.
#include "ops/metrics_listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

namespace qp::ops {

namespace http = net::http;
using net::use_nothrow;

struct MetricsListener::State {
  State(net::asio::any_io_executor executor, RenderMetrics render_metrics)
      : acceptor(executor), render(std::move(render_metrics)) {}
  net::tcp::acceptor acceptor;
  RenderMetrics render;
};

namespace {

constexpr auto kExchangeTimeout = std::chrono::seconds(30);  // read a request or write an answer
constexpr std::uint64_t kMaxRequestBodyBytes = 64u << 10;    // read only to be skipped

using Request = http::request<http::string_body>;

http::response<http::string_body> answer(const Request& request, const RenderMetrics& render) {
  http::response<http::string_body> response;
  response.version(request.version());
  response.keep_alive(request.keep_alive());
  const bool get_or_head =
      request.method() == http::verb::get || request.method() == http::verb::head;
  if (request.target() != "/metrics") {
    response.result(http::status::not_found);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = "Only /metrics is served here.\n";
  } else if (!get_or_head) {
    response.result(http::status::method_not_allowed);
    response.set(http::field::allow, "GET, HEAD");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = "Use GET.\n";
  } else {
    response.result(http::status::ok);
    response.set(http::field::content_type, kMetricsContentType);
    response.body() = render();
  }
  response.prepare_payload();  // sets Content-Length; for HEAD it stays while the body is skipped
  if (request.method() == http::verb::head) response.body().clear();
  return response;
}

// One scraper's connection: request, answer, until it closes or stops keeping the connection alive.
net::awaitable<void> serve_scraper(net::tcp::socket socket,
                                   std::shared_ptr<MetricsListener::State> state) {
  net::beast::tcp_stream stream(std::move(socket));
  net::beast::flat_buffer buffer;
  for (;;) {
    // Read one request (a body, which no scrape has, is read and ignored).
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxRequestBodyBytes);
    stream.expires_after(kExchangeTimeout);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_nothrow);
    if (read_ec) break;  // closed, timed out, malformed or too large: nothing to answer
    const Request request = parser.release();
    auto response = answer(request, state->render);
    const bool head = request.method() == http::verb::head;
    // Write the answer (a HEAD answer keeps its Content-Length but sends no body).
    stream.expires_after(kExchangeTimeout);
    net::error_code write_ec;
    if (head) {
      http::response_serializer<http::string_body> serializer(response);
      std::tie(write_ec, std::ignore) =
          co_await http::async_write_header(stream, serializer, use_nothrow);
    } else {
      std::tie(write_ec, std::ignore) = co_await http::async_write(stream, response, use_nothrow);
    }
    if (write_ec || !response.keep_alive()) break;
  }
  net::error_code ignored;  // the scraper may have closed first; nothing else to do
  stream.socket().shutdown(net::tcp::socket::shutdown_both, ignored);
}

net::awaitable<void> accept_scrapers(std::shared_ptr<MetricsListener::State> state) {
  for (;;) {
    auto [ec, socket] = co_await state->acceptor.async_accept(use_nothrow);
    if (ec == net::asio::error::operation_aborted || !state->acceptor.is_open()) co_return;
    if (ec) {
      spdlog::debug("metrics listener: accept failed: {}", ec.message());
      continue;
    }
    net::asio::co_spawn(state->acceptor.get_executor(), serve_scraper(std::move(socket), state),
                        net::asio::detached);
  }
}

}  // namespace

MetricsListener::MetricsListener(net::asio::any_io_executor executor, const std::string& address,
                                 std::uint16_t port, RenderMetrics render)
    : state_(std::make_shared<State>(executor, std::move(render))) {
  const net::tcp::endpoint endpoint(net::asio::ip::make_address(address), port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  port_ = acceptor.local_endpoint().port();
}

MetricsListener::~MetricsListener() { stop(); }

void MetricsListener::start() {
  net::asio::co_spawn(state_->acceptor.get_executor(), accept_scrapers(state_),
                      net::asio::detached);
}

void MetricsListener::stop() {
  net::asio::post(state_->acceptor.get_executor(), [state = state_] {
    net::error_code ignored;  // already closed: stopping twice is fine
    state->acceptor.close(ignored);
  });
}

}  // namespace qp::ops
