// read_http_header and read_http_some: heads that arrive in pieces, bytes already buffered, and
// the ways a connection can end (before any byte, with a body that ends with it, mid-body).
#include "net/http_read.hpp"

#include <gtest/gtest.h>

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <optional>
#include <string>

#include "net/backend_response_parser.hpp"
#include "net/loopback_pair.hpp"

namespace qp::net {
namespace {

using namespace std::chrono_literals;

// The proxy's side reads from `pair.local`; the test writes the backend's bytes into `pair.peer`.
struct Reader {
  LoopbackPair pair;
  beast::flat_buffer buffer;
  BackendResponseParser parser;

  void send(std::string_view bytes) { asio::write(pair.peer, asio::buffer(bytes)); }

  // Runs `read` to completion (nullopt when it is still waiting after a second).
  std::optional<error_code> run(awaitable<error_code> read) {
    std::optional<error_code> result;
    asio::co_spawn(
        pair.io, [&]() -> awaitable<void> { result = co_await std::move(read); }, asio::detached);
    pair.io.run_for(1s);
    pair.io.restart();
    return result;
  }
  std::optional<error_code> header() { return run(read_http_header(pair.local, buffer, parser)); }
  std::optional<error_code> some() { return run(read_http_some(pair.local, buffer, parser)); }

  // Reads the body to its end through storage of 4 bytes at a time; the error that ended it.
  error_code body(std::string& out) {
    std::array<char, 4> storage;
    while (!parser.is_done()) {
      parser.lend_body_storage(storage);
      const auto ec = some();
      if (!ec) return asio::error::timed_out;
      out.append(storage.data(), storage.size() - parser.body_room());
      if (*ec && *ec != http::error::need_buffer) return *ec;
    }
    return {};
  }
};

TEST(HttpRead, HeadArrivingInPiecesIsReadWhole) {
  Reader reader;
  reader.send("HTTP/1.1 200 OK\r\nContent-Ty");
  asio::co_spawn(
      reader.pair.io,
      [&]() -> awaitable<void> {
        asio::steady_timer later(reader.pair.io, 20ms);
        co_await later.async_wait(asio::use_awaitable);
        reader.send("pe: text/event-stream\r\nContent-Length: 2\r\n\r\nok");
      },
      asio::detached);
  const auto ec = reader.header();
  ASSERT_TRUE(ec.has_value());
  EXPECT_FALSE(*ec) << ec->message();
  EXPECT_EQ(reader.parser.value_of(http::field::content_type), "text/event-stream");
  std::string body;
  EXPECT_FALSE(reader.body(body));
  EXPECT_EQ(body, "ok");
}

TEST(HttpRead, BufferedBytesAreParsedWithoutWaitingForTheSocket) {
  Reader reader;
  const std::string_view whole = "HTTP/1.1 204 No Content\r\nServer: s\r\n\r\n";
  auto room = reader.buffer.prepare(whole.size());
  std::memcpy(room.data(), whole.data(), whole.size());
  reader.buffer.commit(whole.size());
  const auto ec = reader.header();  // nothing arrives on the socket: a read would wait
  ASSERT_TRUE(ec.has_value()) << "waited for the socket";
  EXPECT_FALSE(*ec);
  EXPECT_TRUE(reader.parser.is_done());
  EXPECT_EQ(reader.parser.status(), 204u);
}

TEST(HttpRead, ConnectionClosedBeforeAnyByteIsEndOfStream) {
  Reader reader;
  reader.pair.peer.close();
  const auto ec = reader.header();
  ASSERT_TRUE(ec.has_value());
  EXPECT_EQ(*ec, http::error::end_of_stream);
  EXPECT_FALSE(reader.parser.got_some());
}

TEST(HttpRead, BodyThatEndsWithTheConnectionIsComplete) {
  Reader reader;
  reader.send("HTTP/1.1 200 OK\r\n\r\nuntil the end");
  reader.pair.peer.shutdown(tcp::socket::shutdown_send);
  ASSERT_EQ(reader.header(), error_code{});
  std::string body;
  EXPECT_FALSE(reader.body(body));
  EXPECT_EQ(body, "until the end");
  EXPECT_TRUE(reader.parser.is_done());
}

TEST(HttpRead, ConnectionClosedMidBodyIsAPartialMessage) {
  Reader reader;
  reader.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  reader.pair.peer.shutdown(tcp::socket::shutdown_send);
  ASSERT_EQ(reader.header(), error_code{});
  std::string body;
  EXPECT_EQ(reader.body(body), http::error::partial_message);
  EXPECT_EQ(body, "abc");
}

}  // namespace
}  // namespace qp::net
