// NotifySocket: a Unix datagram socket in a fresh temporary directory that plays systemd's side of
// the sd_notify protocol in tests; messages are read with a deadline, never by sleeping.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace qp::test {

class NotifySocket {
 public:
  NotifySocket();  // binds; fails the test (ADD_FAILURE) when it cannot
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }

  // The next datagram, or nullopt when none arrives before the deadline.
  std::optional<std::string> receive(std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Reads datagrams until one equals `message` or starts with it; returns every datagram read,
  // the matching one last (or all of them when the deadline passed first).
  std::vector<std::string> receive_until(
      const std::string& message, std::chrono::milliseconds deadline = std::chrono::seconds(10));

 private:
  std::string directory_;
  std::string path_;
  int fd_ = -1;
};

}  // namespace qp::test
