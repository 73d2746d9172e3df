// UpstreamPool: keep-alive connections to one backend, owned by one thread (no locks).
// Lease, send, read; give back only after a complete keep-alive response; a connection that saw an
// error or whose client went away is simply destroyed (closing it makes vLLM abort the generation).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "config/config.hpp"
#include "core/error.hpp"
#include "metrics/thread_metrics.hpp"
#include "net/asio.hpp"
#include "net/read_deadline.hpp"

namespace qp::net {

// The socket of one backend connection with the deadline of its reads. Held by pointer: a Beast
// stream's move allocates a new stream state, and connections move between the pool, the lease and
// the exchange on every request; the deadline refers to the socket.
struct UpstreamSocket {
  explicit UpstreamSocket(asio::any_io_executor executor)
      : stream(std::move(executor)), read_deadline(stream.socket()) {}
  // Has no expiry while it is idle or leased: a user either sets one for its own exchange (and the
  // pool clears it again in give_back) or times its reads with read_deadline.
  beast::tcp_stream stream;
  ReadDeadline read_deadline;  // one lazily armed timer for the reads of the connection's life
};

struct UpstreamConnection {
  std::unique_ptr<UpstreamSocket> socket;
  bool reused =
      false;  // true when it came from the idle list (may have been closed by the backend)
  // Holds the "upstream connections open" gauge while the socket lives (leased or parked).
  metrics::OpenGauge open_gauge{};
};

// How lease() checks an idle connection before handing it out.
enum class IdleCheck {
  // Peek at every idle connection (one system call): for callers that cannot retry.
  always,
  // Skip the peek for a connection parked under a second ago, for callers that retry once on a
  // fresh connection when a reused one fails before any response byte: a backend rarely closes a
  // connection that young (uvicorn keeps them 5 s), and the retry covers it when it does.
  unless_recent,
};

struct UpstreamPoolStats {
  std::uint64_t connections_opened = 0;
  std::uint64_t connections_reused = 0;
  std::uint64_t connect_failures = 0;
};

class UpstreamPool {
 public:
  // idle_timeout must stay below the backend's keep-alive timeout (uvicorn: 5 s).
  // `recorder`, when not null, counts connections opened, reused and failed and the ones open;
  // it belongs to the pool's thread and must outlive the pool and every connection it made.
  UpstreamPool(asio::any_io_executor executor, BackendAddress backend,
               std::chrono::milliseconds idle_timeout, std::chrono::milliseconds connect_timeout,
               metrics::ThreadMetrics* recorder = nullptr);

  // An idle connection younger than idle_timeout whose peer has not closed it (as far as `check`
  // looks), else a new one. Errors: backend_unreachable (resolve or connect failed),
  // backend_timeout (connect timed out).
  awaitable<Result<UpstreamConnection>> lease(IdleCheck check = IdleCheck::always);

  // Always a new connection (used for the one retry after a reused connection failed).
  awaitable<Result<UpstreamConnection>> connect_fresh();

  // Parks a connection after a complete keep-alive exchange. Never call after any error.
  void give_back(UpstreamConnection connection);

  // Closes every idle connection older than idle_timeout. Called by the owner's periodic sweep.
  void close_expired();

  std::size_t idle_count() const { return idle_.size(); }
  const UpstreamPoolStats& stats() const { return stats_; }
  const BackendAddress& backend() const { return backend_; }

 private:
  struct IdleConnection {
    std::unique_ptr<UpstreamSocket> socket;
    metrics::OpenGauge open_gauge;
    std::chrono::steady_clock::time_point parked_at;
  };

  awaitable<Result<tcp::resolver::results_type>> resolve();

  asio::any_io_executor executor_;
  BackendAddress backend_;
  std::chrono::milliseconds idle_timeout_;
  std::chrono::milliseconds connect_timeout_;
  std::optional<tcp::resolver::results_type> endpoints_;  // resolved once, on first use
  std::deque<IdleConnection> idle_;                       // most recently parked at the back
  UpstreamPoolStats stats_;
  metrics::ThreadMetrics* recorder_;
};

}  // namespace qp::net
