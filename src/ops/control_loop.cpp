// The control thread's handlers: signals, STATUS and watchdog timers, and the shutdown order
// (STOPPING=1 first, then the server is stopped, then the loop ends).
#include "ops/control_loop.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <csignal>

namespace qp::ops {

std::string status_text(const ServiceActivity& activity) {
  return std::to_string(activity.requests_proxied) + " requests proxied, " +
         std::to_string(activity.streams_open) + " streams open";
}

ControlLoop::ControlLoop(SystemdNotifier& notifier, ActivitySource activity, ControlHooks hooks,
                         std::chrono::milliseconds status_interval)
    : signals_(io_, SIGINT, SIGTERM, SIGHUP),
      status_timer_(io_),
      watchdog_timer_(io_),
      notifier_(notifier),
      activity_(std::move(activity)),
      hooks_(std::move(hooks)),
      status_interval_(status_interval) {}

void ControlLoop::run() {
  notifier_.ready();
  notifier_.status(status_text(activity_()));
  wait_for_signal();
  schedule_status();
  if (notifier_.watchdog_interval()) {
    notifier_.watchdog();
    schedule_watchdog();
  }
  io_.run();
}

void ControlLoop::request_shutdown() {
  boost::asio::post(io_, [this] { shut_down(); });
}

void ControlLoop::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled by the shutdown
    if (signal == SIGHUP) {
      hooks_.reload();
      wait_for_signal();
      return;
    }
    spdlog::info("signal {}: stopping", signal);
    shut_down();
  });
}

void ControlLoop::schedule_status() {
  status_timer_.expires_after(status_interval_);
  status_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || shutting_down_) return;  // cancelled by the shutdown
    notifier_.status(status_text(activity_()));
    schedule_status();
  });
}

void ControlLoop::schedule_watchdog() {
  watchdog_timer_.expires_after(*notifier_.watchdog_interval());
  watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || shutting_down_) return;  // cancelled by the shutdown
    notifier_.watchdog();
    schedule_watchdog();
  });
}

void ControlLoop::shut_down() {
  if (shutting_down_) return;
  shutting_down_ = true;
  notifier_.stopping();
  notifier_.status("stopping: " + status_text(activity_()));
  hooks_.shutdown();
  boost::system::error_code ignored;  // cancelling what is not pending is harmless
  signals_.cancel(ignored);
  status_timer_.cancel();
  watchdog_timer_.cancel();
  io_.stop();  // scrape connections of the metrics listener end with the loop
}

}  // namespace qp::ops
