// A small synchronous HTTP/1.1 client for tests.
#include "support/http_test_client.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

namespace qp::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

HttpResult result_from(const http::response_header<>& head, bool keep_alive) {
  HttpResult result;
  result.status = static_cast<int>(head.result_int());
  for (const auto& field : head) {
    result.headers[lower(std::string(field.name_string()))] = std::string(field.value());
  }
  result.keep_alive = keep_alive;
  return result;
}

}  // namespace

std::string HttpResult::header(const std::string& lower_name) const {
  auto found = headers.find(lower_name);
  return found == headers.end() ? std::string() : found->second;
}

HttpTestClient::HttpTestClient(std::uint16_t port, std::chrono::milliseconds deadline)
    : port_(port), deadline_(deadline) {}

Headers HttpTestClient::with_json(Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return headers;
}

void HttpTestClient::ensure_connected() {
  if (stream_ && stream_->socket().is_open()) return;
  stream_.emplace(io_);
  stream_->expires_after(deadline_);
  stream_->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  buffer_.clear();
}

void HttpTestClient::send(const std::string& method, const std::string& target,
                          const std::string& body, const Headers& headers) {
  ensure_connected();
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST") request.prepare_payload();
  stream_->expires_after(deadline_);
  http::write(*stream_, request);
}

HttpResult HttpTestClient::request(const std::string& method, const std::string& target,
                                   const std::string& body, const Headers& headers) {
  send(method, target, body, headers);
  http::response_parser<http::string_body> parser;
  parser.body_limit(boost::none);
  if (method == "HEAD") parser.skip(true);
  stream_->expires_after(deadline_);
  http::read(*stream_, buffer_, parser);
  auto result = result_from(parser.get().base(), parser.get().keep_alive());
  result.body = parser.get().body();
  if (!result.keep_alive) disconnect();
  return result;
}

HttpResult HttpTestClient::start_stream(const std::string& target, const std::string& body,
                                        const Headers& headers) {
  send("POST", target, body, with_json(headers));
  parser_.emplace();
  parser_->body_limit(boost::none);
  pending_events_.clear();
  body_done_ = false;
  framer_ = SseFramer(64u << 20);
  stream_->expires_after(deadline_);
  http::read_header(*stream_, buffer_, *parser_);
  return result_from(parser_->get().base(), parser_->get().keep_alive());
}

std::optional<std::string> HttpTestClient::next_event() {
  std::array<char, 4096> storage;
  while (pending_events_.empty() && !body_done_) {
    if (parser_->is_done()) {
      body_done_ = true;
      if (auto rest = framer_.finish()) pending_events_.push_back(*rest);
      break;
    }
    auto& body = parser_->get().body();
    body.data = storage.data();
    body.size = storage.size();
    stream_->expires_after(deadline_);
    beast::error_code ec;
    http::read_some(*stream_, buffer_, *parser_, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      body_done_ = true;
      if (auto rest = framer_.finish()) pending_events_.push_back(*rest);
      break;
    }
    const std::string_view piece(storage.data(), storage.size() - body.size);
    auto status =
        framer_.feed(piece, [&](std::string_view event) { pending_events_.emplace_back(event); });
    if (!status.ok()) throw std::runtime_error("test client: SSE event too large");
  }
  if (pending_events_.empty()) return std::nullopt;
  std::string event = std::move(pending_events_.front());
  pending_events_.erase(pending_events_.begin());
  return event;
}

std::string HttpTestClient::read_rest() {
  std::string all;
  while (auto event = next_event()) all += *event;
  return all;
}

std::string HttpTestClient::raw_exchange(const std::string& bytes, const std::string& until) {
  ensure_connected();
  stream_->expires_after(deadline_);
  asio::write(stream_->socket(), asio::buffer(bytes));
  std::string received(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  buffer_.clear();
  std::array<char, 4096> storage;
  for (;;) {
    if (!until.empty() && received.find(until) != std::string::npos) break;
    beast::error_code ec;
    stream_->expires_after(deadline_);
    const std::size_t n = stream_->read_some(asio::buffer(storage), ec);
    if (ec) break;
    received.append(storage.data(), n);
  }
  return received;
}

void HttpTestClient::shutdown_from_other_thread() {
  if (stream_) ::shutdown(stream_->socket().native_handle(), SHUT_RDWR);
}

void HttpTestClient::disconnect() {
  if (!stream_) return;
  beast::error_code ignored;  // the point is to go away; errors do not matter
  stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_->socket().close(ignored);
  stream_.reset();
  buffer_.clear();
}

}  // namespace qp::test
