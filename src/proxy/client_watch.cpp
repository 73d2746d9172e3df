// ClientWatch: client disconnect detection while a request is in flight.
#include "proxy/client_watch.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace qp::proxy {

ClientWatch::ClientWatch(net::tcp::socket& client)
    : client_(client), state_(std::make_shared<State>()) {}

void ClientWatch::begin() {
  if (watching_) return;
  watching_ = true;
  net::asio::co_spawn(client_.get_executor(), watch(client_, state_), net::asio::detached);
}

ClientWatch::~ClientWatch() {
  state_->finished = true;
  state_->upstream = nullptr;
  if (!watching_) return;
  net::error_code ignored;  // nothing to do if the socket is already closed
  client_.cancel(ignored);
}

void ClientWatch::track_upstream(net::tcp::socket* upstream) { state_->upstream = upstream; }

net::awaitable<void> ClientWatch::watch(net::tcp::socket& client, std::shared_ptr<State> state) {
  for (;;) {
    auto [ec] = co_await client.async_wait(net::tcp::socket::wait_read, net::use_nothrow);
    if (state->finished) co_return;  // the request ended; `client` may no longer exist
    if (!ec) {
      char byte = 0;
      const ssize_t n = ::recv(client.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n > 0) co_return;  // a pipelined request: the client is alive; stop watching
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;  // spurious wake-up
    }
    state->gone = true;  // end of stream, reset, or the wait failed: the client is gone
    if (state->upstream != nullptr) {
      net::error_code ignored;  // closing is all that matters; an error means it is closed already
      state->upstream->close(ignored);
    }
    co_return;
  }
}

}  // namespace qp::proxy
