// API keys at request time: clients must present a configured key, a virtual model can be limited
// to some keys, the client's credentials never reach vLLM when the proxy checks them, and the
// proxy's own backend key does.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

constexpr const char* kChat =
    R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";
constexpr const char* kCodingChat =
    R"({"model":"qwen3.5-thinking-coding","messages":[{"role":"user","content":"hi"}]})";

class ClientKeys : public ProxyFixture {
 protected:
  void SetUp() override {
    Config config = proxy_config(0);
    config.api_keys = {{"alice", "sk-alice-0123456789"}, {"bob", "sk-bob-9876543210"}};
    for (auto& profile : config.profiles) {
      if (profile.virtual_name == "qwen3.5-thinking-coding") profile.allowed_keys = {"alice"};
    }
    start_with(fast_sim_options(), config);
  }

  static Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }
};

TEST_F(ClientKeys, RequestWithoutKeyIs401WithOpenAiBodyAndNothingReachesTheBackend) {
  auto response = client().post_json("/v1/chat/completions", kChat);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.header("www-authenticate"), "Bearer");
  EXPECT_NE(response.body.find(R"("type":"authentication_error")"), std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("Authorization: Bearer"), std::string::npos) << response.body;
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(ClientKeys, WrongKeysAre401WhateverTheirShape) {
  for (const std::string wrong :
       {"sk-alice-012345678", "sk-alice-0123456789x", "SK-ALICE-0123456789", "x", ""}) {
    EXPECT_EQ(client().post_json("/v1/chat/completions", kChat, bearer(wrong)).status, 401)
        << wrong;
  }
  Headers basic{{"Authorization", "Basic sk-alice-0123456789"}};
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat, basic).status, 401);
  EXPECT_EQ(client().request("GET", "/v1/models").status, 401);
  EXPECT_EQ(client().request("GET", "/metrics").status, 401);  // pass-through paths too
  EXPECT_EQ(sim().stats().requests, 0u);
}

TEST_F(ClientKeys, ValidKeyIsAcceptedAndNotForwardedToTheBackend) {
  auto response = client().post_json("/v1/chat/completions", kChat, bearer("sk-bob-9876543210"));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(last_upstream_header("authorization"), "");
  Headers lower_scheme{{"Authorization", "bearer   sk-alice-0123456789 "}};
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat, lower_scheme).status, 200);
  Headers anthropic_style{{"X-Api-Key", "sk-alice-0123456789"}};
  EXPECT_EQ(client().post_json("/v1/chat/completions", kChat, anthropic_style).status, 200);
  EXPECT_EQ(last_upstream_header("x-api-key"), "");
}

TEST_F(ClientKeys, HealthAndReadyStayOpen) {
  EXPECT_EQ(client().request("GET", "/health").status, 200);
  EXPECT_EQ(client().request("GET", "/ready").status, 200);
}

TEST_F(ClientKeys, ModelLimitedToSomeKeysLooksAbsentToOthers) {
  auto as_bob =
      client().post_json("/v1/chat/completions", kCodingChat, bearer("sk-bob-9876543210"));
  EXPECT_EQ(as_bob.status, 404);
  EXPECT_EQ(as_bob.body.find("qwen3.5-thinking-coding\","), std::string::npos)
      << "the model list in the message must not name it: " << as_bob.body;
  auto as_alice =
      client().post_json("/v1/chat/completions", kCodingChat, bearer("sk-alice-0123456789"));
  EXPECT_EQ(as_alice.status, 200) << as_alice.body;

  auto bob_models = client().request("GET", "/v1/models", {}, bearer("sk-bob-9876543210"));
  ASSERT_EQ(bob_models.status, 200);
  EXPECT_EQ(bob_models.body.find("qwen3.5-thinking-coding"), std::string::npos);
  EXPECT_NE(bob_models.body.find("qwen3.5-thinking-general"), std::string::npos);
  auto alice_models = client().request("GET", "/v1/models", {}, bearer("sk-alice-0123456789"));
  EXPECT_NE(alice_models.body.find("qwen3.5-thinking-coding"), std::string::npos);
}

using BackendKey = ProxyFixture;

TEST_F(BackendKey, ReplacesTheClientsAuthorizationOnEveryPath) {
  Config config = proxy_config(0);
  config.backend_api_key = "vllm-secret-key";
  start_with(fast_sim_options(), config);
  Headers client_auth{{"Authorization", "Bearer client-token"}};
  ASSERT_EQ(client().post_json("/v1/chat/completions", kChat, client_auth).status, 200);
  EXPECT_EQ(last_upstream_header("authorization"), "Bearer vllm-secret-key");
  ASSERT_EQ(client().request("GET", "/version", {}, client_auth).status, 200);
  EXPECT_EQ(last_upstream_header("authorization"), "Bearer vllm-secret-key");
}

TEST_F(BackendKey, WithoutOneTheClientsAuthorizationPassesThrough) {
  Headers client_auth{{"Authorization", "Bearer client-token"}};
  ASSERT_EQ(client().post_json("/v1/chat/completions", kChat, client_auth).status, 200);
  EXPECT_EQ(last_upstream_header("authorization"), "Bearer client-token");
}

}  // namespace
}  // namespace qp::test
