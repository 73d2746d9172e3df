// The rest of the vLLM surface through the proxy: the virtual models list, completions, tokenize,
// readiness, and pass-through of everything else.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "proxy_fixture.hpp"
#include "sse/sse_framer.hpp"

namespace qp::test {
namespace {

using ApiSurface = ProxyFixture;

TEST_F(ApiSurface, ModelsListsTheVirtualModelsWithTheBackendCard) {
  auto response = client().request("GET", "/v1/models");
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element list = parser.parse(response.body);
  EXPECT_EQ(std::string_view(list["object"]), "list");
  std::vector<std::string> ids;
  for (auto card : list["data"].get_array()) {
    ids.emplace_back(std::string_view(card["id"]));
    EXPECT_EQ(uint64_t(card["max_model_len"]), 262144u);
    EXPECT_EQ(std::string_view(card["owned_by"]), "vllm");
    EXPECT_EQ(std::string_view(card["qwen35_proxy"]["backend_model"]), kServedModel);
  }
  EXPECT_EQ(ids,
            (std::vector<std::string>{"qwen3.5-thinking-general", "qwen3.5-thinking-coding",
                                      "qwen3.5-instruct-general", "qwen3.5-instruct-reasoning"}));
  simdjson::dom::element first = list["data"].at(0)["qwen35_proxy"];
  EXPECT_TRUE(bool(first["thinking"]));
  EXPECT_DOUBLE_EQ(double(first["params"]["temperature"]), 1.0);
  EXPECT_FALSE(bool(list["data"].at(2)["qwen35_proxy"]["thinking"]));
}

TEST_F(ApiSurface, ModelsIs502NamingWhatTheBackendServesWhenTheModelIsMissing) {
  Config config = proxy_config(0);
  config.served_model = "Qwen3.5-122B-A10B";
  for (auto& profile : config.profiles) profile.backend_model = config.served_model;
  start_with(fast_sim_options(), config);
  auto response = client().request("GET", "/v1/models");
  EXPECT_EQ(response.status, 502);
  EXPECT_NE(response.body.find(kServedModel), std::string::npos) << response.body;
}

TEST_F(ApiSurface, CompletionsApplyTheProfileWithoutChatTemplateKwargs) {
  auto response = client().post_json(
      "/v1/completions",
      R"({"model":"qwen3.5-thinking-coding","prompt":"def f():","max_tokens":5})");
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  EXPECT_EQ(std::string_view(parser.parse(response.body)["model"]), "qwen3.5-thinking-coding");
  simdjson::dom::parser upstream_parser;
  const std::string upstream = last_upstream_body();
  simdjson::dom::element sent = upstream_parser.parse(upstream);
  EXPECT_EQ(std::string_view(sent["model"]), kServedModel);
  EXPECT_DOUBLE_EQ(double(sent["temperature"]), 0.6);
  EXPECT_EQ(sent["chat_template_kwargs"].error(), simdjson::NO_SUCH_FIELD);

  auto http = client();
  http.start_stream("/v1/completions",
                    R"({"model":"qwen3.5-thinking-coding","prompt":"def f():","stream":true})");
  int data_events = 0;
  while (auto event = http.next_event()) {
    auto data = event_data(*event);
    if (!data || *data == "[DONE]") continue;
    ++data_events;
    EXPECT_NE(data->find(R"("model":"qwen3.5-thinking-coding")"), std::string::npos) << *data;
  }
  EXPECT_GT(data_events, 1);
}

TEST_F(ApiSurface, TokenizeCountsDifferBetweenThinkingAndInstructModels) {
  const auto count = [&](const std::string& model) {
    auto response = client().post_json(
        "/tokenize", R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}]})");
    EXPECT_EQ(response.status, 200) << response.body;
    simdjson::dom::parser parser;
    return int64_t(parser.parse(response.body)["count"]);
  };
  const int64_t thinking = count("qwen3.5-thinking-general");
  const int64_t instruct = count("qwen3.5-instruct-general");
  EXPECT_NE(thinking, instruct);
  EXPECT_EQ(client().post_json("/tokenize", R"({"model":"nope","prompt":"hi"})").status, 404);
  auto unnamed = client().post_json("/tokenize", R"({"prompt":"hello there"})");
  EXPECT_EQ(unnamed.status, 200) << unnamed.body;
  EXPECT_EQ(last_upstream_body(), R"({"prompt":"hello there"})");
}

TEST_F(ApiSurface, ReadyFollowsTheBackendsHealth) {
  EXPECT_EQ(client().request("GET", "/ready").status, 200);
  sim_client().post_json("/sim/health", R"({"healthy":false})");
  EXPECT_EQ(client().request("GET", "/ready").status, 503);
  EXPECT_EQ(client().request("GET", "/health").status, 200);  // never touches the backend
  sim_client().post_json("/sim/health", R"({"healthy":true})");
  EXPECT_EQ(client().request("GET", "/ready").status, 200);
}

TEST_F(ApiSurface, OtherPathsPassThroughWithStatusAndBody) {
  auto version = client().request("GET", "/version?verbose=1");
  EXPECT_EQ(version.status, 200);
  EXPECT_EQ(version.body, sim_client().request("GET", "/version").body);
  auto missing = client().request("GET", "/no/such/path");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, sim_client().request("GET", "/no/such/path").body);
  auto metrics = client().request("GET", "/metrics");
  EXPECT_NE(metrics.body.find("vllm:cache_config_info"), std::string::npos);
}

}  // namespace
}  // namespace qp::test
