// Tests of non-streaming answer rewriting: model, the instruct repair, reasoning_field modes,
// untouched error bodies and non-objects.
#include "transform/chat_response.hpp"

#include <gtest/gtest.h>

#include "transform/transform_test_support.hpp"

namespace qp::transform {
namespace {

// Policies by the name used as the prefix of golden response files.
ResponsePolicy policy_named(const std::string& name) {
  const bool instruct = name.starts_with("instruct");
  ReasoningField field = ReasoningField::as_is;
  if (name.ends_with("-reasoning")) field = ReasoningField::reasoning;
  if (name.ends_with("-reasoning_content")) field = ReasoningField::reasoning_content;
  if (name.ends_with("-both")) field = ReasoningField::both;
  return ResponsePolicy{instruct ? "qwen3.5-instruct-general" : "qwen3.5-thinking-general",
                        instruct, field};
}

TEST(ChatResponse, GoldenFiles) {
  const auto cases = testing::golden_cases("chat_response", "json");
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(rewrite_chat_response(c.input, policy_named(c.profile)), c.expected);
  }
}

TEST(ChatResponse, MessageRules) {
  struct Case {
    const char* name;
    const char* policy;
    const char* message;
    const char* expected;
  };
  const Case cases[] = {
      {"instruct repairs null content", "instruct-as_is",
       R"({"role":"assistant","content":null,"reasoning":"Paris."})",
       R"({"role":"assistant","content":"Paris.","reasoning":null})"},
      {"instruct repairs empty content from reasoning_content", "instruct-as_is",
       R"({"content":"","reasoning_content":"Paris."})",
       R"({"content":"Paris.","reasoning_content":null})"},
      {"instruct repairs missing content, both keys", "instruct-as_is",
       R"({"role":"assistant","reasoning":"A","reasoning_content":"A"})",
       R"({"role":"assistant","reasoning":null,"reasoning_content":null,"content":"A"})"},
      {"instruct keeps real content", "instruct-as_is", R"({"content":"x","reasoning":"why"})",
       R"({"content":"x","reasoning":"why"})"},
      {"instruct ignores empty reasoning", "instruct-as_is", R"({"content":null,"reasoning":""})",
       R"({"content":null,"reasoning":""})"},
      {"thinking never repairs", "thinking-as_is", R"({"content":null,"reasoning":"long..."})",
       R"({"content":null,"reasoning":"long..."})"},
      {"to reasoning_content renames", "thinking-reasoning_content",
       R"({"content":"x","reasoning":"r"})", R"({"content":"x","reasoning_content":"r"})"},
      {"to reasoning drops the copy", "thinking-reasoning",
       R"({"content":"x","reasoning":"r","reasoning_content":"r"})",
       R"({"content":"x","reasoning":"r"})"},
      {"to reasoning moves text into a null key", "thinking-reasoning",
       R"({"reasoning":null,"reasoning_content":"r"})", R"({"reasoning":"r"})"},
      {"both adds the missing key", "thinking-both", R"({"content":"x","reasoning":"r"})",
       R"({"content":"x","reasoning":"r","reasoning_content":"r"})"},
      {"both fills a null key", "thinking-both", R"({"reasoning":null,"reasoning_content":"r"})",
       R"({"reasoning":"r","reasoning_content":"r"})"},
      {"both without reasoning changes nothing", "thinking-both", R"({"content":"x"})",
       R"({"content":"x"})"},
      {"repair then rename", "instruct-reasoning_content", R"({"content":null,"reasoning":"A"})",
       R"({"content":"A","reasoning_content":null})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string body =
        std::string(
            R"({"id":"c","model":"Qwen/Qwen3.5-35B-A3B","choices":[{"index":0,"message":)") +
        c.message + R"(,"finish_reason":"stop"}]})";
    const std::string expected =
        std::string(R"({"id":"c","model":")") + std::string(policy_named(c.policy).virtual_model) +
        R"(","choices":[{"index":0,"message":)" + c.expected + R"(,"finish_reason":"stop"}]})";
    EXPECT_EQ(rewrite_chat_response(body, policy_named(c.policy)), expected);
  }
}

