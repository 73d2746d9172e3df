// The proxy records every request into its MetricsRegistry: requests by virtual model, API and
// status, tokens as the backend reported them in `usage`, open streams, client aborts, and the
// backend's failures; the exposition of what it recorded passes the strict Prometheus parser.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "metrics/metrics_test_support.hpp"
#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using RequestMetrics = ProxyFixture;
using metrics::Api;
using metrics::status_slot;
using metrics::UpstreamError;

constexpr const char* kThinking = "qwen3.5-thinking-general";
constexpr const char* kInstruct = "qwen3.5-instruct-general";
constexpr const char* kChat =
    R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kStreamingChatWithUsage =
    R"({"model":"qwen3.5-instruct-general","stream":true,"stream_options":{"include_usage":true},)"
    R"("messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kStreamingChat =
    R"({"model":"qwen3.5-thinking-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";

struct Usage {
  std::uint64_t prompt = 0;
  std::uint64_t completion = 0;
};

// The `usage` of a JSON answer or stream chunk; zeros when it has none.
Usage usage_of(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element usage;
  if (parser.parse(json)["usage"].get(usage) || !usage.is_object()) return {};
  return {std::uint64_t(usage["prompt_tokens"]), std::uint64_t(usage["completion_tokens"])};
}

// Requests counted over every model, API and status.
std::uint64_t total_requests(const metrics::MetricsSnapshot& snapshot) {
  std::uint64_t total = 0;
  for (std::uint32_t m = 0; m < snapshot.schema().model_count(); ++m) {
    for (std::size_t a = 0; a < metrics::kApiCount; ++a) {
      for (std::size_t slot = 0; slot < metrics::kStatusSlotCount; ++slot) {
        total += snapshot.requests({m}, static_cast<Api>(a), slot);
      }
    }
  }
  return total;
}

std::uint64_t all_upstream_errors(const metrics::MetricsSnapshot& snapshot) {
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < metrics::kUpstreamErrorCount; ++k) {
    total += snapshot.upstream_errors(static_cast<UpstreamError>(k));
  }
  return total;
}

TEST_F(RequestMetrics, KnownSequenceGivesExactCounts) {
  auto http = client();
  const auto first = http.post_json("/v1/chat/completions", kChat);
  const auto second = http.post_json("/v1/chat/completions", kChat);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);

  ASSERT_EQ(http.start_stream("/v1/chat/completions", kStreamingChatWithUsage).status, 200);
  Usage streamed;
  while (auto event = http.next_event()) {
    const std::size_t data = event->find("data: {");
    if (data != std::string::npos && event->find("\"usage\":{") != std::string::npos) {
      streamed = usage_of(std::string_view(*event).substr(data + 6));
    }
  }
  ASSERT_GT(streamed.completion, 0u) << "the stream reported no usage";

  EXPECT_EQ(
      http.post_json("/v1/chat/completions",
                     R"({"model":"no-such-model","messages":[{"role":"user","content":"x"}]})")
          .status,
      404);
  EXPECT_EQ(http.request("GET", "/health").status, 200);

  auto& registry = *proxy_->metrics();
  ASSERT_TRUE(proxy_->wait_for_finished_requests(5));
  EXPECT_EQ(total_requests(registry.snapshot()), 5u);
  const auto snapshot = registry.snapshot();
  const auto& schema = snapshot.schema();
  const auto thinking = schema.model_index(kThinking);
  const auto instruct = schema.model_index(kInstruct);
  const auto unmatched = schema.unmatched_model();

  EXPECT_EQ(snapshot.requests(thinking, Api::chat, status_slot(200)), 2u);
  EXPECT_EQ(snapshot.requests(instruct, Api::chat, status_slot(200)), 1u);
  EXPECT_EQ(snapshot.requests(unmatched, Api::chat, status_slot(404)), 1u);
  EXPECT_EQ(snapshot.requests(unmatched, Api::health, status_slot(200)), 1u);

  const Usage one = usage_of(first.body);
  const Usage two = usage_of(second.body);
  ASSERT_GT(one.prompt, 0u);
  EXPECT_EQ(snapshot.prompt_tokens(thinking), one.prompt + two.prompt);
  EXPECT_EQ(snapshot.completion_tokens(thinking), one.completion + two.completion);
  EXPECT_EQ(snapshot.prompt_tokens(instruct), streamed.prompt);
  EXPECT_EQ(snapshot.completion_tokens(instruct), streamed.completion);
  EXPECT_EQ(snapshot.prompt_tokens(unmatched), 0u);

  EXPECT_EQ(snapshot.request_duration(thinking).count(), 2u);
  EXPECT_EQ(snapshot.request_duration(unmatched).count(), 2u);
  EXPECT_EQ(snapshot.time_to_first_token(thinking).count(), 2u);
  EXPECT_EQ(snapshot.time_to_first_token(instruct).count(), 1u);
  EXPECT_EQ(snapshot.time_to_first_token(unmatched).count(), 0u);

  EXPECT_EQ(snapshot.streams_open(), 0);
  EXPECT_EQ(snapshot.client_aborts(thinking) + snapshot.client_aborts(instruct), 0u);
  EXPECT_EQ(all_upstream_errors(snapshot), 0u);
  // Three exchanges with the backend, on one kept-alive connection.
  EXPECT_EQ(snapshot.upstream_connections_opened(), 1u);
  EXPECT_EQ(snapshot.upstream_connections_reused(), 2u);
  EXPECT_EQ(snapshot.upstream_connections_failed(), 0u);
  EXPECT_EQ(snapshot.upstream_connections_open(), 1);

  const auto exposition = metrics::testing::scrape(registry);
  EXPECT_EQ(exposition.value("qwen35_proxy_requests_total",
                             {{"model", kThinking}, {"api", "chat"}, {"code", "200"}}),
            2.0);
  EXPECT_EQ(exposition.value("qwen35_proxy_requests_total",
                             {{"model", ""}, {"api", "chat"}, {"code", "404"}}),
            1.0);
  EXPECT_EQ(exposition.value("qwen35_proxy_completion_tokens_total", {{"model", kInstruct}}),
            static_cast<double>(streamed.completion));
  EXPECT_EQ(exposition.value("qwen35_proxy_streams_open"), 0.0);
}

