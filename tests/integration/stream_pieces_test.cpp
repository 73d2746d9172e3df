// Events that arrive together are relayed together, and never held back for bytes still to come:
// a backend write with two whole events and the first byte of a third chunk's size line (nothing
// the parser can use yet) gets the two to the client while the backend still holds the rest
// (checked causally, not by time).
#include <gtest/gtest.h>

#include <boost/asio/write.hpp>
#include <future>
#include <string>

#include "one_shot_backend.hpp"
#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

namespace asio = boost::asio;

std::string content_event(const std::string& text) {
  return R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":")" +
         std::string(kServedModel) + R"(","choices":[{"index":0,"delta":{"content":")" + text +
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

  const auto head = client.start_stream(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[{"role":"user","content":"hi"}]})");
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

}  // namespace
}  // namespace qp::test
