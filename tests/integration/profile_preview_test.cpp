// POST /v1/profiles/preview: the body it shows is exactly the body the backend receives when the
// same request is sent for real, and showing it sends nothing to the backend.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using ProfilePreview = ProxyFixture;

struct PreviewCase {
  std::string api;  // the preview's `api` parameter
  std::string path;
  std::string body;
};

TEST_F(ProfilePreview, ShowsExactlyTheBodyTheBackendReceives) {
  const std::vector<PreviewCase> cases = {
      {"chat", "/v1/chat/completions",
       R"({"model":"qwen3.5-thinking-coding","messages":[{"role":"user","content":"hi"}],)"
       R"("temperature":null, "max_tokens":5})"},
      {"chat", "/v1/chat/completions",
       R"({ "messages":[{"role":"user","content":"\u00e9"}], "model":"qwen3.5-instruct-general",)"
       R"( "chat_template_kwargs":{"foo":1}, "stream":false })"},
      {"completions", "/v1/completions",
       R"({"model":"qwen3.5-instruct-reasoning","prompt":"Once","max_tokens":3})"},
      {"tokenize", "/tokenize",
       R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":"hi"}]})"},
  };
  for (const auto& c : cases) {
    const auto before = sim().stats().requests;
    auto preview = client().post_json("/v1/profiles/preview?api=" + c.api, c.body);
    ASSERT_EQ(preview.status, 200) << c.body << "\n" << preview.body;
    EXPECT_EQ(sim().stats().requests, before) << "a preview must not reach the backend";
    EXPECT_EQ(preview.header("x-qwen35-upstream-path"), c.path);
    EXPECT_EQ(preview.header("content-type"), "application/json");

    auto real = client().post_json(c.path, c.body);
    ASSERT_EQ(real.status, 200) << real.body;
    EXPECT_EQ(preview.body, last_upstream_body()) << c.body;
    EXPECT_EQ(preview.header("x-qwen35-profile"), real.header("x-qwen35-profile"));
  }
}

TEST_F(ProfilePreview, DefaultsToChat) {
  const std::string body =
      R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";
  auto preview = client().post_json("/v1/profiles/preview", body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.header("x-qwen35-profile"), "qwen3.5-instruct-general");
  EXPECT_NE(preview.body.find(R"("enable_thinking":false)"), std::string::npos) << preview.body;
  EXPECT_NE(preview.body.find(kServedModel), std::string::npos) << preview.body;
}

TEST_F(ProfilePreview, ErrorsAreTheOnesTheApiWouldGive) {
  const std::string unknown = R"({"model":"gpt-4o","messages":[]})";
  EXPECT_EQ(client().post_json("/v1/profiles/preview", unknown).status, 404);
  EXPECT_EQ(client().post_json("/v1/profiles/preview", R"({"model":)").status, 400);
  const std::string no_model = R"({"prompt":"x"})";
  EXPECT_EQ(client().post_json("/v1/profiles/preview?api=tokenize", no_model).status, 400);
  auto bad_api = client().post_json("/v1/profiles/preview?api=embeddings", "{}");
  EXPECT_EQ(bad_api.status, 400);
  EXPECT_NE(bad_api.body.find("chat, completions, tokenize or detokenize"), std::string::npos);
  EXPECT_EQ(sim().stats().requests, 0u);
}

}  // namespace
}  // namespace qp::test
