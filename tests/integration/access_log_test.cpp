// One access-log line per request, at INFO, for answers that went well and for those that did
// not (client gone, backend dead, backend silent), in logfmt or JSON; never a credential.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

constexpr const char* kChat =
    R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kStreamingChat =
    R"({"model":"qwen3.5-thinking-general","stream":true,"messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kSecret = "sk-never-logged-4f9a";

// The proxy under test with its log captured: the default logger writes only the message text
// into a ring buffer for the duration of each test.
class AccessLog : public ProxyFixture {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000);
    sink_->set_pattern("%v");
    auto logger = std::make_shared<spdlog::logger>("access-log-test", sink_);
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
    ProxyFixture::SetUp();
  }
  void TearDown() override {
    proxy_.reset();  // no request logs into the sink any more
    spdlog::set_default_logger(previous_);
  }

  // The line of the request with this id; "" when there is none.
  std::string line_of(const std::string& request_id) {
    const std::string key = "request_id=" + request_id + " ";
    const std::string json_key = "\"request_id\":\"" + request_id + "\"";
    for (std::string line : sink_->last_formatted()) {
      if (line.find(key) != std::string::npos || line.find(json_key) != std::string::npos) {
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        return line;
      }
    }
    return "";
  }

  bool anything_logged_contains(std::string_view text) {
    for (const std::string& line : sink_->last_formatted()) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }

  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

void expect_contains(const std::string& line, std::string_view part) {
  EXPECT_NE(line.find(part), std::string::npos) << part << " not in: " << line;
}

TEST_F(AccessLog, AnsweredRequestHasEveryFieldAndNoCredential) {
  auto answer = client().post_json("/v1/chat/completions?api_key=" + std::string(kSecret), kChat,
                                   {{"x-request-id", "ok-1"},
                                    {"authorization", "Bearer " + std::string(kSecret)},
                                    {"x-api-key", kSecret}});
  ASSERT_EQ(answer.status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element usage = parser.parse(answer.body)["usage"];

  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("ok-1");
  ASSERT_FALSE(line.empty());
  EXPECT_TRUE(
      line.starts_with("request_id=ok-1 client=127.0.0.1 method=POST "
                       "path=\"/v1/chat/completions?api_key=[REDACTED]\" "
                       "model=qwen3.5-thinking-general profile=qwen3.5-thinking-general "
                       "status=200 bytes_in="))
      << line;
  expect_contains(line, " bytes_out=" + std::to_string(answer.body.size()) + " duration_ms=");
  expect_contains(
      line, " sse_events=0 prompt_tokens=" + std::to_string(std::uint64_t(usage["prompt_tokens"])) +
                " completion_tokens=" + std::to_string(std::uint64_t(usage["completion_tokens"])) +
                " outcome=ok");
  EXPECT_EQ(line.find("ttfb_ms= "), std::string::npos) << line;  // both known
  EXPECT_EQ(line.find("ttft_ms= "), std::string::npos) << line;
  EXPECT_FALSE(anything_logged_contains(kSecret));
}

TEST_F(AccessLog, ClientLeavingMidStreamIsClientAborted) {
  auto http = client();
  ASSERT_EQ(
      http.start_stream(
              "/v1/chat/completions", kStreamingChat,
              {{"x-request-id", "abort-1"}, {"x-sim-tokens", "1000"}, {"x-sim-tpot-ms", "20"}})
          .status,
      200);
  ASSERT_TRUE(http.next_event().has_value());
  ASSERT_TRUE(http.next_event().has_value());
  http.disconnect();

  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("abort-1");
  ASSERT_FALSE(line.empty());
  expect_contains(line, " status=200 ");
  expect_contains(line, " outcome=client_aborted");
  EXPECT_EQ(line.find(" sse_events=0 "), std::string::npos) << line;
  EXPECT_EQ(line.find(" ttft_ms= "), std::string::npos) << line;  // tokens did reach it
}

TEST_F(AccessLog, DeadBackendIsBackendError) {
  proxy_ = std::make_unique<RunningProxy>(proxy_config(closed_port()));
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat, {{"x-request-id", "dead-1"}}).status,
            502);
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("dead-1");
  ASSERT_FALSE(line.empty());
  expect_contains(line, " status=502 ");
  expect_contains(line, " ttft_ms= sse_events=0 prompt_tokens= completion_tokens= ");
  expect_contains(line, " outcome=backend_error");
}

TEST_F(AccessLog, SilentBackendIsTimeout) {
  Config config = proxy_config(0);
  config.backend_timeout = std::chrono::milliseconds(300);
  start_with(fast_sim_options(), config);
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", kChat,
                           {{"x-request-id", "slow-1"}, {"x-sim-fault", "stall-before-headers"}})
                .status,
            504);
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("slow-1");
  ASSERT_FALSE(line.empty());
  expect_contains(line, " status=504 ");
  expect_contains(line, " outcome=timeout");
}

