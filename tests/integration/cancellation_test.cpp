// A client that goes away aborts the generation in vLLM: mid-stream, while waiting for the first
// token, and while waiting for a non-streaming answer. The simulator counts aborted generations.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using Cancellation = ProxyFixture;
using std::chrono::milliseconds;

constexpr const char* kChat =
    R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kStreamingChat =
    R"({"model":"qwen3.5-thinking-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";

bool one_aborted(const sim::StatsSnapshot& stats) { return stats.generations_aborted == 1; }
bool one_started(const sim::StatsSnapshot& stats) { return stats.generations_started == 1; }

TEST_F(Cancellation, ClientLeavingMidStreamAbortsGeneration) {
  auto http = client();
  http.start_stream("/v1/chat/completions", kStreamingChat,
                    {{"x-sim-tokens", "1000"}, {"x-sim-tpot-ms", "20"}});
  ASSERT_TRUE(http.next_event().has_value());
  ASSERT_TRUE(http.next_event().has_value());
  http.disconnect();
  EXPECT_TRUE(sim().wait_for_stats(one_aborted, milliseconds(1000)));
  EXPECT_EQ(sim().stats().generations_completed, 0u);
}

TEST_F(Cancellation, ClientLeavingBeforeFirstTokenAbortsGeneration) {
  auto http = client();
  // The head arrives only with the first token, so send and leave without reading anything.
  std::thread sender([&] {
    try {
      http.start_stream("/v1/chat/completions", kStreamingChat, {{"x-sim-ttft-ms", "30000"}});
    } catch (const std::exception&) {
      // expected: the connection is closed under the read
    }
  });
  ASSERT_TRUE(sim().wait_for_stats(one_started, milliseconds(5000)));
  http.shutdown_from_other_thread();
  sender.join();
  http.disconnect();
  EXPECT_TRUE(sim().wait_for_stats(one_aborted, milliseconds(1000)));
}

TEST_F(Cancellation, ClientLeavingDuringNonStreamingWaitAbortsGeneration) {
  auto http = client();
  std::thread sender([&] {
    try {
      http.post_json("/v1/chat/completions", kChat,
                     {{"x-sim-tokens", "1000"}, {"x-sim-tpot-ms", "50"}});
    } catch (const std::exception&) {
      // expected: the connection is closed under the read
    }
  });
  ASSERT_TRUE(sim().wait_for_stats(one_started, milliseconds(5000)));
  http.shutdown_from_other_thread();
  sender.join();
  http.disconnect();
  EXPECT_TRUE(sim().wait_for_stats(one_aborted, milliseconds(1000)));
}

}  // namespace
}  // namespace qp::test
