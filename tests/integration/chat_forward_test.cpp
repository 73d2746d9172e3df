// Chat completions through a virtual model: the profile reaches vLLM, every other byte is kept, and
// the answer comes back under the virtual name, streamed or not.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "config/builtin_profiles.hpp"
#include "proxy_fixture.hpp"
#include "sse/sse_framer.hpp"
#include "transform/chat_request.hpp"

namespace qp::test {
namespace {

using ChatForward = ProxyFixture;

// What the proxy must send upstream for `body`, computed by the pure rewrite.
std::string expected_upstream(const std::string& body, std::string_view virtual_model) {
  auto parsed = transform::parse_request(body);
  EXPECT_TRUE(parsed.ok());
  Config config = proxy_config(1);
  const Profile* profile = find_profile(config, virtual_model);
  EXPECT_NE(profile, nullptr);
  auto rewritten = transform::rewrite_chat_request(*parsed, *profile);
  EXPECT_TRUE(rewritten.ok());
  return rewritten->body.flatten();
}

TEST_F(ChatForward, NonStreamingAnswerCarriesVirtualModelAndProfileReachesBackend) {
  const std::string body =
      R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";
  auto response = client().post_json("/v1/chat/completions", body);
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element answer = parser.parse(response.body);
  EXPECT_EQ(std::string_view(answer["model"]), "qwen3.5-instruct-general");
  EXPECT_EQ(response.header("x-qwen35-profile"), "qwen3.5-instruct-general");

  simdjson::dom::parser upstream_parser;
  const std::string upstream = last_upstream_body();
  simdjson::dom::element sent = upstream_parser.parse(upstream);
  EXPECT_EQ(std::string_view(sent["model"]), kServedModel);
  EXPECT_DOUBLE_EQ(double(sent["temperature"]), 0.7);
  EXPECT_DOUBLE_EQ(double(sent["top_p"]), 0.8);
  EXPECT_EQ(int64_t(sent["top_k"]), 20);
  EXPECT_DOUBLE_EQ(double(sent["presence_penalty"]), 1.5);
  EXPECT_FALSE(bool(sent["chat_template_kwargs"]["enable_thinking"]));
  EXPECT_EQ(upstream, expected_upstream(body, "qwen3.5-instruct-general"));
}

TEST_F(ChatForward, UntouchedBytesReachBackendExactly) {
  const std::string body =
      "{ \"messages\" : [ {\"role\":\"user\",\"content\":\"caf\\u00e9 \xc3\xa9t\xc3\xa9 "
      "\\\"q\\\"\"} ],\n"
      "  \"seed\": 18446744073709551615, \"logit_bias\": {\"12345678901234567890\": -100},\n"
      "  \"temperature\": 0.25e0, \"model\" : \"qwen3.5-thinking-coding\",\n"
      "  \"chat_template_kwargs\": {\"custom\": [1, 2.50, null]}, \"x\": {\"deep\": [true]} }";
  auto response = client().post_json("/v1/chat/completions", body);
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string upstream = last_upstream_body();
  EXPECT_EQ(upstream, expected_upstream(body, "qwen3.5-thinking-coding"));
  EXPECT_NE(upstream.find("\"seed\": 18446744073709551615"), std::string::npos);
  EXPECT_NE(upstream.find("\"temperature\": 0.25e0"),
            std::string::npos);  // the client's value wins
  EXPECT_NE(upstream.find("\"custom\": [1, 2.50, null]"), std::string::npos);
}

TEST_F(ChatForward, StreamingEveryEventCarriesVirtualModel) {
  auto head = client();
  auto response = head.start_stream(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-general","stream":true,"stream_options":{"include_usage":true},)"
      R"("messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(response.status, 200);
  EXPECT_NE(response.header("content-type").find("text/event-stream"), std::string::npos);
  int data_events = 0;
  bool saw_done = false;
  bool saw_reasoning = false;
  while (auto event = head.next_event()) {
    auto data = event_data(*event);
    if (!data) continue;
    if (*data == "[DONE]") {
      saw_done = true;
      continue;
    }
    ++data_events;
    EXPECT_NE(data->find(R"("model":"qwen3.5-thinking-general")"), std::string::npos) << *data;
    EXPECT_EQ(data->find(kServedModel), std::string::npos) << *data;
    saw_reasoning = saw_reasoning || data->find(R"("reasoning":)") != std::string::npos;
  }
  EXPECT_TRUE(saw_done);
  EXPECT_TRUE(saw_reasoning);
  EXPECT_GT(data_events, 3);
}

TEST_F(ChatForward, InstructAnswerMisplacedIntoReasoningIsRepaired) {
  const std::string body =
      R"({"model":"qwen3.5-instruct-reasoning","messages":[{"role":"user","content":"hi"}]})";
  auto response =
      client().post_json("/v1/chat/completions", body, {{"x-sim-fault", "misplace-answer"}});
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element message = parser.parse(response.body)["choices"].at(0)["message"];
  EXPECT_TRUE(message["content"].is_string()) << response.body;
  EXPECT_GT(std::string_view(message["content"]).size(), 0u);
  EXPECT_TRUE(message["reasoning"].is_null()) << response.body;

  auto streamed = client();
  streamed.start_stream("/v1/chat/completions",
                        R"({"model":"qwen3.5-instruct-reasoning","stream":true,)"
                        R"("messages":[{"role":"user","content":"hi"}]})",
                        {{"x-sim-fault", "misplace-answer"}});
  std::string all = streamed.read_rest();
  EXPECT_EQ(all.find(R"("reasoning":")"), std::string::npos) << all;
  EXPECT_NE(all.find(R"("content":")"), std::string::npos) << all;
}

TEST_F(ChatForward, ThinkingAnswerTruncatedInReasoningIsNotRepaired) {
  const std::string body = R"({"model":"qwen3.5-thinking-general","max_tokens":3,)"
                           R"("messages":[{"role":"user","content":"hi"}]})";
  auto response = client().post_json("/v1/chat/completions", body);
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element choice = parser.parse(response.body)["choices"].at(0);
  EXPECT_EQ(std::string_view(choice["finish_reason"]), "length");
  EXPECT_TRUE(choice["message"]["content"].is_null()) << response.body;
  EXPECT_TRUE(choice["message"]["reasoning"].is_string()) << response.body;
}

TEST_F(ChatForward, ReasoningFieldBothGivesClientsBothKeys) {
  Config config = proxy_config(0);
  apply_profile_policy(config.profiles, false, ReasoningField::both);
  start_with(fast_sim_options(), config);
  auto response = client().post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(response.status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element message = parser.parse(response.body)["choices"].at(0)["message"];
  EXPECT_EQ(std::string_view(message["reasoning"]), std::string_view(message["reasoning_content"]));
}

TEST_F(ChatForward, EnforcedProfileOverridesClientSampling) {
  Config config = proxy_config(0);
  apply_profile_policy(config.profiles, true, ReasoningField::as_is);
  start_with(fast_sim_options(), config);
  auto response = client().post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-coding","temperature":1.9,"messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(response.status, 200);
  simdjson::dom::parser parser;
  const std::string upstream = last_upstream_body();
  EXPECT_DOUBLE_EQ(double(parser.parse(upstream)["temperature"]), 0.6);
}

TEST_F(ChatForward, BackendErrorStatusAndBodyPassUntouched) {
  const std::string body =
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})";
  auto direct =
      sim_client().post_json("/v1/chat/completions", R"({"model":"Qwen3.5-35B-A3B","messages":[]})",
                             {{"x-sim-fault", "status=503"}});
  auto proxied = client().post_json("/v1/chat/completions", body, {{"x-sim-fault", "status=503"}});
  EXPECT_EQ(proxied.status, 503);
  EXPECT_EQ(proxied.body, direct.body);
}

TEST_F(ChatForward, RequestIdIsSentToBackendAndReturned) {
  auto response = client().post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})",
      {{"X-Request-Id", "trace-42"}});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(last_upstream_header("x-request-id"), "trace-42");
  EXPECT_EQ(response.header("x-request-id"), "trace-42");
  EXPECT_NE(response.body.find("chatcmpl-trace-42"), std::string::npos);

  auto generated = client().post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})");
  const std::string id = generated.header("x-request-id");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_EQ(last_upstream_header("x-request-id"), id);
  auto next = client().post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_NE(next.header("x-request-id"), id);
}

}  // namespace
}  // namespace qp::test
