// A small synchronous HTTP/1.1 client for tests: whole requests, responses read event by event, and
// raw bytes for framing tests. Every call has a deadline so a broken server fails a test instead of
// hanging it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sse/sse_framer.hpp"

namespace qp::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;
  std::string header(const std::string& lower_name) const;
};

class HttpTestClient {
 public:
  explicit HttpTestClient(std::uint16_t port,
                          std::chrono::milliseconds deadline = std::chrono::seconds(20));

  // One request on the current connection (opened on first use, reopened after a close).
  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = {}, const Headers& headers = {});
  HttpResult post_json(const std::string& target, const std::string& body,
                       const Headers& headers = {}) {
    return request("POST", target, body, with_json(headers));
  }

  // Sends a request and reads only the response head; then next_event() reads SSE events one by
  // one.
  HttpResult start_stream(const std::string& target, const std::string& body,
                          const Headers& headers = {});
  // The next complete SSE event (raw bytes), or nullopt at the end of the body.
  std::optional<std::string> next_event();
  // The rest of the body, read to the end.
  std::string read_rest();

  // Sends raw bytes and reads until the server closes or `until` appears (empty: until close).
  std::string raw_exchange(const std::string& bytes, const std::string& until = {});

  // Closes the connection abruptly (a client that goes away).
  void disconnect();
  // Shuts the connection down in both directions without releasing it: safe to call from another
  // thread while a request is blocked on it (which then fails); call disconnect() after that.
  void shutdown_from_other_thread();

  static Headers with_json(Headers headers);

 private:
  void ensure_connected();
  void send(const std::string& method, const std::string& target, const std::string& body,
            const Headers& headers);

  std::uint16_t port_;
  std::chrono::milliseconds deadline_;
  boost::asio::io_context io_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::buffer_body>> parser_;
  SseFramer framer_{64u << 20};
  std::vector<std::string> pending_events_;
  bool body_done_ = false;
};

}  // namespace qp::test