TEST_F(RequestMetrics, SettingsAreCountedOnlyWhenTheRewriteAppliesThem) {
  // temperature sent (default not applied), top_p null (filled), the rest absent (filled);
  // enable_thinking is forced even though the client sent it.
  const std::string body =
      R"({"model":"qwen3.5-thinking-general","temperature":0.3,"top_p":null,)"
      R"("chat_template_kwargs":{"enable_thinking":false},"messages":[{"role":"user","content":"x"}]})";
  ASSERT_EQ(client().post_json("/v1/chat/completions", body).status, 200);
  // Completions apply no chat_template_kwargs; a preview sends nothing and counts nothing.
  ASSERT_EQ(client()
                .post_json("/v1/completions",
                           R"({"model":"qwen3.5-thinking-general","prompt":"x","top_k":5})")
                .status,
            200);
  ASSERT_EQ(client().post_json("/v1/profiles/preview", body).status, 200);
  // Tokenize applies chat_template_kwargs in messages mode only, and never sampling parameters.
  ASSERT_EQ(client()
                .post_json("/tokenize", R"({"model":"qwen3.5-thinking-general","prompt":"x"})")
                .status,
            200);
  ASSERT_EQ(client()
                .post_json("/tokenize", R"({"model":"qwen3.5-thinking-general",)"
                                        R"("messages":[{"role":"user","content":"x"}]})")
                .status,
            200);
  ASSERT_TRUE(proxy_->wait_for_finished_requests(5));

  const auto exposition = metrics::testing::scrape(*proxy_->metrics());
  const auto applied = [&](const std::string& param, const std::string& rule) {
    return exposition.value("qwen35_proxy_params_applied_total",
                            {{"param", param}, {"rule", rule}});
  };
  EXPECT_EQ(applied("temperature", "default"), 1.0);  // by the completion only
  EXPECT_EQ(applied("top_p", "default"), 2.0);
  EXPECT_EQ(applied("top_k", "default"), 1.0);  // by the chat only
  EXPECT_EQ(applied("presence_penalty", "default"), 2.0);
  EXPECT_EQ(applied("chat_template_kwargs.enable_thinking", "force"), 2.0);  // chat, tokenize
  EXPECT_EQ(exposition.value("qwen35_proxy_requests_total",
                             {{"model", kThinking}, {"api", "preview"}, {"code", "200"}}),
            1.0);
}

TEST_F(RequestMetrics, ClientLeavingMidStreamCountsAnAbortAndClosesTheStream) {
  auto http = client();
  ASSERT_EQ(http.start_stream("/v1/chat/completions", kStreamingChat,
                              {{"x-sim-tokens", "1000"}, {"x-sim-tpot-ms", "20"}})
                .status,
            200);
  ASSERT_TRUE(http.next_event().has_value());
  ASSERT_TRUE(http.next_event().has_value());
  http.disconnect();

  auto& registry = *proxy_->metrics();
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  EXPECT_EQ(total_requests(registry.snapshot()), 1u);
  const auto snapshot = registry.snapshot();
  const auto thinking = snapshot.schema().model_index(kThinking);
  EXPECT_EQ(snapshot.client_aborts(thinking), 1u);
  EXPECT_EQ(snapshot.requests(thinking, Api::chat, status_slot(200)), 1u);  // the head was sent
  EXPECT_EQ(snapshot.streams_open(), 0);
  EXPECT_EQ(snapshot.upstream_connections_open(), 0);  // closed, so that vLLM aborts
  EXPECT_EQ(all_upstream_errors(snapshot), 0u);  // the client left; the backend did nothing wrong
  metrics::testing::scrape(registry);
}

