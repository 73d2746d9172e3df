// Server: per-thread io_context, acceptor and session handlers.
#include "net/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>

namespace qp::net {

namespace {

using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

tcp::acceptor open_acceptor(asio::io_context& io, const tcp::endpoint& endpoint) {
  tcp::acceptor acceptor(io);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.set_option(reuse_port(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

}  // namespace

struct Server::Worker {
  explicit Worker(std::size_t connection_limit) : tracker(connection_limit) {}
  // One thread runs it, and every operation on its sockets and timers is made on that thread
  // (other threads only post to it), so the reactor needs no per-socket locking.
  asio::io_context io{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
  tcp::acceptor acceptor{io};
  SessionHandlers handlers;
  ConnectionTracker tracker;
};

namespace {

awaitable<void> accept_loop(tcp::acceptor& acceptor, SessionLimits limits,
                            SessionHandlers& handlers, ConnectionTracker& tracker) {
  asio::steady_timer backoff(acceptor.get_executor());
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(use_nothrow);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors or memory: pause instead of spinning; connections that close
      // meanwhile make room. (A reset before accept also lands here, and costs only the pause.)
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(use_nothrow);
      continue;
    }
    if (!tracker.try_admit()) {
      asio::co_spawn(acceptor.get_executor(), refuse_client(std::move(socket)), asio::detached);
      continue;
    }
    asio::co_spawn(acceptor.get_executor(),
                   serve_client(std::move(socket), limits, handlers, tracker), asio::detached);
  }
}

}  // namespace

Server::Server(ServerOptions options, HandlerFactory make_handlers)
    : options_(std::move(options)), make_handlers_(std::move(make_handlers)) {
  const unsigned count = options_.threads == 0 ? 1 : options_.threads;
  tcp::endpoint endpoint(asio::ip::make_address(options_.address), options_.port);
  const std::size_t per_thread = std::max<std::size_t>(1, options_.max_connections / count);
  for (unsigned i = 0; i < count; ++i) {
    auto worker = std::make_unique<Worker>(per_thread);
    worker->acceptor = open_acceptor(worker->io, endpoint);
    if (i == 0) {
      port_ = worker->acceptor.local_endpoint().port();
      endpoint.port(port_);  // the other threads share the port picked by the first
    }
    worker->handlers = make_handlers_(worker->io.get_executor(), i);
    workers_.push_back(std::move(worker));
  }
}

Server::~Server() {
  stop();
  wait();
}

void Server::start() {
  for (auto& worker : workers_) {
    asio::co_spawn(
        worker->io,
        accept_loop(worker->acceptor, options_.limits, worker->handlers, worker->tracker),
        asio::detached);
    threads_.emplace_back([&io = worker->io] { io.run(); });
  }
}

void Server::stop() {
  if (stopped_.exchange(true)) return;
  for (auto& worker : workers_) {
    asio::post(worker->io, [&io = worker->io] { io.stop(); });
  }
}

std::size_t Server::open_connections() const {
  std::size_t open = 0;
  for (const auto& worker : workers_) open += worker->tracker.open();
  return open;
}

void Server::shutdown(std::chrono::milliseconds grace) {
  if (shutting_down_.exchange(true) || workers_.empty()) return;
  for (auto& worker : workers_) {
    asio::post(worker->io, [&worker = *worker] {
      error_code ignored;  // a closed acceptor only means nothing more is accepted
      worker.acceptor.close(ignored);
      worker.tracker.start_draining();
    });
  }
  // Watch the drain from the first thread: stop once every connection has ended, or at the
  // deadline.
  const auto deadline = std::chrono::steady_clock::now() + grace;
  asio::co_spawn(
      workers_.front()->io,
      [this, deadline]() -> awaitable<void> {
        asio::steady_timer tick(co_await asio::this_coro::executor);
        while (open_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
          tick.expires_after(std::chrono::milliseconds(20));
          co_await tick.async_wait(use_nothrow);
        }
        stop();
      },
      asio::detached);
}

void Server::wait() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace qp::net
