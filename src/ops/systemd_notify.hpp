// SystemdNotifier: the sd_notify(3) protocol towards the service manager — READY=1, STATUS=...,
// STOPPING=1 and WATCHDOG=1 as datagrams on $NOTIFY_SOCKET. Without a notify socket every call is
// a no-op, so the proxy runs the same outside systemd.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "config/load_config.hpp"

namespace qp::ops {

class SystemdNotifier {
 public:
  // socket_path: $NOTIFY_SOCKET as systemd sets it (a path, or "@name" for an abstract socket);
  // empty = not under systemd. watchdog_interval: how often WATCHDOG=1 is due (half of
  // WATCHDOG_USEC), nullopt = no watchdog.
  SystemdNotifier(std::string socket_path,
                  std::optional<std::chrono::microseconds> watchdog_interval);

  // From the given environment: NOTIFY_SOCKET, and WATCHDOG_USEC when WATCHDOG_PID is absent or
  // is this process (as sd_watchdog_enabled(3) decides).
  static SystemdNotifier from_environment(const Environment& env);

  bool enabled() const { return !socket_path_.empty(); }
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_interval_; }

  // Each sends one datagram and returns whether it was sent (false when disabled or on error; a
  // failure is logged at debug level and otherwise ignored: the service manager is optional).
  bool ready();
  bool status(std::string_view text);  // STATUS=<text>, shown by systemctl status
  bool stopping();
  bool watchdog();
  bool send(std::string_view message);  // raw "KEY=value\n..." lines

 private:
  std::string socket_path_;
  std::optional<std::chrono::microseconds> watchdog_interval_;
};

}  // namespace qp::ops
