// One GET request the proxy makes to the backend on its own behalf (health, model list, version,
// metrics), on a connection the caller provides: the one place that builds such a request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "net/asio.hpp"

namespace qp::net {

struct BackendGet {
  std::string_view target;       // path and query
  std::uint64_t body_limit = 0;  // a larger answer is a read error
  bool keep_alive = true;        // false: ask the backend to close after answering
  std::string_view accept;       // Accept header; empty for none
  std::string_view user_agent;   // User-Agent header; empty for none
};

struct BackendGetResult {
  error_code write_error;  // set when the request could not be sent
  error_code read_error;   // set when no complete answer arrived
  int status = 0;
  std::string body;
  bool keep_alive = false;  // the answer allows the connection to be reused
};

// Sends `get` on `stream` with Host and, when configured, "Authorization: Bearer" with the
// backend key, then reads the whole answer. The caller sets the stream's deadline.
awaitable<BackendGetResult> get_from_backend(beast::tcp_stream& stream, const Config& config,
                                             const BackendGet& get);

}  // namespace qp::net
