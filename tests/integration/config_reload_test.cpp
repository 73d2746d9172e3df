// Configuration reload: new requests get the new configuration at once, a stream in flight finishes
// with the one it started with, and a configuration that does not load changes nothing.
#include "proxy/config_reload.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using ConfigReload = ProxyFixture;

std::string chat_for(const std::string& model, bool stream) {
  return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
         R"(,"messages":[{"role":"user","content":"hi"}]})";
}

// The running configuration with qwen3.5-instruct-general renamed to `new_name` and given a
// forced temperature of 0.25.
Config renamed(const Config& running, const std::string& new_name) {
  Config next = running;
  for (auto& profile : next.profiles) {
    if (profile.virtual_name != "qwen3.5-instruct-general") continue;
    profile.virtual_name = new_name;
    for (auto& setting : profile.params) {
      if (setting.name == "temperature") setting = {"temperature", "0.25", FieldRule::force};
    }
  }
  return next;
}

TEST_F(ConfigReload, StreamInFlightKeepsItsConfigurationWhileNewRequestsGetTheNewOne) {
  auto streaming = client();
  auto head =
      streaming.start_stream("/v1/chat/completions", chat_for("qwen3.5-instruct-general", true),
                             {{"x-sim-tokens", "30"}, {"x-sim-tpot-ms", "20"}});
  ASSERT_EQ(head.status, 200);
  ASSERT_TRUE(streaming.next_event().has_value());

  auto& holder = proxy_->shared().config;
  const Config running = *holder.get();
  const auto outcome =
      proxy::reload_configuration(holder, [&] { return renamed(running, "qwen3.5-chat"); });
  ASSERT_TRUE(outcome.applied) << outcome.error;
  EXPECT_TRUE(outcome.warnings.empty());

  auto renamed_answer = client().post_json("/v1/chat/completions", chat_for("qwen3.5-chat", false));
  EXPECT_EQ(renamed_answer.status, 200) << renamed_answer.body;
  EXPECT_NE(last_upstream_body().find(R"("temperature":0.25)"), std::string::npos);
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", chat_for("qwen3.5-instruct-general", false))
                .status,
            404);

  // The stream that started before still answers as the old virtual model, to its end.
  const std::string rest = streaming.read_rest();
  EXPECT_NE(rest.find("data: [DONE]"), std::string::npos) << rest;
  EXPECT_NE(rest.find(R"("model":"qwen3.5-instruct-general")"), std::string::npos) << rest;
  EXPECT_EQ(rest.find("qwen3.5-chat"), std::string::npos) << rest;
}

TEST_F(ConfigReload, InvalidConfigurationKeepsTheRunningOne) {
  auto& holder = proxy_->shared().config;
  const auto before = holder.get();
  const auto outcome = proxy::reload_configuration(holder, []() -> Config {
    throw ConfigError("models.toml:3:1: unknown key \"tempreature\"");
  });
  EXPECT_FALSE(outcome.applied);
  EXPECT_NE(outcome.error.find("models.toml:3:1"), std::string::npos);
  EXPECT_EQ(holder.get(), before);
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", chat_for("qwen3.5-instruct-general", false))
                .status,
            200);
}

TEST_F(ConfigReload, RestartOnlySettingsKeepTheirRunningValuesWithAWarning) {
  auto& holder = proxy_->shared().config;
  const Config running = *holder.get();
  const auto outcome = proxy::reload_configuration(holder, [&] {
    Config next = running;
    next.port = 1234;
    next.target = "http://10.0.0.1:8000";
    next.backend.host = "10.0.0.1";
    next.max_body_bytes = 10;   // reloadable
    next.served_model.clear();  // the running one knows it: kept
    return next;
  });
  ASSERT_TRUE(outcome.applied);
  ASSERT_EQ(outcome.warnings.size(), 2u);
  EXPECT_NE(outcome.warnings[0].find("port"), std::string::npos);
  EXPECT_NE(outcome.warnings[1].find("target"), std::string::npos);
  const auto now = holder.get();
  EXPECT_EQ(now->port, running.port);
  EXPECT_EQ(now->target, running.target);
  EXPECT_EQ(now->backend.host, running.backend.host);
  EXPECT_EQ(now->max_body_bytes, 10u);
  EXPECT_EQ(now->served_model, kServedModel);
  EXPECT_EQ(client()
                .post_json("/v1/chat/completions", chat_for("qwen3.5-instruct-general", false))
                .status,
            413);
}

}  // namespace
}  // namespace qp::test
