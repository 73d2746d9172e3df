// ResponseWriter: the framing and Connection it chooses for the client's HTTP version and
// keep-alive, checked on the exact bytes a loopback client receives.
#include "proxy/response_writer.hpp"

#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <optional>
#include <string>

#include "net/parsed_backend_head.hpp"

namespace qp::proxy {
namespace {

namespace asio = net::asio;
using net::testing::parsed_backend_head;

constexpr std::string_view kBackendHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 99\r\n"
    "Connection: keep-alive\r\n\r\n";

struct Answer {
  std::string bytes;  // everything the client received, until the writer's side closed
  bool keep_alive = false;
  int recorded_status = 0;
};

enum class Write { streamed, whole };

// Writes "hi" to a loopback client as forward() does, with start(), write() and finish() or with
// write_whole(), and returns what the client received.
Answer write_answer(unsigned version, bool keep_alive, std::optional<std::uint64_t> length,
                    Write how = Write::streamed) {
  const auto backend = parsed_backend_head(kBackendHead);
  asio::io_context io;
  net::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  net::tcp::socket reader(io);
  reader.connect(acceptor.local_endpoint());
  net::beast::tcp_stream client(acceptor.accept());
  net::RequestRecord record;
  ResponseWriter writer(client, version, keep_alive, false, std::chrono::seconds(5), record);
  const net::ClientResponseHead head{.status = backend->status(),
                                     .backend_fields = backend->fields(),
                                     .profile_name = "fast",
                                     .request_id = "req-1"};
  Answer answer;
  asio::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        if (how == Write::whole) {
          // Two pieces, as a rewritten answer has them: the client gets them back to back.
          json::SpliceEditor editor("hX");
          editor.replace(json::Span{1, 2}, "i");
          const net::error_code whole =
              co_await writer.write_whole(head, std::move(editor).finish().value());
          EXPECT_FALSE(whole) << whole.message();
        } else {
          const net::error_code started = co_await writer.start(head, length);
          const net::error_code written = co_await writer.write("hi");
          const net::error_code finished = co_await writer.finish();
          EXPECT_FALSE(started || written || finished);
        }
        client.close();
      },
      asio::detached);
  io.run();
  net::error_code ec;
  asio::read(reader, asio::dynamic_buffer(answer.bytes), ec);
  EXPECT_EQ(ec, asio::error::eof);
  answer.keep_alive = writer.keep_alive();
  answer.recorded_status = record.status;
  return answer;
}

constexpr std::string_view kRelayedFields =
    "Content-Type: text/plain\r\nX-Qwen35-Profile: fast\r\nX-Request-Id: req-1\r\n";

TEST(ResponseWriter, Http11KeepAliveWithLengthSendsNoConnection) {
  const Answer answer = write_answer(11, true, 2);
  EXPECT_EQ(answer.bytes,
            "HTTP/1.1 200 OK\r\n" + std::string(kRelayedFields) + "Content-Length: 2\r\n\r\nhi");
  EXPECT_TRUE(answer.keep_alive);
  EXPECT_EQ(answer.recorded_status, 200);
}

TEST(ResponseWriter, Http11UnknownLengthIsChunked) {
  const Answer answer = write_answer(11, true, std::nullopt);
  EXPECT_EQ(answer.bytes, "HTTP/1.1 200 OK\r\n" + std::string(kRelayedFields) +
                              "Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n");
  EXPECT_TRUE(answer.keep_alive);
}

TEST(ResponseWriter, Http11CloseSendsConnectionClose) {
  const Answer answer = write_answer(11, false, std::nullopt);
  EXPECT_EQ(answer.bytes, "HTTP/1.1 200 OK\r\n" + std::string(kRelayedFields) +
                              "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                              "2\r\nhi\r\n0\r\n\r\n");
  EXPECT_FALSE(answer.keep_alive);
}

TEST(ResponseWriter, Http10KeepAliveWithLengthSendsConnectionKeepAlive) {
  const Answer answer = write_answer(10, true, 2);
  EXPECT_EQ(answer.bytes, "HTTP/1.0 200 OK\r\n" + std::string(kRelayedFields) +
                              "Content-Length: 2\r\nConnection: keep-alive\r\n\r\nhi");
  EXPECT_TRUE(answer.keep_alive);
}

TEST(ResponseWriter, Http10CloseWithLengthSendsNoConnection) {
  const Answer answer = write_answer(10, false, 2);
  EXPECT_EQ(answer.bytes,
            "HTTP/1.0 200 OK\r\n" + std::string(kRelayedFields) + "Content-Length: 2\r\n\r\nhi");
  EXPECT_FALSE(answer.keep_alive);
}

TEST(ResponseWriter, Http10UnknownLengthIsCloseDelimited) {
  const Answer answer = write_answer(10, true, std::nullopt);
  EXPECT_EQ(answer.bytes, "HTTP/1.0 200 OK\r\n" + std::string(kRelayedFields) + "\r\nhi");
  EXPECT_FALSE(answer.keep_alive);
}

TEST(ResponseWriter, WholeAnswerCarriesItsOwnLength) {
  const Answer answer = write_answer(11, true, std::nullopt, Write::whole);
  EXPECT_EQ(answer.bytes,
            "HTTP/1.1 200 OK\r\n" + std::string(kRelayedFields) + "Content-Length: 2\r\n\r\nhi");
  EXPECT_TRUE(answer.keep_alive);
  EXPECT_EQ(answer.recorded_status, 200);
}

}  // namespace
}  // namespace qp::proxy
