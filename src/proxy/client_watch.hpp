// ClientWatch: notices a client that goes away while the proxy waits on the backend, and then
// closes the upstream socket at once so that vLLM aborts the generation and frees its KV cache.
#pragma once

#include <memory>

#include "net/asio.hpp"

namespace qp::proxy {

class ClientWatch {
 public:
  // Prepares to watch `client` for end of stream or error; begin() starts. The client socket must
  // outlive the watch, and no other read may be pending on it while watching.
  explicit ClientWatch(net::tcp::socket& client);
  // Starts watching (once the request body has been read: body bytes would look like a live
  // client). The watch is one pending peek on the client socket: it costs no system call while
  // nothing happens, and it never consumes a byte of a pipelined request.
  void begin();
  bool watching() const { return watching_; }
  // Stops watching (cancels the pending peek on the client socket).
  ~ClientWatch();
  ClientWatch(const ClientWatch&) = delete;
  ClientWatch& operator=(const ClientWatch&) = delete;

  // The upstream socket to close when the client goes away; nullptr for none. Not owned.
  void track_upstream(net::tcp::socket* upstream);
  bool client_gone() const { return state_->gone; }

 private:
  // Shared with the pending peek's handler, which may run after the watch is gone.
  struct State {
    bool gone = false;
    bool finished = false;
    net::tcp::socket* upstream = nullptr;
    char peeked = 0;  // the peek's one-byte buffer
  };

  net::tcp::socket& client_;
  std::shared_ptr<State> state_;
  bool watching_ = false;
};

}  // namespace qp::proxy
