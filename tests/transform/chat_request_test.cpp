// Tests of parse_request and the request rewrites: golden files per profile rule, bad input, a
// large base64 body, idempotence.
#include "transform/chat_request.hpp"

#include <gtest/gtest.h>

#include "json/validate.hpp"
#include "transform/error_body.hpp"
#include "transform/transform_test_support.hpp"

namespace qp::transform {
namespace {

using RewriteFn = Result<RewrittenRequest> (*)(const ParsedRequest&, const Profile&);

void check_golden_folder(const std::string& folder, RewriteFn rewrite) {
  const auto profiles = testing::test_profiles();
  const auto cases = testing::golden_cases(folder, "json");
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(folder + "/" + c.name);
    auto parsed = parse_request(c.input);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto out = rewrite(*parsed, profiles.at(c.profile));
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->body.flatten(), c.expected);
    EXPECT_TRUE(json::validate(out->body.flatten()).ok());
  }
}

TEST(ChatRequest, GoldenFilesPerProfileRule) {
  check_golden_folder("chat_request", rewrite_chat_request);
}

TEST(ChatRequest, CompletionRewriteLeavesChatTemplateKwargsAlone) {
  check_golden_folder("completion_request", rewrite_completion_request);
}

TEST(ChatRequest, TokenizeRewriteChangesOnlyModelAndKwargs) {
  check_golden_folder("tokenize_request", rewrite_tokenize_request);
}

TEST(ChatRequest, ParseReadsModelAndStream) {
  struct Case {
    std::string_view body;
    std::string_view model;
    bool stream;
  };
  const Case cases[] = {
      {R"({"model":"a","stream":true})", "a", true},
      {R"({"model":"a","stream":false})", "a", false},
      {R"({"model":"a","stream":null})", "a", false},
      {R"({"model":"a"})", "a", false},
      {R"({"model":"x","stream":false,"mod\u0065l":"b\u00e9","stream":true})", "bé", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    auto parsed = parse_request(c.body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->model, c.model);
    EXPECT_EQ(parsed->stream, c.stream);
    EXPECT_EQ(parsed->body.data(), c.body.data());
  }
}

TEST(ChatRequest, BadInputIsA400WithParam) {
  struct Case {
    std::string_view body;
    std::string_view param;
  };
  const Case cases[] = {
      {R"({"model":"a","x":{"a":tru}})", ""},
      {R"({"model":"a"} {})", ""},
      {R"([{"model":"a"}])", ""},
      {R"("model")", ""},
      {"", ""},
      {R"({"messages":[]})", "model"},
      {R"({"model":null})", "model"},
      {R"({"model":"a","model":3})", "model"},
      {R"({"model":"a","stream":"yes"})", "stream"},
      {R"({"model":"a","stream":0})", "stream"},
      {"{\"model\":\"a\",\"x\":\"\xff\"}", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    auto parsed = parse_request(c.body);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().kind, ErrorKind::bad_request);
    EXPECT_EQ(parsed.error().param, c.param);
    EXPECT_FALSE(parsed.error().message.empty());
  }
}

TEST(ChatRequest, NonObjectChatTemplateKwargsIsA400) {
  const auto profiles = testing::test_profiles();
  for (std::string_view kwargs : {"[]", "\"x\"", "1", "false"}) {
    SCOPED_TRACE(kwargs);
    const std::string body = R"({"model":"m","chat_template_kwargs":)" + std::string(kwargs) + "}";
    auto parsed = parse_request(body);
    ASSERT_TRUE(parsed.ok());
    auto out = rewrite_chat_request(*parsed, profiles.at("thinking-general"));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().kind, ErrorKind::bad_request);
    EXPECT_EQ(out.error().param, "chat_template_kwargs");
    // Completions do not read chat_template_kwargs, so the same body is fine there.
    EXPECT_TRUE(rewrite_completion_request(*parsed, profiles.at("thinking-general")).ok());
  }
}

