// ControlLoop: the process's control thread — SIGTERM/SIGINT/SIGHUP, the periodic systemd STATUS
// line and watchdog pings — on one io_context, which the metrics listener shares. The server's
// worker threads are separate; this thread only observes and stops them.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "ops/systemd_notify.hpp"

namespace qp::ops {

// What the STATUS line reports. The request path provides the numbers.
struct ServiceActivity {
  std::uint64_t requests_proxied = 0;
  std::uint64_t streams_open = 0;
};
using ActivitySource = std::function<ServiceActivity()>;

// "12 requests proxied, 3 streams open"
std::string status_text(const ServiceActivity& activity);

struct ControlHooks {
  std::function<void()> shutdown;  // SIGTERM/SIGINT or request_shutdown(): stop the server
  std::function<void()> reload;    // SIGHUP
};

class ControlLoop {
 public:
  // `notifier` must outlive the loop. STATUS is sent every status_interval; WATCHDOG=1 every
  // notifier.watchdog_interval() when it has one.
  ControlLoop(SystemdNotifier& notifier, ActivitySource activity, ControlHooks hooks,
              std::chrono::milliseconds status_interval = std::chrono::seconds(10));

  boost::asio::any_io_executor executor() { return io_.get_executor(); }

  // Sends READY=1 and a first STATUS, then handles signals and timers until a shutdown: sends
  // STOPPING=1, runs the shutdown hook, and returns.
  void run();
  // Starts the shutdown as SIGTERM would. Safe from any thread.
  void request_shutdown();

 private:
  void wait_for_signal();
  void schedule_status();
  void schedule_watchdog();
  void shut_down();

  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer status_timer_;
  boost::asio::steady_timer watchdog_timer_;
  SystemdNotifier& notifier_;
  ActivitySource activity_;
  ControlHooks hooks_;
  std::chrono::milliseconds status_interval_;
  bool shutting_down_ = false;  // only touched on the loop's thread
};

}  // namespace qp::ops
