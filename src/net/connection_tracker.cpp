// ConnectionTracker: per-thread connection accounting for the cap and the drain.
#include "net/connection_tracker.hpp"

namespace qp::net {

bool ConnectionTracker::try_admit() {
  if (draining_ || open_.load(std::memory_order_relaxed) >= limit_) return false;
  open_.fetch_add(1, std::memory_order_acq_rel);
  return true;
}

void ConnectionTracker::release() { open_.fetch_sub(1, std::memory_order_acq_rel); }

void ConnectionTracker::idle_begin(tcp::socket& socket) { idle_.insert(&socket); }

void ConnectionTracker::idle_end(tcp::socket& socket) { idle_.erase(&socket); }

void ConnectionTracker::start_draining() {
  draining_ = true;
  for (tcp::socket* socket : idle_) {
    error_code ignored;  // a socket that cannot be cancelled is closing anyway
    socket->cancel(ignored);
  }
}

}  // namespace qp::net
