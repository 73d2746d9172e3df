// The proxy behaves like well-mannered HTTP infrastructure: hop-by-hop headers stop here, the
// backend learns who asked, and odd but legal clients (HEAD, HTTP/1.0, pipelining) are served.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using HttpManners = ProxyFixture;

constexpr const char* kChat =
    R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";

TEST_F(HttpManners, HopByHopHeadersAreNotForwardedAndForwardingHeadersAreAdded) {
  auto response = client().post_json("/v1/chat/completions", kChat,
                                     {{"Connection", "keep-alive, X-Private-Hop"},
                                      {"X-Private-Hop", "secret"},
                                      {"Keep-Alive", "timeout=5"},
                                      {"TE", "trailers"},
                                      {"X-End-To-End", "kept"},
                                      {"X-Forwarded-For", "10.1.2.3"}});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(last_upstream_header("x-private-hop"), "");
  EXPECT_EQ(last_upstream_header("keep-alive"), "");
  EXPECT_EQ(last_upstream_header("te"), "");
  EXPECT_EQ(last_upstream_header("x-end-to-end"), "kept");
  EXPECT_EQ(last_upstream_header("x-forwarded-for"), "10.1.2.3, 127.0.0.1");
  EXPECT_EQ(last_upstream_header("x-forwarded-proto"), "http");
  EXPECT_EQ(last_upstream_header("host"), "127.0.0.1:" + std::to_string(sim().port()));
  EXPECT_EQ(response.header("keep-alive"), "");
}

TEST_F(HttpManners, OversizedHeadersGet431) {
  const std::string big(80 * 1024, 'a');
  const std::string answer = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "X-Big: " +
      big + "\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(HttpManners, SlowHeadersGet408AndTheConnectionCloses) {
  Config config = proxy_config(0);
  config.client_header_timeout = std::chrono::milliseconds(200);
  start_with(fast_sim_options(), config);
  // Half a request head, then nothing: the proxy answers 408 and closes (raw_exchange reads to
  // EOF).
  const std::string answer =
      client().raw_exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
}

TEST_F(HttpManners, HeadIsAnsweredWithoutBody) {
  const std::string answer =
      client().raw_exchange("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_NE(answer.find("Content-Length: 20"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("healthy"), std::string::npos) << answer;
}

TEST_F(HttpManners, Http10ClientGetsACloseDelimitedStream) {
  const std::string body =
      R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";
  const std::string answer = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(answer.rfind("HTTP/1.0 200", 0), 0u) << answer;
  EXPECT_EQ(answer.find("Transfer-Encoding"), std::string::npos) << answer;
  EXPECT_NE(answer.find("data: [DONE]\n\n"), std::string::npos) << answer;
}

TEST_F(HttpManners, PipelinedRequestsAreAnsweredInOrder) {
  const std::string body = kChat;
  const std::string one_request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  const std::string last = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string answer = client().raw_exchange(one_request + one_request + last);
  const auto first = answer.find("HTTP/1.1 200");
  const auto second = answer.find("HTTP/1.1 200", first + 1);
  const auto third = answer.find("HTTP/1.1 200", second + 1);
  ASSERT_NE(third, std::string::npos) << answer;
  EXPECT_NE(answer.find("chat.completion", first), std::string::npos);
  EXPECT_NE(answer.find(R"({"status":"healthy"})", third), std::string::npos);
  EXPECT_EQ(sim().stats().requests, 2u);
}

TEST_F(HttpManners, ConnectionHeaderFollowsTheClientsKeepAlive) {
  const std::string body = kChat;
  const std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  // HTTP/1.0 asking for keep-alive gets it, then a plain HTTP/1.0 request ends the connection.
  const std::string http10 = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n"
      "Content-Type: application/json\r\n" +
      length + body + "GET /health HTTP/1.0\r\nHost: x\r\n\r\n");
  const auto second = http10.find("HTTP/1.0 200", 1);
  ASSERT_EQ(http10.rfind("HTTP/1.0 200", 0), 0u) << http10;
  ASSERT_NE(second, std::string::npos) << http10;
  EXPECT_NE(http10.substr(0, second).find("Connection: keep-alive\r\n"), std::string::npos)
      << http10;
  EXPECT_EQ(http10.find("Connection:", second), std::string::npos) << http10;
  // HTTP/1.1 asking to close gets "Connection: close" on the rewritten answer.
  const std::string http11 = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Content-Type: application/json\r\n" +
      length + body);
  EXPECT_EQ(http11.rfind("HTTP/1.1 200", 0), 0u) << http11;
  EXPECT_NE(http11.find("Connection: close\r\n"), std::string::npos) << http11;
}

TEST_F(HttpManners, ExpectContinueIsHonoured) {
  const std::string body = kChat;
  const std::string answer = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(answer.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200", 0), 0u) << answer;
}

}  // namespace
}  // namespace qp::test