TEST(ChatRequest, RewriteReportsTheSettingsItApplied) {
  Profile profile;
  profile.backend_model = "b";
  profile.params = {{"temperature", "0.6", FieldRule::fill_default},
                    {"top_p", "0.9", FieldRule::fill_default},
                    {"seed", "1", FieldRule::force},
                    {"logprobs", "", FieldRule::strip},
                    {"top_k", "", FieldRule::strip}};
  profile.chat_template_kwargs = {{"enable_thinking", "true", FieldRule::force},
                                  {"foo", "1", FieldRule::fill_default},
                                  {"bar", "", FieldRule::strip}};
  const auto names = [](const std::vector<const FieldSetting*>& applied) {
    std::vector<std::string> out;
    for (const FieldSetting* setting : applied) out.push_back(setting->name);
    return out;
  };
  using Names = std::vector<std::string>;
  const std::string body = R"({"model":"m","temperature":0.1,"top_p":null,"logprobs":true,)"
                           R"("chat_template_kwargs":{"foo":2}})";
  auto parsed = parse_request(body);
  ASSERT_TRUE(parsed.ok());

  auto chat = rewrite_chat_request(*parsed, profile);
  ASSERT_TRUE(chat.ok());
  EXPECT_EQ(names(chat->params_applied), (Names{"top_p", "seed", "logprobs"}));
  EXPECT_EQ(names(chat->kwargs_applied), (Names{"enable_thinking"}));
  EXPECT_EQ(chat->body.flatten(),
            R"({"model":"b","temperature":0.1,"top_p":0.9,)"
            R"("chat_template_kwargs":{"foo":2,"enable_thinking":true},"seed":1})");

  auto completion = rewrite_completion_request(*parsed, profile);
  ASSERT_TRUE(completion.ok());
  EXPECT_EQ(names(completion->params_applied), (Names{"top_p", "seed", "logprobs"}));
  EXPECT_TRUE(completion->kwargs_applied.empty());

  auto tokenize = rewrite_tokenize_request(*parsed, profile);
  ASSERT_TRUE(tokenize.ok());
  EXPECT_TRUE(tokenize->params_applied.empty());
  EXPECT_EQ(names(tokenize->kwargs_applied), (Names{"enable_thinking"}));

  // Absent or null chat_template_kwargs: every setting but a strip fills the new object.
  auto without_kwargs = parse_request(R"({"model":"m","chat_template_kwargs":null})");
  ASSERT_TRUE(without_kwargs.ok());
  auto filled = rewrite_tokenize_request(*without_kwargs, profile);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(names(filled->kwargs_applied), (Names{"enable_thinking", "foo"}));
  EXPECT_EQ(filled->body.flatten(),
            R"({"model":"b","chat_template_kwargs":{"enable_thinking":true,"foo":1}})");
}

TEST(ChatRequest, RewriteIsPureAndRepeatable) {
  const auto profiles = testing::test_profiles();
  const std::string body =
      R"({"model":"m","top_p":null,"messages":[{"role":"user","content":"x"}]})";
  const std::string copy = body;
  auto parsed = parse_request(body);
  ASSERT_TRUE(parsed.ok());
  auto first = rewrite_chat_request(*parsed, profiles.at("mixed"));
  auto second = rewrite_chat_request(*parsed, profiles.at("mixed"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->body.flatten(), second->body.flatten());
  EXPECT_EQ(body, copy);
  EXPECT_NE(first->body.flatten(), body);
}

TEST(ChatRequest, LargeBase64BodyIsForwardedByViewNotCopy) {
  const auto profiles = testing::test_profiles();
  std::string image(32u << 20, 'A');
  for (std::size_t i = 0; i < image.size(); i += 7) image[i] = "+/09az"[i % 6];
  const std::string head =
      R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,)";
  const std::string tail = R"("}}]}],"temperature":0.1})";
  const std::string body = head + image + tail;
  auto parsed = parse_request(body);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  auto out = rewrite_chat_request(*parsed, profiles.at("thinking-general"));
  ASSERT_TRUE(out.ok());
  // The piece holding the image is a view into the client's body, not a copy.
  bool image_viewed_in_place = false;
  out->body.for_each_piece([&](const char* data, std::size_t size) {
    if (size > image.size() && data >= body.data() && data + size <= body.data() + body.size()) {
      image_viewed_in_place = true;
    }
  });
  EXPECT_TRUE(image_viewed_in_place);
  const std::string flat = out->body.flatten();
  EXPECT_NE(flat.find(image), std::string::npos);
  EXPECT_TRUE(flat.starts_with(R"({"model":"Qwen3.5-35B-A3B","messages":)"));
  EXPECT_TRUE(flat.ends_with(
      R"("temperature":0.1,"top_p":0.95,"top_k":20,"min_p":0.0,"presence_penalty":1.5,"repetition_penalty":1.0,"chat_template_kwargs":{"enable_thinking":true}})"));
}

TEST(ChatRequest, UnknownModelListsVirtualModels) {
  std::vector<Profile> profiles;
  for (const auto& [name, profile] : testing::test_profiles()) profiles.push_back(profile);
  const Error error = unknown_model_error("gpt-4\"o", profiles);
  EXPECT_EQ(error.kind, ErrorKind::not_found);
  EXPECT_EQ(error.param, "model");
  for (const Profile& profile : profiles) {
    EXPECT_NE(error.message.find(profile.virtual_name), std::string::npos);
  }
  EXPECT_NE(error.message.find("gpt-4\"o"), std::string::npos);
  EXPECT_EQ(error_body(error),
            R"({"error":{"message":"The model `gpt-4\"o` does not exist. Available models: )"
            R"(qwen3.5-instruct-general, mixed-rules, qwen3.5-thinking-general.",)"
            R"("type":"not_found_error","param":"model","code":404}})");
}

}  // namespace
}  // namespace qp::transform
