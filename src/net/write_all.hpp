// Writing to a socket without a round trip through the event loop when the socket takes the bytes
// at once: the usual case for heads, whole small answers and single stream events.
#pragma once

#include <array>
#include <boost/beast/core/buffers_suffix.hpp>
#include <chrono>
#include <span>

#include "net/asio.hpp"

namespace qp::net {

// The most pieces send_now() takes in one call; longer sequences are written asynchronously.
inline constexpr std::size_t kSendNowPieces = 32;

// Sends as much of `pieces` as the socket's send buffer takes right now, without waiting and
// whatever the socket's blocking mode (one sendmsg with MSG_DONTWAIT). Returns the bytes sent:
// 0 with no error when the send buffer is full, 0 with `ec` set when the connection failed.
std::size_t send_now(tcp::socket& socket, std::span<const asio::const_buffer> pieces,
                     error_code& ec);

// Writes every byte of `buffers` to `stream`, as asio::async_write would, and returns its error:
// first what send_now() can send, then the rest asynchronously under `timeout` (set with
// expires_after on the stream, so beast::error::timeout when the peer does not read in time, and
// cleared again afterwards: the stream is left with no expiry).
// A write the socket takes whole arms no timer and does not suspend. `buffers` is copied (buffer
// sequences are views), so a temporary sequence may be passed; the bytes must outlive the call.
template <typename ConstBufferSequence>
awaitable<error_code> write_all(beast::tcp_stream& stream, ConstBufferSequence buffers,
                                std::chrono::steady_clock::duration timeout) {
  std::array<asio::const_buffer, kSendNowPieces> pieces;
  std::size_t count = 0;
  std::size_t total = 0;
  bool fits = true;
  for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers);
       ++it) {
    const asio::const_buffer piece(*it);
    if (piece.size() == 0) continue;
    if (count == pieces.size()) {
      fits = false;
      break;
    }
    pieces[count++] = piece;
    total += piece.size();
  }
  std::size_t sent = 0;
  if (fits) {
    if (total == 0) co_return error_code{};
    error_code ec;
    sent = send_now(stream.socket(), std::span(pieces.data(), count), ec);
    if (ec) co_return ec;
    if (sent == total) co_return error_code{};
  }
  beast::buffers_suffix<ConstBufferSequence> rest(buffers);
  rest.consume(sent);
  stream.expires_after(timeout);
  auto [ec, n] = co_await asio::async_write(stream, rest, use_nothrow);
  stream.expires_never();
  co_return ec;
}

}  // namespace qp::net
