// /v1/chat/completions in the 0.18 dialect: exact non-streaming and chunk shapes, thinking on and
// off, tool calls, max_tokens truncation, usage rules, ids.
#include "sim_fixture.hpp"

namespace qp::sim::test {
namespace {

const std::string kQuestion = "What is the capital of France?";
const std::string kWeatherTools =
    R"(,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",)"
    R"("properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}}}}}])";

class Chat : public SimTest {
 protected:
  // Prompt tokens for a chat body, from the server's own /tokenize (messages mode).
  std::int64_t prompt_tokens(const std::string& chat_body) {
    auto r = client().post_json("/tokenize", chat_body);
    Json j(r.body);
    std::int64_t n = 0;
    EXPECT_EQ(j.root["count"].get_int64().get(n), simdjson::SUCCESS);
    return n;
  }
};

TEST_F(Chat, NonStreamingResponseHasVllmFieldOrderAndThinkingSplit) {
  const auto body = user_chat(kQuestion);
  auto r = client().post_json("/v1/chat/completions", body, {{"X-Request-Id", "abc"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "application/json");
  const auto p = prompt_tokens(body);
  // 12 tokens: 7 reasoning, </think>, 4 content tokens starting with "\n\n".
  const std::string expected =
      R"({"id":"chatcmpl-abc","object":"chat.completion","created":0,"model":"Qwen3.5-35B-A3B",)"
      R"("choices":[{"index":0,"message":{"role":"assistant","content":"\n\nSimulated answer:",)"
      R"("refusal":null,"annotations":null,"audio":null,"function_call":null,"tool_calls":[],)"
      R"("reasoning":"Thinking Process:\n\n1. The user wrote"},"logprobs":null,"finish_reason":"stop",)"
      R"("stop_reason":null,"token_ids":null}],"service_tier":null,"system_fingerprint":null,)"
      R"("usage":{"prompt_tokens":)" +
      std::to_string(p) + R"(,"total_tokens":)" + std::to_string(p + 12) +
      R"(,"completion_tokens":12,"prompt_tokens_details":null},"prompt_logprobs":null,)"
      R"("prompt_token_ids":null,"kv_transfer_params":null})";
  EXPECT_EQ(normalize(r.body), expected);
}

TEST_F(Chat, ResponseIdIsSixteenHexAndModelIsTheServedName) {
  auto r = client().post_json("/v1/chat/completions",
                              R"({"messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(r.status, 200);
  Json j(r.body);
  std::string_view id, model;
  ASSERT_EQ(j.root["id"].get_string().get(id), simdjson::SUCCESS);
  EXPECT_TRUE(std::regex_match(std::string(id), std::regex("chatcmpl-[0-9a-f]{16}"))) << id;
  ASSERT_EQ(j.root["model"].get_string().get(model), simdjson::SUCCESS);
  EXPECT_EQ(model, "Qwen3.5-35B-A3B");
}

TEST_F(Chat, BodyRequestIdIsUsedWithoutHeader) {
  auto r = client().post_json("/v1/chat/completions", user_chat("hi", R"(,"request_id":"r-1")"));
  EXPECT_NE(r.body.find(R"("id":"chatcmpl-r-1")"), std::string::npos) << r.body;
}

TEST_F(Chat, UnknownModelIs404WithVllmErrorBody) {
  auto r = client().post_json("/v1/chat/completions",
                              R"({"model":"x","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"message":"The model `x` does not exist.","type":"NotFoundError",)"
                    R"("param":"model","code":404}})");
}

TEST_F(Chat, StreamingChunksInOrderWithUsageChunkAndDone) {
  auto c = client();
  c.send("POST", "/v1/chat/completions",
         user_chat(kQuestion, R"(,"stream":true,"stream_options":{"include_usage":true})"),
         {{"X-Request-Id", "s1"}, {"x-sim-tokens", "4"}});
  auto h = c.read_headers();
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.headers["content-type"], "text/event-stream; charset=utf-8");
  std::vector<std::string> events;
  for (auto& e : c.all_events()) events.push_back(normalize(e));
  EXPECT_TRUE(c.stream_complete());
  const std::string head =
      R"({"id":"chatcmpl-s1","object":"chat.completion.chunk","created":0,"model":"Qwen3.5-35B-A3B",)";
  const std::string delta_tail = R"(,"logprobs":null,"finish_reason":null,"token_ids":null}]})";
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[0], head + R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},)"
                              R"("logprobs":null,"finish_reason":null}],"prompt_token_ids":null})");
  EXPECT_EQ(events[1],
            head + R"("choices":[{"index":0,"delta":{"reasoning":"Thinking"})" + delta_tail);
  EXPECT_EQ(events[2],
            head + R"("choices":[{"index":0,"delta":{"reasoning":" Process"})" + delta_tail);
  EXPECT_EQ(events[3], head + R"("choices":[{"index":0,"delta":{"content":"\n\n"})" + delta_tail);
  EXPECT_EQ(events[4], head + R"("choices":[{"index":0,"delta":{},"logprobs":null,)"
                              R"("finish_reason":"stop","stop_reason":null,"token_ids":null}]})");
  const auto p = prompt_tokens(user_chat(kQuestion));
  EXPECT_EQ(events[5], head + R"("choices":[],"usage":{"prompt_tokens":)" + std::to_string(p) +
                           R"(,"total_tokens":)" + std::to_string(p + 4) +
                           R"(,"completion_tokens":4}})");
  EXPECT_EQ(events[6], "[DONE]");
}

