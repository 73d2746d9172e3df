// ConnectionTracker: one thread's client connections: how many are open (for the connection cap and
// the shutdown drain), which are idle between requests (a drain closes those at once), and whether
// the server is draining (a connection then ends after the response in flight).
#pragma once

#include <atomic>
#include <cstddef>
#include <unordered_set>

#include "net/asio.hpp"

namespace qp::net {

class ConnectionTracker {
 public:
  explicit ConnectionTracker(std::size_t limit) : limit_(limit) {}

  // Counts a new connection unless the limit is reached (then the caller refuses it).
  bool try_admit();
  void release();
  std::size_t open() const { return open_.load(std::memory_order_acquire); }

  // Brackets the wait for a connection's next request head. Owning thread only.
  void idle_begin(tcp::socket& socket);
  void idle_end(tcp::socket& socket);

  // Owning thread only: cancels the idle waits; sessions then end after their current response.
  void start_draining();
  bool draining() const { return draining_; }

 private:
  std::size_t limit_;
  std::atomic<std::size_t> open_{0};  // read by the thread that waits for the drain
  std::unordered_set<tcp::socket*> idle_;
  bool draining_ = false;
};

}  // namespace qp::net
