// The notify datagrams. libsystemd's sd_notify() reads $NOTIFY_SOCKET from the process environment
// only, so the datagram is sent here to an explicit address (the protocol is stable and documented
// in sd_notify(3)); libsystemd's sd_watchdog_enabled() decides the watchdog for the real process.
#include "ops/systemd_notify.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstring>

namespace qp::ops {
namespace {

std::optional<std::chrono::microseconds> half_of_watchdog(const Environment& env) {
  const auto usec = env.find("WATCHDOG_USEC");
  if (usec == env.end()) return std::nullopt;
  const auto pid = env.find("WATCHDOG_PID");
  if (pid != env.end() && pid->second != std::to_string(getpid())) return std::nullopt;
  try {
    const unsigned long long value = std::stoull(usec->second);
    if (value == 0) return std::nullopt;
    return std::chrono::microseconds(value / 2);
  } catch (const std::exception&) {  // not a number: systemd did not set it, no watchdog
    return std::nullopt;
  }
}

}  // namespace

SystemdNotifier::SystemdNotifier(std::string socket_path,
                                 std::optional<std::chrono::microseconds> watchdog_interval)
    : socket_path_(std::move(socket_path)), watchdog_interval_(watchdog_interval) {}

SystemdNotifier SystemdNotifier::from_environment(const Environment& env) {
  const auto socket = env.find("NOTIFY_SOCKET");
  std::string path = socket == env.end() ? std::string() : socket->second;
  auto watchdog = half_of_watchdog(env);
  std::uint64_t usec = 0;
  // For the real process environment libsystemd has the last word (it knows its own rules).
  if (watchdog && sd_watchdog_enabled(0, &usec) > 0) {
    watchdog = std::chrono::microseconds(usec / 2);
  }
  return SystemdNotifier(std::move(path), watchdog);
}

bool SystemdNotifier::ready() { return send("READY=1"); }
bool SystemdNotifier::status(std::string_view text) { return send("STATUS=" + std::string(text)); }
bool SystemdNotifier::stopping() { return send("STOPPING=1"); }
bool SystemdNotifier::watchdog() { return send("WATCHDOG=1"); }

bool SystemdNotifier::send(std::string_view message) {
  if (!enabled()) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path_.size() >= sizeof(address.sun_path) ||
      (socket_path_[0] != '/' && socket_path_[0] != '@')) {
    spdlog::debug("NOTIFY_SOCKET {} is not a Unix socket path; not notifying", socket_path_);
    return false;
  }
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  if (socket_path_[0] == '@') address.sun_path[0] = '\0';  // abstract namespace
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const ssize_t sent = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), length);
  const int error = errno;
  ::close(fd);
  if (sent < 0) {
    spdlog::debug("cannot notify systemd on {}: {}", socket_path_, std::strerror(error));
    return false;
  }
  return true;
}

}  // namespace qp::ops
