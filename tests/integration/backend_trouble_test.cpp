// Backend trouble becomes a clear answer: 502 when it cannot be reached, 504 when it says nothing
// in time, and an error event with [DONE] and a clean end of stream when it dies mid-stream.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "proxy_fixture.hpp"
#include "sse/sse_framer.hpp"

namespace qp::test {
namespace {

using BackendTrouble = ProxyFixture;

constexpr const char* kChat =
    R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kStreamingChat =
    R"({"model":"qwen3.5-thinking-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";

std::string error_type_of(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element error;
  if (parser.parse(body)["error"].get(error)) return "";
  return std::string(std::string_view(error["type"]));
}

// The data of every event from here to the end of the stream.
std::vector<std::string> data_to_the_end(HttpTestClient& http) {
  std::vector<std::string> data;
  while (auto event = http.next_event()) {
    if (auto payload = event_data(*event)) data.push_back(*payload);
  }
  return data;
}

// A stream the backend cut short: good events first, then an error event and [DONE].
void expect_cut_short_with_error_and_done(const std::vector<std::string>& data) {
  ASSERT_GE(data.size(), 3u);
  EXPECT_EQ(data[0].find("\"error\""), std::string::npos) << data[0];
  EXPECT_NE(data[data.size() - 2].find("{\"error\": {"), std::string::npos)
      << data[data.size() - 2];
  EXPECT_EQ(data.back(), "[DONE]");
}

TEST_F(BackendTrouble, ConnectionRefusedIs502WithErrorBody) {
  proxy_ = std::make_unique<RunningProxy>(proxy_config(closed_port()));
  auto response = client().post_json("/v1/chat/completions", kChat);
  EXPECT_EQ(response.status, 502);
  EXPECT_EQ(error_type_of(response.body), "backend_error") << response.body;
}

TEST_F(BackendTrouble, NoResponseHeadersWithinTimeoutIs504) {
  Config config = proxy_config(0);
  config.backend_timeout = std::chrono::milliseconds(300);
  start_with(fast_sim_options(), config);
  auto response =
      client().post_json("/v1/chat/completions", kChat, {{"x-sim-fault", "stall-before-headers"}});
  EXPECT_EQ(response.status, 504);
  EXPECT_EQ(error_type_of(response.body), "timeout_error") << response.body;
}

TEST_F(BackendTrouble, BackendGoneMidStreamEndsWithErrorEventAndDone) {
  auto http = client();
  auto head = http.start_stream("/v1/chat/completions", kStreamingChat,
                                {{"x-sim-fault", "drop-after-events=5"}});
  ASSERT_EQ(head.status, 200);
  const std::vector<std::string> data = data_to_the_end(http);
  ASSERT_GE(data.size(), 7u);
  expect_cut_short_with_error_and_done(data);
  // The chunked body was terminated properly: the same connection serves the next request.
  auto next = http.post_json("/v1/chat/completions", kChat);
  EXPECT_EQ(next.status, 200);
}

TEST_F(BackendTrouble, SilenceMidStreamLongerThanTheTimeoutEndsTheStreamAndTheGeneration) {
  Config config = proxy_config(0);
  config.backend_timeout = std::chrono::milliseconds(300);
  start_with(fast_sim_options(), config);
  auto http = client();
  // The first token at once, the next one only after 30 s: far past the 300 ms between reads.
  auto head = http.start_stream(
      "/v1/chat/completions", kStreamingChat,
      {{"x-sim-ttft-ms", "0"}, {"x-sim-tpot-ms", "30000"}, {"x-sim-tokens", "3"}});
  ASSERT_EQ(head.status, 200);
  const std::vector<std::string> data = data_to_the_end(http);
  ASSERT_GE(data.size(), 3u);
  expect_cut_short_with_error_and_done(data);
  // The proxy closed the backend connection: the simulator stops generating.
  EXPECT_TRUE(sim().wait_for_stats(
      [](const sim::StatsSnapshot& stats) { return stats.generations_aborted == 1; },
      std::chrono::seconds(10)));
}

TEST_F(BackendTrouble, BackendErrorEventInStreamIsForwarded) {
  auto http = client();
  http.start_stream("/v1/chat/completions", kStreamingChat,
                    {{"x-sim-fault", "error-event-after=3"}});
  const std::string all = http.read_rest();
  EXPECT_NE(all.find("data: {\"error\": {\"message\": \"Internal server error\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("data: [DONE]\n\n"), std::string::npos);
}

}  // namespace
}  // namespace qp::test
