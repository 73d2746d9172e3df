// Upstream keep-alive: connections are reused, and a connection the backend closed between
// requests never shows up as a client-visible error.
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

}  // namespace
}  // namespace qp::test
