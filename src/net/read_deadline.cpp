// ReadDeadline: one lazily armed timer per connection.
#include "net/read_deadline.hpp"

namespace qp::net {

ReadDeadline::ReadDeadline(tcp::socket& socket)
    : socket_(socket), timer_(socket.get_executor()), state_(std::make_shared<State>()) {}

ReadDeadline::~ReadDeadline() {
  state_->alive = false;
  timer_.cancel();
}

void ReadDeadline::start(std::chrono::milliseconds timeout) {
  state_->expired = false;
  state_->deadline = Clock::now() + timeout;
  // A pending wait that ends later than this deadline would be too late: move it earlier.
  if (!state_->waiting || timer_.expiry() > state_->deadline) wait_until(state_->deadline);
}

void ReadDeadline::stop() { state_->deadline = Clock::time_point::max(); }

error_code ReadDeadline::finish(const error_code& read_result) {
  stop();
  if (read_result && expired()) return beast::error::timeout;
  return read_result;
}

void ReadDeadline::wait_until(Clock::time_point when) {
  timer_.expires_at(when);  // cancels a pending wait: its handler sees operation_aborted
  state_->waiting = true;
  timer_.async_wait([this, state = state_](const error_code& ec) {
    // Cancelled: moved by wait_until() (a new wait is pending) or the owner is gone.
    if (ec || !state->alive) return;
    on_wait_ended();
  });
}

void ReadDeadline::on_wait_ended() {
  state_->waiting = false;
  if (state_->deadline == Clock::time_point::max()) return;  // no read: start() arms again
  if (Clock::now() < state_->deadline) {
    wait_until(state_->deadline);  // the connection moved on: wait for the current read's deadline
    return;
  }
  state_->expired = true;
  state_->deadline = Clock::time_point::max();
  error_code ignored;  // nothing left to cancel is fine
  socket_.cancel(ignored);
}

}  // namespace qp::net