TEST_F(Chat, EmptyStreamOptionsGiveNoUsageChunkIn018) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", R"(,"stream":true,"stream_options":{})"));
  c.read_headers();
  auto events = c.all_events();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back(), "[DONE]");
  EXPECT_NE(events[events.size() - 2].find(R"("finish_reason":"stop")"), std::string::npos);
  for (const auto& e : events) EXPECT_EQ(e.find("\"usage\""), std::string::npos) << e;
}

TEST_F(Chat, ContinuousUsageStatsOnEveryChunk) {
  auto c = client();
  c.send(
      "POST", "/v1/chat/completions",
      user_chat(
          "hi",
          R"(,"stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true})"),
      {{"x-sim-tokens", "3"}});
  c.read_headers();
  auto events = c.all_events();
  // role, reasoning, (</think> emits nothing), content, finish, usage, [DONE]
  ASSERT_EQ(events.size(), 6u);
  EXPECT_NE(events[0].find(R"("completion_tokens":0},"prompt_token_ids":null})"), std::string::npos)
      << events[0];
  EXPECT_NE(events[1].find(R"("completion_tokens":1})"), std::string::npos) << events[1];
  EXPECT_NE(events[2].find(R"("content":"\n\n")"), std::string::npos) << events[2];
  EXPECT_NE(events[2].find(R"("completion_tokens":3})"), std::string::npos) << events[2];
  EXPECT_NE(events[3].find(R"("completion_tokens":3})"), std::string::npos) << events[3];
  EXPECT_NE(events[4].find(R"("choices":[],"usage")"), std::string::npos) << events[4];
}

TEST_F(Chat, ThinkingOffGivesContentOnly) {
  const std::string kw = R"(,"chat_template_kwargs":{"enable_thinking":false})";
  auto r = client().post_json("/v1/chat/completions", user_chat("Hello there", kw),
                              {{"x-sim-tokens", "5"}});
  EXPECT_NE(r.body.find(R"("content":"Simulated answer: Hello there",)"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"("tool_calls":[],"reasoning":null})"), std::string::npos) << r.body;

  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("Hello there", kw + R"(,"stream":true)"),
         {{"x-sim-tokens", "2"}});
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_NE(events[1].find(R"("delta":{"content":"Simulated"})"), std::string::npos) << events[1];
  EXPECT_NE(events[2].find(R"("delta":{"content":" answer"})"), std::string::npos) << events[2];
  for (const auto& e : events) EXPECT_EQ(e.find("reasoning"), std::string::npos) << e;
}

