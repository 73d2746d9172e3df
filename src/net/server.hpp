// Server: listens on one address with one acceptor per thread (SO_REUSEPORT) and one io_context per
// thread, so a connection, its upstream pool and its handler stay on one thread (no locks).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "net/client_session.hpp"

namespace qp::net {

struct ServerOptions {
  std::string address = "0.0.0.0";
  std::uint16_t port = 0;  // 0 picks a free port; port() tells which
  unsigned threads = 1;
  std::size_t max_connections = 16384;  // for the whole server, shared evenly by the threads
  SessionLimits limits;
};

// Called once per thread, before the threads start, to build the handlers of that thread's
// requests. thread_index runs from 0 to the thread count - 1, one value per thread, so that the
// handlers can own per-thread state (such as metrics::MetricsRegistry::recorder(thread_index)).
using HandlerFactory =
    std::function<SessionHandlers(asio::any_io_executor executor, std::size_t thread_index)>;

class Server {
 public:
  // Binds the listeners (throws std::system_error when the address cannot be bound, at start only).
  Server(ServerOptions options, HandlerFactory make_handlers);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const { return port_; }

  // Starts the threads; returns at once. Requests are served from then on.
  void start();
  // Stops accepting and ends all connections at once. Idempotent; returns without waiting.
  void stop();
  // Graceful: stops accepting, closes idle connections, lets requests and streams in flight finish
  // (their connections then close), and calls stop() when none is left or `grace` has passed.
  // Returns at once; wait() returns when it is over.
  void shutdown(std::chrono::milliseconds grace);
  // Client connections open now, over all threads.
  std::size_t open_connections() const;
  // Blocks until the threads have ended (after stop(), or a signal handler that calls stop()).
  void wait();

 private:
  struct Worker;

  ServerOptions options_;
  HandlerFactory make_handlers_;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopped_{false};
  std::atomic<bool> shutting_down_{false};
};

}  // namespace qp::net
