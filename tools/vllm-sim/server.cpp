// SimServer: acceptor, io_context and its threads. Each connection runs as one coroutine on its own
// strand (see session.cpp), so --threads > 1 is safe.
#include "server.hpp"

#include <thread>
#include <vector>

#include "net.hpp"

namespace qp::sim {
namespace {

net::awaitable<void> accept_loop(tcp::acceptor& acceptor, SimContext& ctx) {
  for (;;) {
    tcp::socket socket(net::make_strand(acceptor.get_executor()));
    // Accept the next connection; errors other than shutdown (e.g. EMFILE) only skip one.
    auto [ec] = co_await acceptor.async_accept(socket, kAwait);
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;
    }
    beast::error_code ignored;  // Nagle only delays small SSE events; failure changes nothing else
    socket.set_option(tcp::no_delay(true), ignored);
    ctx.stats.connection_accepted();
    auto ex = socket.get_executor();
    net::co_spawn(ex, run_session(beast::tcp_stream(std::move(socket)), ctx), net::detached);
  }
}

}  // namespace

struct SimServer::Impl {
  explicit Impl(SimOptions o) : ctx(std::move(o)), ioc(ctx.options.threads), acceptor(ioc) {}
  SimContext ctx;  // outlives the io_context: sessions refer to it
  net::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  std::atomic<bool> stopped{false};
};

SimServer::SimServer(SimOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  const auto& o = impl_->ctx.options;
  tcp::resolver resolver(impl_->ioc);
  const auto results = resolver.resolve(o.host, std::to_string(o.port));  // throws on failure
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol());
  acc.set_option(net::socket_base::reuse_address(true));
  acc.bind(endpoint);
  acc.listen(net::socket_base::max_listen_connections);
  impl_->port = acc.local_endpoint().port();
  net::co_spawn(impl_->ioc, accept_loop(acc, impl_->ctx), net::detached);
  for (int i = 0; i < o.threads; ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

SimServer::~SimServer() { stop(); }

std::uint16_t SimServer::port() const { return impl_->port; }

const SimOptions& SimServer::options() const { return impl_->ctx.options; }

void SimServer::stop() {
  if (impl_->stopped.exchange(true)) return;
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  beast::error_code ignored;  // the acceptor is discarded either way
  impl_->acceptor.close(ignored);
}

StatsSnapshot SimServer::stats() const { return impl_->ctx.stats.snapshot(); }

bool SimServer::wait_for_stats(const std::function<bool(const StatsSnapshot&)>& pred,
                               std::chrono::milliseconds timeout) const {
  return impl_->ctx.stats.wait_until(pred, timeout);
}

}  // namespace qp::sim
