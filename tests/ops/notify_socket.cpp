// The test notify socket: bind, poll with a deadline, read one datagram.
#include "notify_socket.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace qp::test {

NotifySocket::NotifySocket() {
  std::string pattern = (std::filesystem::temp_directory_path() / "qp-notify-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    return;
  }
  directory_ = pattern;
  path_ = directory_ + "/notify";
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ADD_FAILURE() << "cannot bind " << path_ << ": " << std::strerror(errno);
  }
}

NotifySocket::~NotifySocket() {
  if (fd_ >= 0) ::close(fd_);
  std::error_code ignored;  // a leftover temporary directory is harmless
  std::filesystem::remove_all(directory_, ignored);
}

std::optional<std::string> NotifySocket::receive(std::chrono::milliseconds deadline) {
  pollfd waiting{fd_, POLLIN, 0};
  if (::poll(&waiting, 1, static_cast<int>(deadline.count())) <= 0) return std::nullopt;
  std::string message(4096, '\0');
  const ssize_t size = ::recv(fd_, message.data(), message.size(), 0);
  if (size < 0) return std::nullopt;
  message.resize(static_cast<std::size_t>(size));
  return message;
}

std::vector<std::string> NotifySocket::receive_until(const std::string& message,
                                                     std::chrono::milliseconds deadline) {
  std::vector<std::string> seen;
  const auto end = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return seen;
    auto next = receive(left);
    if (!next) return seen;
    seen.push_back(*next);
    if (next->rfind(message, 0) == 0) return seen;
  }
}

}  // namespace qp::test
