// Bad input is answered by the proxy with an OpenAI-style 400/404 and never reaches the backend.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using Rejection = ProxyFixture;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void expect_openai_error(const HttpResult& response, int status) {
  EXPECT_EQ(response.status, status) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  ASSERT_FALSE(parser.parse(response.body).get(body)) << response.body;
  simdjson::dom::element error = body["error"];
  EXPECT_TRUE(error["message"].is_string());
  EXPECT_TRUE(error["type"].is_string());
  EXPECT_EQ(int64_t(error["code"]), status);
}

TEST_F(Rejection, EveryMalformedJsonCaseIsA400ThatNeverReachesTheBackend) {
  auto http = client();
  int cases = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(QWEN35_TESTDATA_DIR "/JSONTestSuite/test_parsing")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("n_", 0) != 0) continue;
    SCOPED_TRACE(name);
    const std::string document = read_file(entry.path());
    expect_openai_error(http.post_json("/v1/chat/completions", document), 400);
    expect_openai_error(http.post_json("/v1/chat/completions",
                                       R"({"model":"qwen3.5-thinking-general","messages":[],"x":)" +
                                           document + "}"),
                        400);
    ++cases;
  }
  EXPECT_GT(cases, 150);
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(Rejection, WrongShapesAreExplained) {
  auto http = client();
  expect_openai_error(http.post_json("/v1/chat/completions", "[1,2]"), 400);
  expect_openai_error(http.post_json("/v1/chat/completions", R"({"messages":[]})"), 400);
  expect_openai_error(http.post_json("/v1/chat/completions", R"({"model":7})"), 400);
  expect_openai_error(http.post_json("/v1/chat/completions",
                                     R"({"model":"qwen3.5-thinking-general","stream":"yes"})"),
                      400);
  expect_openai_error(
      http.post_json("/v1/chat/completions", R"({"model":"qwen3.5-thinking-general","messages":[],)"
                                             R"("chat_template_kwargs":[1]})"),
      400);
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(Rejection, UnknownModelIs404ListingVirtualModels) {
  auto response = client().post_json("/v1/chat/completions", R"({"model":"gpt-4o","messages":[]})");
  expect_openai_error(response, 404);
  for (const char* name : {"qwen3.5-thinking-general", "qwen3.5-thinking-coding",
                           "qwen3.5-instruct-general", "qwen3.5-instruct-reasoning"}) {
    EXPECT_NE(response.body.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(Rejection, BodyOverTheLimitIs413WithoutReadingIt) {
  Config config = proxy_config(0);
  config.max_body_bytes = 1024;
  start_with(fast_sim_options(), config);
  // Only the head is sent: the proxy must answer from Content-Length alone.
  const std::string head =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000000\r\n\r\n";
  const std::string answer = client().raw_exchange(head, "\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_EQ(sim().stats().requests, 0u);
}

}  // namespace
}  // namespace qp::test
