// ClientWatch: client disconnect detection while a request is in flight.
#include "proxy/client_watch.hpp"

namespace qp::proxy {

ClientWatch::ClientWatch(net::tcp::socket& client)
    : client_(client), state_(std::make_shared<State>()) {}

void ClientWatch::begin() {
  if (watching_) return;
  watching_ = true;
  // A peek completes when a byte arrives (a pipelined request: the client is alive, stop
  // watching), at end of stream or on a reset (the client is gone), or when cancelled.
  client_.async_receive(
      net::asio::buffer(&state_->peeked, 1), net::tcp::socket::message_peek,
      [state = state_](const net::error_code& ec, std::size_t peeked) {
        if (state->finished) return;  // the request ended; the sockets may no longer exist
        if (!ec && peeked > 0) return;
        state->gone = true;
        if (state->upstream != nullptr) {
          net::error_code ignored;  // closing is all that matters; an error means it is closed
          state->upstream->close(ignored);
        }
      });
}

ClientWatch::~ClientWatch() {
  state_->finished = true;
  state_->upstream = nullptr;
  if (!watching_) return;
  net::error_code ignored;  // nothing to do if the socket is already closed
  client_.cancel(ignored);
}

void ClientWatch::track_upstream(net::tcp::socket* upstream) { state_->upstream = upstream; }

}  // namespace qp::proxy
