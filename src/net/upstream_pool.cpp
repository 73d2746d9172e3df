// UpstreamPool: per-thread keep-alive connections to one backend.
#include "net/upstream_pool.hpp"

#include <sys/socket.h>

#include "net/socket_options.hpp"

namespace qp::net {

namespace {

constexpr std::chrono::seconds kRecentlyParked{1};  // IdleCheck::unless_recent trusts younger ones

// True when the peer has already closed (or sent unexpected bytes on) an idle connection.
// A non-blocking peek: an idle HTTP/1.1 connection must have nothing to read.
bool peer_closed_or_dirty(beast::tcp_stream& stream) {
  char byte = 0;
  const ssize_t n = ::recv(stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return true;                         // orderly close by the backend
  if (n > 0) return true;                          // stray bytes: unusable
  return errno != EAGAIN && errno != EWOULDBLOCK;  // reset or other error
}

}  // namespace

UpstreamPool::UpstreamPool(asio::any_io_executor executor, BackendAddress backend,
                           std::chrono::milliseconds idle_timeout,
                           std::chrono::milliseconds connect_timeout,
                           metrics::ThreadMetrics* recorder)
    : executor_(std::move(executor)),
      backend_(std::move(backend)),
      idle_timeout_(idle_timeout),
      connect_timeout_(connect_timeout),
      recorder_(recorder) {}

awaitable<Result<UpstreamConnection>> UpstreamPool::lease(IdleCheck check) {
  const auto now = std::chrono::steady_clock::now();
  while (!idle_.empty()) {
    IdleConnection idle = std::move(idle_.back());
    idle_.pop_back();
    const auto idle_for = now - idle.parked_at;
    if (idle_for >= idle_timeout_) continue;  // destroying the stream closes the socket
    const bool trusted = check == IdleCheck::unless_recent && idle_for < kRecentlyParked;
    if (!trusted && peer_closed_or_dirty(idle.socket->stream)) continue;
    ++stats_.connections_reused;
    if (recorder_ != nullptr) recorder_->count_upstream_connection_reused();
    co_return UpstreamConnection{std::move(idle.socket), true, std::move(idle.open_gauge)};
  }
  co_return co_await connect_fresh();
}

awaitable<Result<tcp::resolver::results_type>> UpstreamPool::resolve() {
  if (endpoints_) co_return *endpoints_;
  tcp::resolver resolver(executor_);
  auto [ec, results] =
      co_await resolver.async_resolve(backend_.host, std::to_string(backend_.port), use_nothrow);
  if (ec) {
    co_return make_error(ErrorKind::backend_unreachable,
                         "cannot resolve backend " + backend_.host_header() + ": " + ec.message());
  }
  endpoints_ = results;
  co_return results;
}

awaitable<Result<UpstreamConnection>> UpstreamPool::connect_fresh() {
  auto endpoints = co_await resolve();
  if (!endpoints.ok()) {
    ++stats_.connect_failures;
    if (recorder_ != nullptr) recorder_->count_upstream_connection_failed();
    co_return endpoints.take_error();
  }
  auto socket = std::make_unique<UpstreamSocket>(executor_);
  socket->stream.expires_after(connect_timeout_);  // connect: bounded by the connect timeout
  auto [ec, endpoint] = co_await socket->stream.async_connect(*endpoints, use_nothrow);
  socket->stream.expires_never();
  if (ec) {
    ++stats_.connect_failures;
    if (recorder_ != nullptr) recorder_->count_upstream_connection_failed();
    const bool timed_out = ec == beast::error::timeout;
    co_return make_error(timed_out ? ErrorKind::backend_timeout : ErrorKind::backend_unreachable,
                         "cannot connect to backend " + backend_.host_header() + ": " +
                             (timed_out ? std::string("connect timed out") : ec.message()));
  }
  set_no_delay(socket->stream.socket());
  ++stats_.connections_opened;
  metrics::OpenGauge open_gauge;
  if (recorder_ != nullptr) open_gauge = recorder_->track_new_upstream_connection();
  co_return UpstreamConnection{std::move(socket), false, std::move(open_gauge)};
}

void UpstreamPool::give_back(UpstreamConnection connection) {
  connection.socket->stream.expires_never();  // parked: only the idle timeout applies
  idle_.push_back(IdleConnection{std::move(connection.socket), std::move(connection.open_gauge),
                                 std::chrono::steady_clock::now()});
}

void UpstreamPool::close_expired() {
  const auto now = std::chrono::steady_clock::now();
  while (!idle_.empty() && now - idle_.front().parked_at >= idle_timeout_) {
    idle_.pop_front();  // oldest first; destroying the stream closes the socket
  }
}

}  // namespace qp::net
