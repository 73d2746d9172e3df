// Upstream keep-alive: connections are reused, and a connection the backend closed between
// requests never shows up as a client-visible error, whatever the route; a body relayed as it
// arrives (which could not be sent again) never goes on a reused connection.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using UpstreamPoolTest = ProxyFixture;

constexpr const char* kChat =
    R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";

TEST_F(UpstreamPoolTest, SequentialRequestsReuseAtMostTwoConnections) {
  auto http = client();
  for (int i = 0; i < 100; ++i) {
    auto response = http.post_json("/v1/chat/completions", kChat);
    ASSERT_EQ(response.status, 200) << "request " << i << ": " << response.body;
  }
  EXPECT_LE(sim().stats().connections_accepted, 2u);
  EXPECT_EQ(sim().stats().requests, 100u);
}

TEST_F(UpstreamPoolTest, BackendClosingBetweenRequestsCausesNoClientError) {
  auto http = client();
  for (int i = 0; i < 30; ++i) {
    auto response =
        http.post_json("/v1/chat/completions", kChat, {{"x-sim-fault", "close-between-requests"}});
    ASSERT_EQ(response.status, 200) << "request " << i << ": " << response.body;
  }
  // The simulator counts a generation just after its last byte is written: wait for the count.
  EXPECT_TRUE(sim().wait_for_stats(
      [](const sim::StatsSnapshot& stats) { return stats.generations_completed == 30; },
      std::chrono::seconds(5)));
}

TEST_F(UpstreamPoolTest, StreamsReuseConnectionsToo) {
  auto http = client();
  for (int i = 0; i < 20; ++i) {
    http.start_stream("/v1/chat/completions",
                      R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[]})");
    const std::string all = http.read_rest();
    ASSERT_NE(all.find("data: [DONE]"), std::string::npos) << all;
  }
  EXPECT_LE(sim().stats().connections_accepted, 2u);
}

// A path the proxy passes through untouched (vLLM serves it; the simulator answers 404).
constexpr const char* kPassThroughPath = "/v1/embeddings";
constexpr const char* kEmbeddingsBody = R"({"model":"Qwen3.5-35B-A3B","input":"hello"})";

TEST_F(UpstreamPoolTest, PassThroughBodiesSurviveABackendClosingBetweenRequests) {
  const int expected = sim_client().post_json(kPassThroughPath, kEmbeddingsBody).status;
  ASSERT_NE(expected, 502);
  auto http = client();
  for (int i = 0; i < 30; ++i) {
    auto response = http.post_json(kPassThroughPath, kEmbeddingsBody,
                                   {{"x-sim-fault", "close-between-requests"}});
    ASSERT_EQ(response.status, expected) << "request " << i << ": " << response.body;
  }
  EXPECT_EQ(last_upstream_body(), kEmbeddingsBody);
}

TEST_F(UpstreamPoolTest, ChunkedPassThroughBodyGoesOnAFreshConnection) {
  auto http = client();
  ASSERT_EQ(http.post_json("/v1/chat/completions", kChat).status, 200);
  ASSERT_EQ(sim().stats().connections_accepted, 1u);  // now idle in the pool
  const std::string answer =
      http.raw_exchange(std::string("POST ") + kPassThroughPath +
                        " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        "a\r\n{\"input\":\"\r\n8\r\nchunked\"\r\n1\r\n}\r\n0\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 ", 0), 0u) << answer;
  EXPECT_EQ(answer.find("HTTP/1.1 502"), std::string::npos) << answer;
  EXPECT_EQ(sim().stats().connections_accepted, 2u)
      << "the chunked body went on a reused connection";
  EXPECT_EQ(last_upstream_body(), R"({"input":"chunked"})");
}

}  // namespace
}  // namespace qp::test
