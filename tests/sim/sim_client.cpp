// SimClient implementation (see sim_client.hpp).
#include "sim_client.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <cctype>
#include <stdexcept>

namespace qp::sim::test {

namespace net = boost::asio;
namespace http = boost::beast::http;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

template <class Message>
void copy_headers(const Message& m, Response& r) {
  r.status = static_cast<int>(m.result_int());
  for (const auto& f : m) r.headers[lower(std::string(f.name_string()))] = std::string(f.value());
  r.keep_alive = m.keep_alive();
}

}  // namespace

SimClient::SimClient(std::uint16_t port) : socket_(ioc_), port_(port) {
  socket_.connect({net::ip::make_address("127.0.0.1"), port});
}

void SimClient::send(const std::string& method, const std::string& target, const std::string& body,
                     const Headers& headers) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(socket_, req);
  parser_.emplace();
  parser_->body_limit(std::uint64_t{1} << 30);
  sse_.clear();
  complete_ = broken_ = false;
}

Response SimClient::request(const std::string& method, const std::string& target,
                            const std::string& body, const Headers& headers) {
  send(method, target, body, headers);
  http::read(socket_, buf_, *parser_);
  Response r;
  copy_headers(parser_->get(), r);
  r.body = parser_->get().body();
  return r;
}

Response SimClient::read_headers() {
  on_body_ = [this](std::uint64_t, std::string_view data, boost::beast::error_code&) {
    sse_.append(data);
    return data.size();
  };
  parser_->on_chunk_body(on_body_);
  http::read_header(socket_, buf_, *parser_);
  Response r;
  copy_headers(parser_->get(), r);
  return r;
}

std::optional<std::string> SimClient::next_event() {
  for (;;) {
    const auto end = sse_.find("\n\n");
    if (end != std::string::npos) {
      std::string event = sse_.substr(0, end);
      sse_.erase(0, end + 2);
      if (event.rfind("data: ", 0) == 0) event.erase(0, 6);
      return event;
    }
    if (parser_->is_done()) {
      complete_ = true;
      return std::nullopt;
    }
    boost::beast::error_code ec;
    http::read_some(socket_, buf_, *parser_, ec);
    if (ec) {
      broken_ = true;
      return std::nullopt;
    }
  }
}

std::vector<std::string> SimClient::all_events() {
  std::vector<std::string> out;
  while (auto e = next_event()) out.push_back(std::move(*e));
  return out;
}

SimClient::Ending SimClient::read_until_close(std::chrono::milliseconds timeout) {
  // poll + recv by hand: Asio's blocking reads retry on EAGAIN, so SO_RCVTIMEO cannot bound them.
  Ending out;
  out.data.assign(static_cast<const char*>(buf_.data().data()), buf_.size());
  buf_.consume(buf_.size());
  char scratch[4096];
  for (;;) {
    pollfd pfd{socket_.native_handle(), POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0) return out;  // timed out: open
    const auto n = ::recv(socket_.native_handle(), scratch, sizeof scratch, 0);
    if (n <= 0) {
      out.closed = true;  // EOF or reset
      return out;
    }
    out.data.append(scratch, static_cast<std::size_t>(n));
  }
}

void SimClient::close() {
  boost::system::error_code ignored;  // closing is all that matters
  socket_.close(ignored);
}

std::vector<std::string> split_sse(const std::string& body) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const auto end = body.find("\n\n", pos);
    if (end == std::string::npos) throw std::runtime_error("unterminated SSE event");
    std::string event = body.substr(pos, end - pos);
    if (event.rfind("data: ", 0) == 0) event.erase(0, 6);
    out.push_back(std::move(event));
    pos = end + 2;
  }
  return out;
}

}  // namespace qp::sim::test
