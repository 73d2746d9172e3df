// send_now(): one non-blocking sendmsg.
#include "net/write_all.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace qp::net {

std::size_t send_now(tcp::socket& socket, std::span<const asio::const_buffer> pieces,
                     error_code& ec) {
  ec.clear();
  std::array<iovec, kSendNowPieces> vectors;
  const std::size_t count = std::min(pieces.size(), vectors.size());
  for (std::size_t i = 0; i < count; ++i) {
    vectors[i].iov_base = const_cast<void*>(pieces[i].data());  // sendmsg only reads it
    vectors[i].iov_len = pieces[i].size();
  }
  msghdr message{};
  message.msg_iov = vectors.data();
  message.msg_iovlen = count;
  for (;;) {
    // MSG_NOSIGNAL: a peer that left is an error to return, not a SIGPIPE.
    const ssize_t n = ::sendmsg(socket.native_handle(), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    ec = error_code(errno, asio::error::get_system_category());
    return 0;
  }
}

}  // namespace qp::net
