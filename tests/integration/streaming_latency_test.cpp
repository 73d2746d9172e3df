// No buffering: each SSE event reaches the client while the backend is still generating the next.
// Checked causally (the generation is still running when the client holds the event), not by time.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"
#include "sse/sse_framer.hpp"

namespace qp::test {
namespace {

using StreamingLatency = ProxyFixture;

TEST_F(StreamingLatency, FirstEventArrivesBeforeTheSecondIsGenerated) {
  auto http = client();
  auto head = http.start_stream(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[{"role":"user","content":"hi"}]})",
      {{"x-sim-ttft-ms", "0"}, {"x-sim-tpot-ms", "500"}, {"x-sim-tokens", "3"}});
  ASSERT_EQ(head.status, 200);
  // The role chunk and the first token come at once; every later token is 500 ms apart.
  auto first = http.next_event();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(sim().stats().generations_completed, 0u) << "the proxy held events back";
  EXPECT_EQ(sim().stats().generations_running, 1u);
  const std::string rest = http.read_rest();
  EXPECT_NE(rest.find("data: [DONE]"), std::string::npos);
  EXPECT_TRUE(sim().wait_for_stats(
      [](const sim::StatsSnapshot& stats) { return stats.generations_completed == 1; },
      std::chrono::seconds(5)));
}

}  // namespace
}  // namespace qp::test
