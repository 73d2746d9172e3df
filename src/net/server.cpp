// Server: per-thread io_context, acceptor and request handler.
#include "net/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/socket_base.hpp>

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
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  RequestHandler handler;
};

namespace {

awaitable<void> accept_loop(tcp::acceptor& acceptor, SessionLimits limits,
                            RequestHandler& handler) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(use_nothrow);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE or a connection reset before accept: keep serving others
    asio::co_spawn(acceptor.get_executor(), serve_client(std::move(socket), limits, handler),
                   asio::detached);
  }
}

}  // namespace

Server::Server(ServerOptions options, HandlerFactory make_handler)
    : options_(std::move(options)), make_handler_(std::move(make_handler)) {
  const unsigned count = options_.threads == 0 ? 1 : options_.threads;
  tcp::endpoint endpoint(asio::ip::make_address(options_.address), options_.port);
  for (unsigned i = 0; i < count; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->acceptor = open_acceptor(worker->io, endpoint);
    if (i == 0) {
      port_ = worker->acceptor.local_endpoint().port();
      endpoint.port(port_);  // the other threads share the port picked by the first
    }
    worker->handler = make_handler_(worker->io.get_executor());
    workers_.push_back(std::move(worker));
  }
}

Server::~Server() {
  stop();
  wait();
}

void Server::start() {
  for (auto& worker : workers_) {
    asio::co_spawn(worker->io, accept_loop(worker->acceptor, options_.limits, worker->handler),
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

void Server::wait() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace qp::net
