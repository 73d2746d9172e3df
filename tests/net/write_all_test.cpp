// write_all(): every byte arrives in order whether the socket takes the write at once or only in
// parts, a peer that left is an error, and a peer that stops reading runs into the timeout.
#include "net/write_all.hpp"

#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "net/loopback_pair.hpp"

namespace qp::net {
namespace {

using namespace std::chrono_literals;

// A connected loopback pair: `writer` wrapped in a Beast stream, `reader` a plain socket.
struct SocketPair {
  LoopbackPair sockets;
  asio::io_context& io = sockets.io;
  beast::tcp_stream writer{std::move(sockets.local)};
  tcp::socket& reader = sockets.peer;

  // Runs write_all() on `buffers` to completion; the reader does nothing meanwhile.
  template <typename Buffers>
  error_code write(const Buffers& buffers, std::chrono::steady_clock::duration timeout) {
    std::optional<error_code> result;
    asio::co_spawn(
        io, [&]() -> awaitable<void> { result = co_await write_all(writer, buffers, timeout); },
        asio::detached);
    io.run_for(10s);
    io.restart();
    EXPECT_TRUE(result.has_value()) << "write_all did not finish";
    return result.value_or(asio::error::timed_out);
  }

  std::string read_exactly(std::size_t size) {
    std::string bytes(size, '\0');
    asio::read(reader, asio::buffer(bytes));
    return bytes;
  }
};

std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return bytes;
}

TEST(WriteAll, SmallPiecesArriveInOrderWithoutWaiting) {
  SocketPair pair;
  const std::array<asio::const_buffer, 3> pieces{asio::buffer("HTTP/1.1 200 OK\r\n", 17),
                                                 asio::buffer("", 0), asio::buffer("body", 4)};
  EXPECT_FALSE(pair.write(pieces, 1s));
  EXPECT_EQ(pair.read_exactly(21), "HTTP/1.1 200 OK\r\nbody");
}

TEST(SendNow, TakesWhatFitsAndNeverWaits) {
  SocketPair pair;
  const std::string chunk = pattern(256 * 1024);
  const std::array<asio::const_buffer, 1> pieces{asio::buffer(chunk)};
  error_code ec;
  const std::size_t first = send_now(pair.writer.socket(), pieces, ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_GT(first, 0u);
  // The reader reads nothing: the send buffer fills, and then send_now() sends 0 without error.
  std::size_t sent = first;
  for (int i = 0; i < 10'000 && sent > 0 && !ec; ++i)
    sent = send_now(pair.writer.socket(), pieces, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(sent, 0u);
  EXPECT_EQ(pair.read_exactly(first), chunk.substr(0, first));  // the first send's bytes, in order
}

TEST(WriteAll, MoreThanTheSocketTakesAtOnceArrivesWhole) {
  SocketPair pair;
  const std::string big = pattern(32u << 20);  // far beyond loopback send and receive buffers
  std::string received;
  std::thread reader([&] { received = pair.read_exactly(big.size()); });
  const error_code ec = pair.write(asio::buffer(big), 10s);
  reader.join();
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(received == big);
}

TEST(WriteAll, MorePiecesThanOneSendTakesArriveInOrder) {
  SocketPair pair;
  std::vector<std::string> words;
  std::vector<asio::const_buffer> pieces;
  std::string expected;
  for (int i = 0; i < 40; ++i) words.push_back("piece-" + std::to_string(i) + ";");
  for (const auto& word : words) {
    pieces.emplace_back(asio::buffer(word));
    expected += word;
  }
  ASSERT_GT(pieces.size(), kSendNowPieces);
  EXPECT_FALSE(pair.write(pieces, 1s));
  EXPECT_EQ(pair.read_exactly(expected.size()), expected);
}

TEST(WriteAll, APeerThatLeftIsAnError) {
  SocketPair pair;
  pair.reader.close();
  const std::string chunk = pattern(64 * 1024);
  error_code ec;
  // The first write may still be taken by the kernel; the reset shows by the next ones.
  for (int i = 0; i < 50 && !ec; ++i) ec = pair.write(asio::buffer(chunk), 1s);
  EXPECT_TRUE(ec);
  EXPECT_NE(ec, beast::error::timeout);
}

TEST(WriteAll, APeerThatStopsReadingRunsIntoTheTimeout) {
  SocketPair pair;
  const std::string big = pattern(64u << 20);  // never fits: the reader reads nothing
  const auto started = std::chrono::steady_clock::now();
  const error_code ec = pair.write(asio::buffer(big), 200ms);
  EXPECT_EQ(ec, beast::error::timeout) << ec.message();
  EXPECT_GE(std::chrono::steady_clock::now() - started, 200ms);
}

}  // namespace
}  // namespace qp::net
