// Tests of per-event stream rewriting: model splicing, kept non-data lines and framing, the
// instruct repair and reasoning_field on deltas (0.18 and 0.15 shapes), completions, a recorded
// 0.18 stream, and the final error event.
#include "transform/chat_event.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "transform/error_body.hpp"
#include "transform/transform_test_support.hpp"

namespace qp::transform {
namespace {

constexpr std::string_view kBackend = R"("model":"Qwen/Qwen3.5-35B-A3B")";

std::string chunk(std::string_view model_member, std::string_view delta) {
  return std::string(R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,)") +
         std::string(model_member) + R"(,"choices":[{"index":0,"delta":)" + std::string(delta) +
         R"(,"logprobs":null,"finish_reason":null,"token_ids":null}]})";
}

std::string rewrite(std::string_view event, const ResponsePolicy& policy) {
  std::string out = "prefix|";
  rewrite_chat_event(event, policy, out);
  EXPECT_TRUE(out.starts_with("prefix|"));  // appends, never overwrites
  return out.substr(7);
}

const ResponsePolicy kThinking{"qwen3.5-thinking-general", false, ReasoningField::as_is};
const ResponsePolicy kInstruct{"qwen3.5-instruct-general", true, ReasoningField::as_is};

TEST(ChatEvent, ModelIsSplicedAndFramingKept) {
  const std::string virtual_member = R"("model":"qwen3.5-thinking-general")";
  const std::string in_json = chunk(kBackend, R"({"reasoning":"x"})");
  const std::string out_json = chunk(virtual_member, R"({"reasoning":"x"})");
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"data: " + in_json + "\n\n", "data: " + out_json + "\n\n"},
      {"data:" + in_json + "\r\n\r\n", "data:" + out_json + "\r\n\r\n"},
      {"data: " + in_json + "\r\r", "data: " + out_json + "\r\r"},
      {"id: 7\nevent: message\n: keep-alive comment\nretry: 100\ndata: " + in_json + "\n\n",
       "id: 7\nevent: message\n: keep-alive comment\nretry: 100\ndata: " + out_json + "\n\n"},
      {"data: " + in_json, "data: " + out_json},  // a partial event at the end of a stream
      {"data: [DONE]\n\n", "data: [DONE]\n\n"},
      {": only a comment\n\n", ": only a comment\n\n"},
      {"\n", "\n"},
      {"data: {\"error\": {\"message\": \"x\", \"code\": 500}}\n\n",
       "data: {\"error\": {\"message\": \"x\", \"code\": 500}}\n\n"},
      {"data: {not json\n\n", "data: {not json\n\n"},
      {"data: {\"a\":\ndata: 1}\n\n", "data: {\"a\":\ndata: 1}\n\n"},  // multi-line data: kept
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(rewrite(c.in, kThinking), c.out);
  }
}

TEST(ChatEvent, DataLineFoundWhateverTheLineEndings) {
  struct Case {
    std::string event;
    std::optional<std::string_view> payload;
  };
  const Case cases[] = {
      {"event: a\rid: 1\r\ndata: {}\n\n", "{}"},
      {"id: 1\r\r\rdata:x\r", "x"},
      {"data: a\rdata: b\n\n", std::nullopt},  // two data lines
      {"data:\r\n", ""},
      {":c\n\r\ndata: last", "last"},
      {"\r\n\r\n", std::nullopt},
      {"", std::nullopt},
      {"dat\ra: x\n", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.event);
    EXPECT_EQ(single_data_payload(c.event), c.payload);
  }
  // Many lone-CR lines: each line end is found without rescanning the rest of the event.
  std::string event;
  for (int i = 0; i < 20000; ++i) event.append("id: 1\r");
  event.append("data: {}\r\r");
  EXPECT_EQ(single_data_payload(event), "{}");
}

