// MetricsListener: a small HTTP/1.1 listener, separate from the proxy's port, that answers
// GET /metrics with the proxy's own Prometheus exposition, so that the backend's /metrics still
// passes through the main port. It runs on the executor it is given (the control thread).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "net/asio.hpp"

namespace qp::ops {

// The Content-Type of the Prometheus text exposition format 0.0.4.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Builds the whole exposition at scrape time. Called on the listener's executor; must not throw.
using RenderMetrics = std::function<std::string()>;

class MetricsListener {
 public:
  // Binds address:port (port 0 picks a free one). Throws boost::system::system_error when the
  // address is invalid or cannot be bound, which only happens at start. Destroy the listener
  // before the io_context of `executor`.
  MetricsListener(net::asio::any_io_executor executor, const std::string& address,
                  std::uint16_t port, RenderMetrics render);
  ~MetricsListener();
  MetricsListener(const MetricsListener&) = delete;
  MetricsListener& operator=(const MetricsListener&) = delete;

  std::uint16_t port() const { return port_; }

  // Starts accepting; returns at once. Scrapes are answered while the executor runs.
  void start();
  // Stops accepting (safe from any thread). Connections in progress end after their exchange, or
  // when the executor's io_context stops.
  void stop();

  struct State;  // acceptor and renderer; defined in the .cpp, shared with the sessions

 private:
  std::shared_ptr<State> state_;  // shared with the accept loop and the sessions
  std::uint16_t port_ = 0;
};

}  // namespace qp::ops
