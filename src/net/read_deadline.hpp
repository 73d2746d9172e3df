// ReadDeadline: cancels a connection's pending read when its time is up, leaving the socket open
// (a Beast stream timeout would close it, and a 408 could not be written any more).
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "net/asio.hpp"

namespace qp::net {

// One per connection, for the reads of its request heads. Starting and stopping a read only store a
// time point: the one timer is armed when a read starts with no wait pending, or moved earlier when
// a deadline comes before the pending wait. When the wait ends before the current deadline (the
// connection served requests meanwhile), it waits again for the rest. So a busy keep-alive
// connection costs no timer operation per request.
// Not thread-safe: use it on the socket's own executor. The socket must outlive the object.
class ReadDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ReadDeadline(tcp::socket& socket);
  ~ReadDeadline();
  ReadDeadline(const ReadDeadline&) = delete;
  ReadDeadline& operator=(const ReadDeadline&) = delete;

  // A read starts now and may take up to `timeout`; clears expired().
  void start(std::chrono::milliseconds timeout);
  // The read ended (completed or failed): no deadline until the next start().
  void stop();
  // stop() for a read that ended with `read_result`: beast::error::timeout when the read failed
  // because its deadline passed, else `read_result` (a read that completed stays completed, even
  // when its deadline passed at the same moment).
  error_code finish(const error_code& read_result);
  // Whether the deadline passed during the last read, which was then cancelled.
  bool expired() const { return state_->expired; }

 private:
  struct State {
    bool alive = true;  // false once the owner is gone: a late handler must not touch it
    bool expired = false;
    bool waiting = false;                                   // a wait of timer_ is pending
    Clock::time_point deadline = Clock::time_point::max();  // of the read in progress, or max
  };

  void wait_until(Clock::time_point when);
  void on_wait_ended();

  tcp::socket& socket_;
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

}  // namespace qp::net