TEST(ChatEvent, DeltaRules) {
  struct Case {
    const char* name;
    ResponsePolicy policy;
    const char* delta;
    const char* expected;
  };
  const ResponsePolicy to_reasoning{"v", false, ReasoningField::reasoning};
  const ResponsePolicy to_reasoning_content{"v", false, ReasoningField::reasoning_content};
  const ResponsePolicy to_both{"v", false, ReasoningField::both};
  const Case cases[] = {
      {"instruct: reasoning delta becomes content", kInstruct, R"({"reasoning":"Hi"})",
       R"({"content":"Hi"})"},
      {"instruct: 0.15 pair becomes content", kInstruct,
       R"({"reasoning":"Hi","reasoning_content":"Hi"})", R"({"content":"Hi"})"},
      {"instruct: 0.15 null reasoning_content is not reasoning", kInstruct,
       R"({"content":"Hi","reasoning_content":null})",
       R"({"content":"Hi","reasoning_content":null})"},
      {"instruct: role chunk untouched", kInstruct,
       R"({"role":"assistant","content":"","reasoning_content":null})",
       R"({"role":"assistant","content":"","reasoning_content":null})"},
      {"instruct: empty content with reasoning", kInstruct, R"({"content":"","reasoning":"A"})",
       R"({"content":"A"})"},
      {"instruct: tool call delta untouched", kInstruct,
       R"({"reasoning_content":null,"tool_calls":[{"index":0}]})",
       R"({"reasoning_content":null,"tool_calls":[{"index":0}]})"},
      {"thinking: reasoning delta stays", kThinking, R"({"reasoning":"Hi"})",
       R"({"reasoning":"Hi"})"},
      {"to reasoning_content: rename", to_reasoning_content, R"({"reasoning":"r"})",
       R"({"reasoning_content":"r"})"},
      {"to reasoning: 0.15 null dropped", to_reasoning,
       R"({"content":"Hi","reasoning_content":null})", R"({"content":"Hi"})"},
      {"to reasoning: 0.15 pair keeps one", to_reasoning,
       R"({"reasoning":"x","reasoning_content":"x"})", R"({"reasoning":"x"})"},
      {"to reasoning: 0.11 rename", to_reasoning, R"({"reasoning_content":"x"})",
       R"({"reasoning":"x"})"},
      {"both: 0.18 delta gets the copy", to_both, R"({"reasoning":"x"})",
       R"({"reasoning":"x","reasoning_content":"x"})"},
      {"both: content delta untouched", to_both, R"({"content":"x"})", R"({"content":"x"})"},
      {"both: 0.15 null pair untouched", to_both, R"({"content":"Hi","reasoning_content":null})",
       R"({"content":"Hi","reasoning_content":null})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string member = "\"model\":\"" + std::string(c.policy.virtual_model) + "\"";
    EXPECT_EQ(rewrite("data: " + chunk(kBackend, c.delta) + "\n\n", c.policy),
              "data: " + chunk(member, c.expected) + "\n\n");
  }
}

TEST(ChatEvent, RecordedStreamKeepsEverythingButModel) {
  const std::string stream =
      testing::read_file(testing::testdata("streams/vllm-0.18-thinking-chat.sse"));
  ASSERT_FALSE(stream.empty());
  std::string out;
  std::size_t events = 0;
  for (std::size_t pos = 0; pos < stream.size();) {
    const std::size_t end = stream.find("\n\n", pos);
    const std::size_t next = end == std::string::npos ? stream.size() : end + 2;
    rewrite_chat_event(std::string_view(stream).substr(pos, next - pos), kThinking, out);
    pos = next;
    ++events;
  }
  EXPECT_GT(events, 5u);
  std::string expected = stream;
  const std::string from = R"("model":"Qwen/Qwen3.5-35B-A3B")";
  const std::string to = R"("model":"qwen3.5-thinking-general")";
  std::size_t replaced = 0;
  for (std::size_t at = expected.find(from); at != std::string::npos;
       at = expected.find(from, at + to.size())) {
    expected.replace(at, from.size(), to);
    ++replaced;
  }
  EXPECT_GT(replaced, 5u);
  EXPECT_EQ(out, expected);
}

TEST(ChatEvent, CompletionEventChangesOnlyModel) {
  const std::string event =
      "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"b\","
      "\"choices\":[{\"index\":0,\"text\":\" Par\",\"reasoning\":\"x\"}],\"usage\":null}\r\n\r\n";
  std::string out;
  rewrite_completion_event(event, "virtual", out);
  std::string expected = event;
  expected.replace(expected.find("\"model\":\"b\""), 11, "\"model\":\"virtual\"");
  EXPECT_EQ(out, expected);
}

TEST(ChatEvent, StreamErrorEventIsVllmShaped) {
  EXPECT_EQ(
      stream_error_event(make_error(ErrorKind::backend_broken, "backend \"gone\"")),
      "data: {\"error\": {\"message\": \"backend \\\"gone\\\"\", \"type\": \"backend_error\", "
      "\"param\": null, \"code\": 502}}\n\ndata: [DONE]\n\n");
  EXPECT_EQ(
      error_body(make_error(ErrorKind::bad_request, "bad", "stream")),
      R"({"error":{"message":"bad","type":"invalid_request_error","param":"stream","code":400}})");
}

}  // namespace
}  // namespace qp::transform