TEST(ChatResponse, RepairAppliesToEveryChoice) {
  const std::string body =
      R"({"model":"b","choices":[{"message":{"content":null,"reasoning":"one"}},)"
      R"({"message":{"content":"two","reasoning":null}},{"message":{"reasoning":"three"}}]})";
  EXPECT_EQ(
      rewrite_chat_response(body, policy_named("instruct-as_is")),
      R"({"model":"qwen3.5-instruct-general","choices":[{"message":{"content":"one","reasoning":null}},)"
      R"({"message":{"content":"two","reasoning":null}},{"message":{"reasoning":null,"content":"three"}}]})");
}

TEST(ChatResponse, ErrorBodiesAndNonObjectsPassUnchanged) {
  for (
      std::string_view body :
      {R"({"error":{"message":"The model `x` does not exist.","type":"NotFoundError","param":"model","code":404}})",
       R"({"object":"error","message":"bad","type":"BadRequestError","param":null,"code":400})",
       R"({"detail":"Not Found"})", R"({"error":"Unauthorized"})", "Internal Server Error", "[1,2]",
       "", R"({"model":"x",)"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(rewrite_chat_response(body, policy_named("instruct-both")), body);
  }
}

TEST(ChatResponse, CompletionChangesOnlyModel) {
  const std::string body =
      R"({"id":"cmpl-1","object":"text_completion","model":"Qwen/Qwen3.5-35B-A3B","choices":[{"index":0,"text":" Paris.","reasoning":"x"}]})";
  EXPECT_EQ(
      rewrite_completion_response(body, "v"),
      R"({"id":"cmpl-1","object":"text_completion","model":"v","choices":[{"index":0,"text":" Paris.","reasoning":"x"}]})");
}

// The combined rewrite gives the same bytes and the same usage as the two separate calls.
void expect_same_as_separate_calls(std::string_view body, const ResponsePolicy& policy) {
  const RewrittenAnswer chat = rewrite_chat_answer(body, policy);
  EXPECT_EQ(chat.body.flatten(), rewrite_chat_response(body, policy));
  const RewrittenAnswer completion = rewrite_completion_answer(body, policy);
  EXPECT_EQ(completion.body.flatten(), rewrite_completion_response(body, policy.virtual_model));
  const auto usage = usage_of_answer(body);
  for (const RewrittenAnswer* answer : {&chat, &completion}) {
    ASSERT_EQ(answer->usage.has_value(), usage.has_value());
    if (!usage) continue;
    EXPECT_EQ(answer->usage->prompt, usage->prompt);
    EXPECT_EQ(answer->usage->completion, usage->completion);
  }
}

TEST(ChatResponse, RewriteWithUsageInOneScanMatchesSeparateCalls) {
  for (const auto& c : testing::golden_cases("chat_response", "json")) {
    SCOPED_TRACE(c.name);
    expect_same_as_separate_calls(c.input, policy_named(c.profile));
  }
  const char* bodies[] = {
      R"({"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}})",
      R"( {"usage":{"prompt_tokens":3,"completion_tokens":4},"model":"m"} )",
      R"({"mod\u0065l":"m","\u0075sage":{"prompt_tokens":1,"completion_tokens":2}})",
      R"({"model":"m","usage":null})",
      R"({"error":{"message":"bad","code":400}})",
      R"({"model":"m","usage":{"prompt_tokens":1,"completion_tokens":2}} trailing)",
      R"([{"model":"m"}])",
      "",
      "not json"};
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    for (const char* policy : {"instruct-both", "thinking-as_is", "thinking-reasoning"}) {
      expect_same_as_separate_calls(body, policy_named(policy));
    }
  }
  const RewrittenAnswer escaped = rewrite_chat_answer(bodies[2], policy_named("thinking-as_is"));
  ASSERT_TRUE(escaped.usage.has_value());
  EXPECT_EQ(escaped.usage->completion, 2u);
  EXPECT_EQ(escaped.body.flatten(),
            R"({"mod\u0065l":"qwen3.5-thinking-general","\u0075sage":{"prompt_tokens":1,)"
            R"("completion_tokens":2}})");
}

}  // namespace
}  // namespace qp::transform
