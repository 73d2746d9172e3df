// The 0.15 and 0.10 wire dialects: reasoning field names, reasoning_content on every 0.15 delta,
// the flat 0.10 error body, missing token_ids keys, 32-hex ids and the stream_options default.
#include "sim_fixture.hpp"

namespace qp::sim::test {
namespace {

class Dialects : public SimTest {
 protected:
  void start_dialect(Dialect d) {
    auto o = fast_options();
    o.dialect = d;
    start(o);
  }
};

TEST_F(Dialects, V015StreamCarriesReasoningContentOnEveryDelta) {
  start_dialect(Dialect::v0_15);
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", R"(,"stream":true,"stream_options":{})"),
         {{"x-sim-tokens", "3"}});
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 6u);  // role, reasoning, content, finish, usage (default on), [DONE]
  EXPECT_NE(events[0].find(R"("delta":{"role":"assistant","content":"","reasoning_content":null},)"
                           R"("logprobs":null,"finish_reason":null}],"prompt_token_ids":null})"),
            std::string::npos)
      << events[0];
  EXPECT_NE(events[1].find(R"("delta":{"reasoning":"Thinking","reasoning_content":"Thinking"},)"),
            std::string::npos)
      << events[1];
  EXPECT_NE(events[2].find(R"("delta":{"content":"\n\n","reasoning_content":null},)"),
            std::string::npos)
      << events[2];
  EXPECT_NE(events[3].find(
                R"("delta":{"reasoning_content":null},"logprobs":null,"finish_reason":"stop")"),
            std::string::npos)
      << events[3];
  EXPECT_NE(events[4].find(R"("choices":[],"usage":)"), std::string::npos) << events[4];
  EXPECT_EQ(events[5], "[DONE]");
}

TEST_F(Dialects, V015MessageHasBothReasoningFields) {
  start_dialect(Dialect::v0_15);
  auto c = client();
  auto r = c.post_json("/v1/chat/completions", user_chat("hi"), {{"x-sim-tokens", "3"}});
  EXPECT_NE(
      r.body.find(R"("tool_calls":[],"reasoning":"Thinking","reasoning_content":"Thinking"})"),
      std::string::npos)
      << r.body;
  EXPECT_EQ(c.get("/version").body, R"({"version":"0.15.1"})");
  auto tools = c.post_json(
      "/v1/chat/completions",
      user_chat(
          "weather in Oslo",
          R"(,"stream":true,"tools":[{"type":"function","function":{"name":"get_weather"}}])"));
  EXPECT_NE(tools.body.find(R"("delta":{"reasoning_content":null,"tool_calls":[{"id":"call_)"),
            std::string::npos)
      << tools.body;
}

TEST_F(Dialects, V010UsesReasoningContentFlatErrorsAndLongIds) {
  start_dialect(Dialect::v0_10);
  auto c = client();
  auto r = c.post_json("/v1/chat/completions", user_chat("hi"), {{"x-sim-tokens", "3"}});
  EXPECT_NE(r.body.find(R"("tool_calls":[],"reasoning_content":"Thinking"},"logprobs":null,)"
                        R"("finish_reason":"stop","stop_reason":null}],)"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(r.body.find("token_ids"), std::string::npos) << r.body;
  EXPECT_TRUE(std::regex_search(r.body, std::regex(R"("id":"chatcmpl-[0-9a-f]{32}")"))) << r.body;
  EXPECT_EQ(r.body.find(R"("reasoning":)"), std::string::npos);

  auto missing = c.post_json("/v1/chat/completions",
                             R"({"model":"nope","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(
      missing.body,
      R"({"object":"error","message":"The model `nope` does not exist.","type":"NotFoundError",)"
      R"("param":null,"code":404})");
  EXPECT_EQ(c.get("/version").body, R"({"version":"0.10.0"})");

  c.send("POST", "/v1/chat/completions", user_chat("hi", R"(,"stream":true,"stream_options":{})"),
         {{"x-sim-tokens", "3"}, {"x-sim-fault", "error-event-after=2"}});
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].find("prompt_token_ids"), std::string::npos) << events[0];
  EXPECT_NE(
      events[1].find(
          R"("delta":{"reasoning_content":"Thinking"},"logprobs":null,"finish_reason":null}]})"),
      std::string::npos)
      << events[1];
  EXPECT_EQ(
      events[2],
      R"({"object": "error", "message": "Internal server error", "type": "InternalServerError", )"
      R"("param": null, "code": 500})");
  EXPECT_EQ(events[3], "[DONE]");
}

}  // namespace
}  // namespace qp::sim::test
