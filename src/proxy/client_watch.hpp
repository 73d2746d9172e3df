// ClientWatch: notices a client that goes away while the proxy waits on the backend, and then
// closes the upstream socket at once so that vLLM aborts the generation and frees its KV cache.
// WatchStarter: starts the watches of one thread late, so that the many requests that end within a
// few milliseconds never pay for one.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <vector>

#include "net/asio.hpp"

namespace qp::proxy {

class WatchStarter;

class ClientWatch {
 public:
  // Prepares to watch `client` for end of stream or error; begin() or begin_soon() starts. The
  // client socket must outlive the watch, and no other read may be pending on it while watching.
  // `starter` belongs to the thread that runs the watch.
  ClientWatch(net::tcp::socket& client, std::shared_ptr<WatchStarter> starter);
  // Starts watching now (once the request body has been read: body bytes would look like a live
  // client). The watch is one pending peek on the client socket: it never consumes a byte of a
  // pipelined request.
  void begin();
  // Starts watching within WatchStarter::kDelay, unless the watch ends before.
  void begin_soon();
  bool watching() const { return watching_; }
  // Stops watching (cancels the pending peek on the client socket).
  ~ClientWatch();
  ClientWatch(const ClientWatch&) = delete;
  ClientWatch& operator=(const ClientWatch&) = delete;

  // The upstream socket to close when the client goes away; nullptr for none. Not owned.
  void track_upstream(net::tcp::socket* upstream);
  bool client_gone() const { return state_->gone; }

 private:
  friend class WatchStarter;

  // Shared with the pending peek's handler, which may run after the watch is gone.
  struct State {
    bool gone = false;
    bool finished = false;
    net::tcp::socket* upstream = nullptr;
    char peeked = 0;  // the peek's one-byte buffer
  };

  net::tcp::socket& client_;
  std::shared_ptr<WatchStarter> starter_;
  std::shared_ptr<State> state_;
  bool watching_ = false;
  std::size_t waiting_index_ = kNotWaiting;  // position in the starter's list
  static constexpr std::size_t kNotWaiting = static_cast<std::size_t>(-1);
};

// Begins, on one periodic tick, every watch handed to it since the last tick. The timer runs only
// while watches wait. One per thread; not thread-safe. Held by shared_ptr (the watches keep it).
class WatchStarter : public std::enable_shared_from_this<WatchStarter> {
 public:
  static constexpr std::chrono::milliseconds kDelay{50};

  explicit WatchStarter(net::asio::any_io_executor executor);
  WatchStarter(const WatchStarter&) = delete;
  WatchStarter& operator=(const WatchStarter&) = delete;

  void add(ClientWatch& watch);
  void remove(ClientWatch& watch);

 private:
  void begin_waiting();

  std::vector<ClientWatch*> waiting_;
  std::vector<ClientWatch*> due_;  // the watches a tick begins (kept for its capacity)
  net::asio::steady_timer timer_;
  bool ticking_ = false;
};

}  // namespace qp::proxy
