// Tests of recording: a known sequence of events gives exactly the expected exposition values,
// recorders on several threads add up, and gauges follow the tokens that hold them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "metrics_test_support.hpp"

namespace qp::metrics::testing {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

double bucket(const Exposition& e, std::string_view model, std::string_view le) {
  return e
      .value("qwen35_proxy_request_duration_seconds_bucket",
             {{"model", std::string(model)}, {"le", std::string(le)}})
      .value_or(-1);
}

TEST(MetricsRecording, KnownSequenceGivesExactValues) {
  MetricsRegistry registry(two_profiles(), 1);
  ThreadMetrics& m = registry.recorder(0);
  const MetricsSchema& schema = registry.schema();
  const ModelIndex thinking = schema.model_index("thinking");
  const ModelIndex instruct = schema.model_index("instruct");
  const ModelIndex unmatched = schema.model_index("not-configured");

  m.count_request(thinking, Api::chat, 200);
  m.count_request(thinking, Api::chat, 200);
  m.count_request(thinking, Api::chat, 400);
  m.count_request(thinking, Api::chat, 499);
  m.count_request(instruct, Api::completions, 200);
  m.count_request(unmatched, Api::passthrough, 404);
  m.count_request(unmatched, Api::passthrough, 418);
  m.observe_request_duration(thinking, milliseconds(30));  // in le="0.05", not le="0.025"
  m.observe_request_duration(thinking, milliseconds(50));  // exactly on a bound: le="0.05"
  m.observe_request_duration(thinking, seconds(700));      // above every bound: +Inf only
  m.observe_request_duration(instruct, microseconds(-5));  // clamped to 0: first bucket
  m.observe_time_to_first_token(thinking, microseconds(1'200'001));
  m.count_tokens(thinking, 10, 20);
  m.count_tokens(thinking, 5, 7);
  m.count_client_abort(thinking);
  m.count_upstream_error(UpstreamError::timeout);
  m.count_upstream_error(UpstreamError::unreachable);
  m.count_upstream_error(UpstreamError::unreachable);
  for (int i = 0; i < 3; ++i) {
    m.count_param_applied(
        *schema.param_slot(ParamScope::request, "temperature", FieldRule::fill_default));
  }
  m.count_param_applied(
      *schema.param_slot(ParamScope::chat_template_kwargs, "enable_thinking", FieldRule::force));
  OpenGauge kept = m.track_new_upstream_connection();
  { OpenGauge closed = m.track_new_upstream_connection(); }
  m.count_upstream_connection_reused();
  m.count_upstream_connection_failed();
  OpenGauge stream_a = m.track_stream();
  OpenGauge stream_b = m.track_stream();
  stream_b.release();

  const Exposition e = scrape(registry);
  const auto requests = [&](std::string model, std::string api, std::string code) {
    return e.value(
        "qwen35_proxy_requests_total",
        {{"model", std::move(model)}, {"api", std::move(api)}, {"code", std::move(code)}});
  };
  EXPECT_EQ(requests("thinking", "chat", "200"), 2);
  EXPECT_EQ(requests("thinking", "chat", "400"), 1);
  EXPECT_EQ(requests("thinking", "chat", "499"), 1);
  EXPECT_EQ(requests("instruct", "completions", "200"), 1);
  EXPECT_EQ(requests("", "passthrough", "404"), 1);
  EXPECT_EQ(requests("", "passthrough", "4xx"), 1);
  EXPECT_EQ(requests("instruct", "chat", "200"), std::nullopt);  // never seen: no series
  EXPECT_EQ(e.family("qwen35_proxy_requests_total")->samples.size(), 6u);

  EXPECT_EQ(bucket(e, "thinking", "0.025"), 0);
  EXPECT_EQ(bucket(e, "thinking", "0.05"), 2);
  EXPECT_EQ(bucket(e, "thinking", "600"), 2);
  EXPECT_EQ(bucket(e, "thinking", "+Inf"), 3);
  EXPECT_EQ(e.value("qwen35_proxy_request_duration_seconds_count", {{"model", "thinking"}}), 3);
  EXPECT_EQ(e.value("qwen35_proxy_request_duration_seconds_sum", {{"model", "thinking"}}), 700.08);
  EXPECT_EQ(bucket(e, "instruct", "0.025"), 1);
  EXPECT_EQ(e.value("qwen35_proxy_request_duration_seconds_sum", {{"model", "instruct"}}), 0);
  EXPECT_EQ(bucket(e, "", "+Inf"), -1);  // the unmatched slot has no durations: no series
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_bucket",
                    {{"model", "thinking"}, {"le", "1"}}),
            0);
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_bucket",
                    {{"model", "thinking"}, {"le", "2.5"}}),
            1);
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_sum", {{"model", "thinking"}}),
            1.200001);

  EXPECT_EQ(e.value("qwen35_proxy_prompt_tokens_total", {{"model", "thinking"}}), 15);
  EXPECT_EQ(e.value("qwen35_proxy_completion_tokens_total", {{"model", "thinking"}}), 27);
  EXPECT_EQ(e.value("qwen35_proxy_completion_tokens_total", {{"model", "instruct"}}), 0);
  EXPECT_EQ(e.value("qwen35_proxy_client_aborts_total", {{"model", "thinking"}}), 1);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_errors_total", {{"kind", "unreachable"}}), 2);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_errors_total", {{"kind", "timeout"}}), 1);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_errors_total", {{"kind", "broken"}}), 0);
  EXPECT_EQ(
      e.value("qwen35_proxy_params_applied_total", {{"param", "temperature"}, {"rule", "default"}}),
      3);
  EXPECT_EQ(e.value("qwen35_proxy_params_applied_total",
                    {{"param", "chat_template_kwargs.enable_thinking"}, {"rule", "force"}}),
            1);
  EXPECT_EQ(e.value("qwen35_proxy_params_applied_total",
                    {{"param", "presence_penalty"}, {"rule", "strip"}}),
            0);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_connections_open"), 1);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_connections_opened_total"), 2);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_connections_reused_total"), 1);
  EXPECT_EQ(e.value("qwen35_proxy_upstream_connections_failed_total"), 1);
  EXPECT_EQ(e.value("qwen35_proxy_streams_open"), 1);
}

