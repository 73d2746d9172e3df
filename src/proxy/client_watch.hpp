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
  // client).
  void begin();
  bool watching() const { return watching_; }
  // Stops watching (cancels the pending wait on the client socket).
  ~ClientWatch();
  ClientWatch(const ClientWatch&) = delete;
  ClientWatch& operator=(const ClientWatch&) = delete;

  // The upstream socket to close when the client goes away; nullptr for none. Not owned.
  void track_upstream(net::tcp::socket* upstream);
  bool client_gone() const { return state_->gone; }

 private:
  struct State {
    bool gone = false;
    bool finished = false;
    net::tcp::socket* upstream = nullptr;
  };
  static net::awaitable<void> watch(net::tcp::socket& client, std::shared_ptr<State> state);

  net::tcp::socket& client_;
  std::shared_ptr<State> state_;
  bool watching_ = false;
};

}  // namespace qp::proxy