TEST_F(Chat, ToolCallNonStreaming) {
  auto r = client().post_json("/v1/chat/completions",
                              user_chat("What is the weather in Berlin?", kWeatherTools));
  ASSERT_EQ(r.status, 200);
  static const std::regex shape(
      R"re(.*"message":\{"role":"assistant","content":null,"refusal":null,"annotations":null,"audio":null,)re"
      R"re("function_call":null,"tool_calls":\[\{"id":"chatcmpl-tool-[0-9a-f]{16}","type":"function",)re"
      R"re("function":\{"name":"get_weather","arguments":"\{\\"city\\": \\"Berlin\\", \\"unit\\": \\"c\\"\}"\}\}\],)re"
      R"re("reasoning":"Thinking[^"]*"\},"logprobs":null,"finish_reason":"tool_calls","stop_reason":null,"token_ids":null\}\].*)re");
  EXPECT_TRUE(std::regex_match(r.body, shape)) << r.body;
}

TEST_F(Chat, NoToolCallWhenTheUserDoesNotAskForOne) {
  auto r = client().post_json("/v1/chat/completions", user_chat("Tell me a joke", kWeatherTools));
  EXPECT_NE(r.body.find(R"("tool_calls":[])"), std::string::npos);
  EXPECT_NE(r.body.find(R"("finish_reason":"stop")"), std::string::npos);
}

TEST_F(Chat, ToolCallStreaming) {
  auto c = client();
  c.send("POST", "/v1/chat/completions",
         user_chat("What is the weather in Berlin?", kWeatherTools + R"(,"stream":true)"));
  c.read_headers();
  auto events = c.all_events();
  std::vector<std::string> tool_events;
  for (const auto& e : events) {
    if (e.find(R"("delta":{"tool_calls")") != std::string::npos) tool_events.push_back(e);
  }
  ASSERT_EQ(tool_events.size(), 5u);
  static const std::regex header(
      R"re(.*"delta":\{"tool_calls":\[\{"id":"call_[0-9a-f]{24}","type":"function","index":0,"function":\{"name":"get_weather","arguments":""\}\}\]\},"logprobs":null,"finish_reason":null,"token_ids":null\}\]\})re");
  EXPECT_TRUE(std::regex_match(tool_events[0], header)) << tool_events[0];
  const char* frags[] = {"{", R"(\"city\": \"Berlin\")", R"(, \"unit\": \"c\")", R"(})"};
  for (int i = 0; i < 4; ++i) {
    const std::string want =
        std::string(R"("delta":{"tool_calls":[{"index":0,"function":{"arguments":")") + frags[i] +
        R"("}}]})";
    EXPECT_NE(tool_events[static_cast<std::size_t>(i) + 1].find(want), std::string::npos)
        << tool_events[static_cast<std::size_t>(i) + 1];
  }
  ASSERT_GE(events.size(), 2u);
  EXPECT_NE(events[events.size() - 2].find(R"("finish_reason":"tool_calls","stop_reason":null)"),
            std::string::npos);
  EXPECT_EQ(events.back(), "[DONE]");
}

TEST_F(Chat, MaxTokensInThinkingModeTruncatesIntoReasoning) {
  auto r = client().post_json("/v1/chat/completions", user_chat(kQuestion, R"(,"max_tokens":3)"));
  EXPECT_NE(r.body.find(R"("content":null,)"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("reasoning":"Thinking Process:\n\n"})"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("finish_reason":"length")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("completion_tokens":3,)"), std::string::npos);

  auto c = client();
  c.send("POST", "/v1/chat/completions",
         user_chat(kQuestion, R"(,"max_completion_tokens":2,"max_tokens":50,"stream":true)"));
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_NE(events[3].find(R"("finish_reason":"length")"), std::string::npos) << events[3];
}

TEST_F(Chat, ValidationErrors) {
  auto c = client();
  auto r = c.post_json("/v1/chat/completions",
                       user_chat("hi", R"(,"stream_options":{"include_usage":true})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"("type":"Bad Request","param":"stream_options","code":400)"),
            std::string::npos)
      << r.body;
  r = c.post_json("/v1/chat/completions", user_chat("hi", R"(,"max_tokens":300000)"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("This model's maximum context length is 262144 tokens. However, you "
                        "requested 300000 output tokens"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"("type":"BadRequestError","param":"max_tokens")"), std::string::npos);
  r = c.post_json("/v1/chat/completions", "{not json");
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace qp::sim::test