TEST(MetricsRecording, GaugeTokensReleaseOnceWhetherMovedOrReleased) {
  MetricsRegistry registry(two_profiles(), 1);
  ThreadMetrics& m = registry.recorder(0);
  OpenGauge a = m.track_stream();
  OpenGauge b = std::move(a);
  EXPECT_EQ(registry.snapshot().streams_open(), 1);
  b.release();
  b.release();
  EXPECT_EQ(registry.snapshot().streams_open(), 0);
  OpenGauge c = m.track_stream();
  c = m.track_stream();  // the first token is dropped by the assignment
  EXPECT_EQ(registry.snapshot().streams_open(), 1);
}

TEST(MetricsAggregation, RecordersOnTwoThreadsAddUp) {
  MetricsRegistry registry(two_profiles(), 2);
  const ModelIndex thinking = registry.schema().model_index("thinking");
  constexpr int kPerThread = 20000;
  auto work = [&](std::size_t index) {
    ThreadMetrics& m = registry.recorder(index);
    for (int i = 0; i < kPerThread; ++i) {
      m.count_request(thinking, Api::chat, 200);
      m.observe_request_duration(thinking, milliseconds(index == 0 ? 100 : 1000));
      m.count_tokens(thinking, 1, 2);
    }
  };
  // A scraper running meanwhile must see counts only grow (and, under tsan, no data race).
  std::atomic<bool> done{false};
  std::uint64_t last_seen = 0;
  bool monotonic = true;
  std::thread scraper([&] {
    while (!done.load()) {
      const std::uint64_t now = registry.snapshot().requests(thinking, Api::chat, status_slot(200));
      monotonic = monotonic && now >= last_seen;
      last_seen = now;
    }
  });
  std::thread first(work, 0);
  std::thread second(work, 1);
  first.join();
  second.join();
  done = true;
  scraper.join();
  EXPECT_TRUE(monotonic);

  const Exposition e = scrape(registry);
  EXPECT_EQ(e.value("qwen35_proxy_requests_total",
                    {{"model", "thinking"}, {"api", "chat"}, {"code", "200"}}),
            2 * kPerThread);
  EXPECT_EQ(bucket(e, "thinking", "0.1"), kPerThread);
  EXPECT_EQ(bucket(e, "thinking", "1"), 2 * kPerThread);
  EXPECT_EQ(e.value("qwen35_proxy_request_duration_seconds_sum", {{"model", "thinking"}}),
            22000.0);  // 20000 x 0.1 s + 20000 x 1 s, summed in exact microseconds
  EXPECT_EQ(e.value("qwen35_proxy_prompt_tokens_total", {{"model", "thinking"}}), kPerThread * 2);
  EXPECT_EQ(e.value("qwen35_proxy_completion_tokens_total", {{"model", "thinking"}}),
            kPerThread * 4);
}

TEST(MetricsAggregation, GaugesSumOverRecorders) {
  MetricsRegistry registry(two_profiles(), 2);
  OpenGauge on_first = registry.recorder(0).track_stream();
  OpenGauge on_second = registry.recorder(1).track_stream();
  OpenGauge connection = registry.recorder(1).track_new_upstream_connection();
  EXPECT_EQ(registry.snapshot().streams_open(), 2);
  EXPECT_EQ(registry.snapshot().upstream_connections_open(), 1);
  on_first.release();
  EXPECT_EQ(registry.snapshot().streams_open(), 1);
}

}  // namespace
}  // namespace qp::metrics::testing
