// A small synchronous HTTP/1.1 client for the simulator tests (Beast): whole responses, or an SSE
// response read event by event as the server flushes it.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qp::sim::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = true;
};

class SimClient {
 public:
  explicit SimClient(std::uint16_t port);

  // Sends a request and reads the whole response.
  Response request(const std::string& method, const std::string& target,
                   const std::string& body = "", const Headers& headers = {});
  Response post_json(const std::string& target, const std::string& body,
                     const Headers& headers = {}) {
    return request("POST", target, body, headers);
  }
  Response get(const std::string& target) { return request("GET", target); }

  // Streaming: send, then read the headers, then events one at a time.
  void send(const std::string& method, const std::string& target, const std::string& body,
            const Headers& headers = {});
  Response read_headers();  // status and headers; the body is read with next_event()
  // The next `data: ...` payload (without "data: " and the blank line); nullopt at the end of the
  // response or when the connection ended early (then stream_error() is set).
  std::optional<std::string> next_event();
  std::vector<std::string> all_events();              // every remaining event
  bool stream_complete() const { return complete_; }  // the terminating chunk arrived
  bool stream_broken() const { return broken_; }      // the connection ended inside the body

  // Reads until the server closes the connection or `timeout` passes without data.
  struct Ending {
    bool closed = false;  // EOF or reset seen
    std::string data;     // bytes received meanwhile
  };
  Ending read_until_close(std::chrono::milliseconds timeout);
  bool closed_by_server(std::chrono::milliseconds timeout) {
    return read_until_close(timeout).closed;
  }
  void close();  // closes the socket now (an abrupt client disconnect)

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buf_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser_;
  std::string sse_;
  // Collects chunked body bytes for next_event(); Beast keeps a reference, so it lives here.
  std::function<std::size_t(std::uint64_t, std::string_view, boost::beast::error_code&)> on_body_;
  bool complete_ = false;
  bool broken_ = false;
  std::uint16_t port_;
};

// The `data:` payloads of a complete SSE body.
std::vector<std::string> split_sse(const std::string& body);

}  // namespace qp::sim::test