TEST_F(AccessLog, RejectedRequestIsRejected) {
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", R"({"model":"no-such-model","messages":[]})",
                           {{"x-request-id", "bad-1"}})
                .status,
            404);
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("bad-1");  // the client's id, though nothing was forwarded
  ASSERT_FALSE(line.empty());
  expect_contains(line, " model=no-such-model profile=\"\" status=404 ");
  expect_contains(line, " outcome=rejected");
}

// The line of a request refused while its head was read: it has no request id, so it is found by
// its status.
std::string refused_line(const std::vector<std::string>& lines, int status) {
  const std::string key = " status=" + std::to_string(status) + " ";
  for (std::string line : lines) {
    if (line.find(key) != std::string::npos) return line;
  }
  return "";
}

TEST_F(AccessLog, HeadersOverTheLimitGetALineWithTheirStatus) {
  const std::string answer =
      client().raw_exchange("POST /v1/chat/completions?api_key=" + std::string(kSecret) +
                            " HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(80 * 1024, 'a') +
                            "\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
  // The session logs the refusal before it closes the connection that raw_exchange read to EOF.
  const std::string line = refused_line(sink_->last_formatted(), 431);
  ASSERT_FALSE(line.empty()) << "no access-log line for the 431";
  expect_contains(line,
                  "client=127.0.0.1 method=POST path=\"/v1/chat/completions?api_key=[REDACTED]\"");
  expect_contains(line, " model=\"\" profile=\"\" status=431 bytes_in=0 bytes_out=0 ");
  expect_contains(line, " outcome=rejected");
  EXPECT_EQ(line.find(kSecret), std::string::npos) << line;
}

TEST_F(AccessLog, HeadTooSlowGetsALineWithItsStatus) {
  Config config = proxy_config(0);
  config.client_header_timeout = std::chrono::milliseconds(200);
  start_with(fast_sim_options(), config);
  // Half a request head, then nothing: 408, and the connection closes.
  const std::string answer = client().raw_exchange("GET /v1/models HTTP/1.1\r\nHost: x\r\n");
  ASSERT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
  const std::string line = refused_line(sink_->last_formatted(), 408);
  ASSERT_FALSE(line.empty()) << "no access-log line for the 408";
  expect_contains(line, " method=GET path=/v1/models ");
  expect_contains(line, " outcome=rejected");
}

TEST_F(AccessLog, JsonFormatIsOneJsonObjectPerLine) {
  Config config = proxy_config(0);
  config.access_log_format = log::AccessLogFormat::json;
  start_with(fast_sim_options(), config);
  ASSERT_EQ(client().post_json("/v1/chat/completions", kChat, {{"x-request-id", "json-1"}}).status,
            200);
  ASSERT_TRUE(proxy_->wait_for_finished_requests(1));
  const std::string line = line_of("json-1");
  ASSERT_FALSE(line.empty());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(line).get(doc)) << line;
  EXPECT_EQ(std::string_view(doc["outcome"]), "ok");
  EXPECT_EQ(std::int64_t(doc["status"]), 200);
  EXPECT_EQ(std::string_view(doc["profile"]), "qwen3.5-thinking-general");
}

}  // namespace
}  // namespace qp::test

namespace qp::test {
namespace {

TEST_F(AccessLog, LevelCompleteLogsTheBodiesButNeverTheCredentials) {
  spdlog::default_logger()->set_level(spdlog::level::trace);  // what --loglevel COMPLETE sets
  auto answer = client().post_json(
      "/v1/chat/completions", kChat,
      {{"x-request-id", "complete-1"}, {"authorization", "Bearer " + std::string(kSecret)}});
  ASSERT_EQ(answer.status, 200);
  auto streamed = client();
  ASSERT_EQ(
      streamed
          .start_stream("/v1/chat/completions", kStreamingChat, {{"x-request-id", "complete-2"}})
          .status,
      200);
  streamed.read_rest();
  ASSERT_TRUE(proxy_->wait_for_finished_requests(2));
  EXPECT_TRUE(anything_logged_contains("request_id=complete-1 client body: " + std::string(kChat)));
  EXPECT_TRUE(anything_logged_contains("request_id=complete-1 upstream body: "));
  EXPECT_TRUE(anything_logged_contains(std::string("\"model\":\"") + kServedModel + "\""));
  EXPECT_TRUE(anything_logged_contains("request_id=complete-1 answer body: " + answer.body));
  EXPECT_TRUE(anything_logged_contains("request_id=complete-2 answer events: data: {"));
  EXPECT_FALSE(anything_logged_contains(kSecret));
}

}  // namespace
}  // namespace qp::test
