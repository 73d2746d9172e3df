// Events that arrive together are relayed together, and never held back for bytes still to come:
// a backend write with two whole events and the first byte of a third chunk's size line (nothing
// the parser can use yet) gets the two to the client while the backend still holds the rest, and
// so does a write that fills the proxy's read piece exactly (checked causally, not by time).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/write.hpp>
#include <future>
#include <string>

#include "one_shot_backend.hpp"
#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

namespace asio = boost::asio;

constexpr const char* kStreamingChat =
    R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";

std::string content_event(const std::string& text, std::string_view model = kServedModel) {
  return R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":")" +
         std::string(model) + R"(","choices":[{"index":0,"delta":{"content":")" + text +
         R"("},"finish_reason":null}]})" + "\n\n";
}

TEST(StreamPieces, WholeEventsAreRelayedWhileTheRestOfAPieceIsStillOnItsWay) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  bool rest_sent = false;  // written by the backend thread only after `released`
  const std::string third = http_chunk(content_event("three"));
  OneShotBackend backend([&](auto& socket) {
    boost::system::error_code ec;
    const std::string first_write =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
        http_chunk(content_event("one")) + http_chunk(content_event("two")) + third.substr(0, 1);
    asio::write(socket, asio::buffer(first_write), ec);
    if (released.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return;
    rest_sent = true;
    const std::string rest = third.substr(1) + http_chunk("data: [DONE]\n\n") + "0\r\n\r\n";
    asio::write(socket, asio::buffer(rest), ec);
  });
  RunningProxy proxy(proxy_config(backend.port()));
  HttpTestClient client(proxy.port());

  const auto head = client.start_stream("/v1/chat/completions", kStreamingChat);
  ASSERT_EQ(head.status, 200);
  const auto one = client.next_event();
  const auto two = client.next_event();
  EXPECT_FALSE(rest_sent) << "the proxy waited for the rest of the backend's piece";
  release.set_value();
  ASSERT_TRUE(one.has_value());
  ASSERT_TRUE(two.has_value());
  EXPECT_NE(one->find(R"("content":"one")"), std::string::npos) << *one;
  EXPECT_NE(two->find(R"("content":"two")"), std::string::npos) << *two;
  EXPECT_NE(one->find(R"("model":"qwen3.5-instruct-general")"), std::string::npos) << *one;
  const std::string rest = client.read_rest();
  EXPECT_NE(rest.find(R"("content":"three")"), std::string::npos) << rest;
  EXPECT_NE(rest.find("data: [DONE]"), std::string::npos) << rest;
}

// The proxy reads a streamed body in pieces of 16 KiB (kReadPieceBytes in src/proxy/forward.cpp).
constexpr std::size_t kReadPieceBytes = 16 * 1024;

// Whole events of exactly `bytes` bytes in all: events of about 1 KiB, the last one padded. Their
// model name is longer than the virtual one, so the rewritten events take fewer bytes: the proxy
// has not yet gathered a piece's worth to write when the piece is full.
constexpr std::string_view kLongModelName =
    "Qwen3.5-35B-A3B-a-model-name-longer-than-the-virtual-one";
std::string events_of_exact_size(std::size_t bytes, std::size_t& count) {
  const std::size_t overhead = content_event("", kLongModelName).size();
  std::string events;
  count = 0;
  while (bytes - events.size() >= 2 * 1024) {
    events += content_event(std::string(1024 - overhead, 'a'), kLongModelName);
    ++count;
  }
  events += content_event(std::string(bytes - events.size() - overhead, 'z'), kLongModelName);
  ++count;
  return events;
}

TEST(StreamPieces, APieceFilledExactlyIsRelayedWithoutWaitingForMore) {
  std::promise<void> head_seen;
  std::shared_future<void> client_has_head = head_seen.get_future().share();
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> rest_sent = false;
  std::size_t event_count = 0;
  const std::string piece = events_of_exact_size(kReadPieceBytes, event_count);
  ASSERT_EQ(piece.size(), kReadPieceBytes);
  OneShotBackend backend([&](auto& socket) {
    boost::system::error_code ec;
    // A body delimited by the end of the connection: its bytes reach the proxy's piece unframed.
    asio::write(socket,
                asio::buffer(std::string("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                         "Connection: close\r\n\r\n")),
                ec);
    // The proxy has relayed the head, so its buffer is empty when the piece arrives in one write.
    if (client_has_head.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return;
    asio::write(socket, asio::buffer(piece), ec);
    // A proxy that waits for more than the piece gets it after 10 s, and the test sees it waited.
    released.wait_for(std::chrono::seconds(10));
    rest_sent = true;
    asio::write(socket, asio::buffer(std::string("data: [DONE]\n\n")), ec);
  });
  RunningProxy proxy(proxy_config(backend.port()));
  HttpTestClient client(proxy.port());

  const auto head = client.start_stream("/v1/chat/completions", kStreamingChat);
  ASSERT_EQ(head.status, 200);
  head_seen.set_value();
  std::optional<std::string> last;
  for (std::size_t i = 0; i < event_count; ++i) last = client.next_event();
  EXPECT_FALSE(rest_sent) << "the proxy waited for more after a full piece";
  release.set_value();
  ASSERT_TRUE(last.has_value());
  EXPECT_NE(last->find("zzz"), std::string::npos) << *last;
  EXPECT_NE(last->find(R"("model":"qwen3.5-instruct-general")"), std::string::npos) << *last;
  EXPECT_NE(client.read_rest().find("data: [DONE]"), std::string::npos);
}

}  // namespace
}  // namespace qp::test