TEST_F(RequestMetrics, DeadBackendCountsAnUnreachableUpstream) {
  proxy_ = std::make_unique<RunningProxy>(proxy_config(closed_port()));
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat).status, 502);

  auto& registry = *proxy_->metrics();
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  EXPECT_EQ(total_requests(registry.snapshot()), 1u);
  const auto snapshot = registry.snapshot();
  EXPECT_EQ(snapshot.upstream_errors(UpstreamError::unreachable), 1u);
  EXPECT_EQ(all_upstream_errors(snapshot), 1u);
  EXPECT_EQ(snapshot.upstream_connections_failed(), 1u);
  EXPECT_EQ(snapshot.upstream_connections_opened(), 0u);
  EXPECT_EQ(
      snapshot.requests(snapshot.schema().model_index(kThinking), Api::chat, status_slot(502)), 1u);
  metrics::testing::scrape(registry);
}

TEST_F(RequestMetrics, SilentBackendCountsAnUpstreamTimeout) {
  Config config = proxy_config(0);
  config.backend_timeout = std::chrono::milliseconds(300);
  start_with(fast_sim_options(), config);
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", kChat, {{"x-sim-fault", "stall-before-headers"}})
                .status,
            504);

  auto& registry = *proxy_->metrics();
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  EXPECT_EQ(total_requests(registry.snapshot()), 1u);
  const auto snapshot = registry.snapshot();
  EXPECT_EQ(snapshot.upstream_errors(UpstreamError::timeout), 1u);
  EXPECT_EQ(all_upstream_errors(snapshot), 1u);
  EXPECT_EQ(
      snapshot.requests(snapshot.schema().model_index(kThinking), Api::chat, status_slot(504)), 1u);
}

TEST_F(RequestMetrics, HeadsRefusedWhileReadAreCountedByStatus) {
  Config config = proxy_config(0);
  config.client_header_timeout = std::chrono::milliseconds(200);
  start_with(fast_sim_options(), config);
  const std::string too_large = client().raw_exchange(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(80 * 1024, 'a') +
      "\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_EQ(too_large.rfind("HTTP/1.1 431", 0), 0u) << too_large.substr(0, 200);
  const std::string too_slow = client().raw_exchange("GET /health HTTP/1.1\r\nHost: x\r\n");
  ASSERT_EQ(too_slow.rfind("HTTP/1.1 408", 0), 0u) << too_slow;

  // Each refusal is counted before its connection closes, which raw_exchange waited for.
  const auto snapshot = proxy_->metrics()->snapshot();
  const auto unmatched = snapshot.schema().unmatched_model();
  EXPECT_EQ(total_requests(snapshot), 2u);
  EXPECT_EQ(snapshot.requests(unmatched, Api::chat, status_slot(431)), 1u);
  EXPECT_EQ(snapshot.requests(unmatched, Api::health, status_slot(408)), 1u);
  EXPECT_EQ(snapshot.request_duration(unmatched).count(), 0u);  // they never began
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(RequestMetrics, EveryServerThreadRecordsIntoItsOwnRecorder) {
  Config config = proxy_config(0);
  config.threads = 3;
  start_with(fast_sim_options(), config);
  auto& registry = *proxy_->metrics();
  ASSERT_EQ(registry.thread_count(), 3u);
  constexpr std::size_t kRequests = 12;
  for (std::size_t i = 0; i < kRequests; ++i) {
    auto http = client();  // a connection of its own, accepted by any of the threads
    EXPECT_EQ(http.post_json("/v1/chat/completions", kChat).status, 200);
  }
  ASSERT_TRUE(proxy_->wait_for_finished_requests(kRequests));
  const auto snapshot = registry.snapshot();
  EXPECT_EQ(total_requests(snapshot), kRequests);
  EXPECT_EQ(
      snapshot.requests(snapshot.schema().model_index(kThinking), Api::chat, status_slot(200)),
      kRequests);
}

TEST_F(RequestMetrics, ProxyWithoutRegistryServesAndRecordsNothing) {
  start_with(fast_sim_options(), proxy_config(0), WithMetrics::no);
  ASSERT_EQ(proxy_->metrics(), nullptr);
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat).status, 200);
  EXPECT_EQ(client().request("GET", "/health").status, 200);
}

}  // namespace
}  // namespace qp::test
