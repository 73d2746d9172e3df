// qwen35-rp invocations (flags, environment, both; one or two dashes; --flag=value) and the
// Config they produce, plus this proxy's own options, --help and --version.
#include <gtest/gtest.h>

#include <array>

#include "config/builtin_profiles.hpp"
#include "config/command_line.hpp"
#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::load;
using Names = std::array<std::string, 4>;

struct Expected {
  std::string listen = "0.0.0.0";
  std::uint16_t port = 9000;
  std::string backend_host = "127.0.0.1";
  std::uint16_t backend_port = 8000;
  LogLevel log_level = LogLevel::info;
  std::string served_model;
  Names names = {"qwen3.5-thinking-general", "qwen3.5-thinking-coding", "qwen3.5-instruct-general",
                 "qwen3.5-instruct-reasoning"};
  bool enforce = false;
};

struct Invocation {
  const char* what;
  std::vector<std::string> args;
  Environment env;
  Expected expected;
};

const Names kRenamed = {"tg", "tc", "ig", "ir"};

Expected custom() {
  return {"127.0.0.1", 9100, "10.0.0.5", 8001, LogLevel::debug, "Qwen/Qwen3.5-35B-A3B",
          kRenamed,    true};
}

const Environment kFullEnv = {
    {"QWEN35RP_LISTEN", "127.0.0.1"},
    {"QWEN35RP_PORT", "9100"},
    {"QWEN35RP_TARGET", "http://10.0.0.5:8001"},
    {"QWEN35RP_LOGLEVEL", "DEBUG"},
    {"QWEN35RP_SERVED_MODEL_NAME", "Qwen/Qwen3.5-35B-A3B"},
    {"QWEN35RP_THINKING_GENERAL_MODEL", "tg"},
    {"QWEN35RP_THINKING_CODING_MODEL", "tc"},
    {"QWEN35RP_INSTRUCT_GENERAL_MODEL", "ig"},
    {"QWEN35RP_INSTRUCT_REASONING_MODEL", "ir"},
    {"QWEN35RP_ENFORCE_SAMPLING_PARAMS", "true"},
};

std::vector<Invocation> invocations() {
  Expected env_over_flags = custom();
  Expected flag_where_env_empty;
  flag_where_env_empty.port = 9300;
  Expected enforce_off = custom();
  enforce_off.enforce = false;
  Expected mixed;
  mixed.port = 9200;
  mixed.listen = "::1";
  mixed.log_level = LogLevel::warn;
  Expected dash_value;
  dash_value.served_model = "-odd-name";
  Expected equals_value;
  equals_value.served_model = "a=b";
  Expected last_wins;
  last_wins.port = 9002;
  Expected ipv6_target;
  ipv6_target.backend_host = "::1";
  ipv6_target.backend_port = 8000;
  Expected default_http_port;
  default_http_port.backend_host = "vllm.internal";
  default_http_port.backend_port = 80;
  Expected localhost_listen;
  localhost_listen.listen = "127.0.0.1";
  Expected env_false;
  env_false.enforce = false;
  Expected env_true;
  env_true.enforce = true;

  return {
      {"nothing given: qwen35-rp defaults", {}, {}, Expected{}},
      {"single-dash flags, space separated",
       {"-listen", "127.0.0.1", "-port", "9100", "-target", "http://10.0.0.5:8001", "-loglevel",
        "DEBUG", "-served-model", "Qwen/Qwen3.5-35B-A3B", "-thinking-general", "tg",
        "-thinking-coding", "tc", "-instruct-general", "ig", "-instruct-reasoning", "ir",
        "-enforce-sampling-params"},
       {},
       custom()},
      {"double-dash flags with =",
       {"--listen=127.0.0.1", "--port=9100", "--target=http://10.0.0.5:8001", "--loglevel=DEBUG",
        "--served-model=Qwen/Qwen3.5-35B-A3B", "--thinking-general=tg", "--thinking-coding=tc",
        "--instruct-general=ig", "--instruct-reasoning=ir", "--enforce-sampling-params=true"},
       {},
       custom()},
      {"single-dash flags with =",
       {"-listen=127.0.0.1", "-port=9100", "-target=http://10.0.0.5:8001", "-loglevel=DEBUG",
        "-served-model=Qwen/Qwen3.5-35B-A3B", "-thinking-general=tg", "-thinking-coding=tc",
        "-instruct-general=ig", "-instruct-reasoning=ir", "-enforce-sampling-params=1"},
       {},
       custom()},
      {"environment only", {}, kFullEnv, custom()},
      {"environment wins over every flag",
       {"-listen", "0.0.0.0", "-port", "9999", "-target", "http://127.0.0.1:7000", "-loglevel",
        "ERROR", "-served-model", "other", "-thinking-general", "x1", "-thinking-coding", "x2",
        "-instruct-general", "x3", "-instruct-reasoning", "x4", "-enforce-sampling-params=false"},
       kFullEnv,
       env_over_flags},
      {"an empty variable counts as unset",
       {"-port", "9300"},
       {{"QWEN35RP_PORT", ""}},
       flag_where_env_empty},
      {"environment false beats flag true",
       {"--enforce-sampling-params"},
       {{"QWEN35RP_ENFORCE_SAMPLING_PARAMS", "False"}},
       env_false},
      {"environment t enables enforce", {}, {{"QWEN35RP_ENFORCE_SAMPLING_PARAMS", "t"}}, env_true},
      {"flag =false switches enforce off",
       {"-listen", "127.0.0.1", "-port", "9100", "-target", "http://10.0.0.5:8001", "-loglevel",
        "DEBUG", "-served-model", "Qwen/Qwen3.5-35B-A3B", "-thinking-general", "tg",
        "-thinking-coding", "tc", "-instruct-general", "ig", "-instruct-reasoning", "ir",
        "-enforce-sampling-params=false"},
       {},
       enforce_off},
      {"flags and variables for different settings combine",
       {"--listen", "::1", "-loglevel=warn"},
       {{"QWEN35RP_PORT", "9200"}},
       mixed},
      {"a value may start with a dash", {"-served-model", "-odd-name"}, {}, dash_value},
      {"a value may contain =", {"--served-model=a=b"}, {}, equals_value},
      {"the last of a repeated flag wins", {"-port", "9001", "--port=9002"}, {}, last_wins},
      {"bracketed IPv6 target", {"-target", "http://[::1]:8000/"}, {}, ipv6_target},
      {"target without port uses 80", {"-target", "http://vllm.internal"}, {}, default_http_port},
      {"localhost listen address", {"-listen", "localhost"}, {}, localhost_listen},
      {"an empty served model means ask the backend", {"-served-model", ""}, {}, Expected{}},
      {"an empty served model with =", {"--served-model="}, {}, Expected{}},
  };
}

TEST(ConfigQwen35RpCompat, InvocationsGiveTheExpectedConfig) {
  for (const Invocation& invocation : invocations()) {
    SCOPED_TRACE(invocation.what);
    const LoadedConfig loaded = load(invocation.args, invocation.env);
    ASSERT_EQ(loaded.action, StartupAction::run);
    const Config& config = loaded.config;
    const Expected& expected = invocation.expected;
    EXPECT_EQ(config.listen_address, expected.listen);
    EXPECT_EQ(config.port, expected.port);
    EXPECT_EQ(config.backend.host, expected.backend_host);
    EXPECT_EQ(config.backend.port, expected.backend_port);
    EXPECT_EQ(config.log_level, expected.log_level);
    EXPECT_EQ(config.served_model, expected.served_model);
    EXPECT_EQ(config.enforce_sampling_params, expected.enforce);
    ASSERT_EQ(config.profiles.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(config.profiles[i].virtual_name, expected.names[i]);
      EXPECT_EQ(config.profiles[i].backend_model, expected.served_model);
      for (const FieldSetting& param : config.profiles[i].params) {
        EXPECT_EQ(param.rule, expected.enforce ? FieldRule::force : FieldRule::fill_default);
      }
    }
  }
}

TEST(ConfigQwen35RpCompat, DefaultsOfOwnOptions) {
  const Config config = load({}).config;
  EXPECT_EQ(config.target, "http://127.0.0.1:8000");
  EXPECT_EQ(config.reasoning_field, ReasoningField::as_is);
  EXPECT_EQ(config.backend_timeout, std::chrono::seconds(600));
  EXPECT_EQ(config.max_body_bytes, 100u << 20);
  EXPECT_EQ(config.max_event_bytes, 10u << 20);
  EXPECT_EQ(config.threads, 0u);
  EXPECT_EQ(config.upstream_idle_timeout, std::chrono::milliseconds(4000));
  EXPECT_TRUE(load({}).warnings.empty());
}

TEST(ConfigOwnOptions, FlagsAndVariablesSetThem) {
  const std::vector<std::string> flags = {"--reasoning-field=both",
                                          "-backend-timeout",
                                          "30",
                                          "--max-body-bytes",
                                          "2048",
                                          "--max-event-bytes=512",
                                          "-threads=4",
                                          "--upstream-idle-timeout-ms",
                                          "3000"};
  const Environment env = {{"QWEN35RP_REASONING_FIELD", "both"},
                           {"QWEN35RP_BACKEND_TIMEOUT", "30"},
                           {"QWEN35RP_MAX_BODY_BYTES", "2048"},
                           {"QWEN35RP_MAX_EVENT_BYTES", "512"},
                           {"QWEN35RP_THREADS", "4"},
                           {"QWEN35RP_UPSTREAM_IDLE_TIMEOUT_MS", "3000"}};
  for (const LoadedConfig& loaded : {load(flags), load({}, env)}) {
    const Config& config = loaded.config;
    EXPECT_EQ(config.reasoning_field, ReasoningField::both);
    EXPECT_EQ(config.backend_timeout, std::chrono::seconds(30));
    EXPECT_EQ(config.max_body_bytes, 2048u);
    EXPECT_EQ(config.max_event_bytes, 512u);
    EXPECT_EQ(config.threads, 4u);
    EXPECT_EQ(config.upstream_idle_timeout, std::chrono::milliseconds(3000));
    for (const Profile& profile : config.profiles) {
      EXPECT_EQ(profile.reasoning_field, ReasoningField::both);
    }
  }
}

TEST(ConfigQwen35RpCompat, RenamedVirtualModelsKeepTheirProfileValues) {
  const Config config =
      load({"-instruct-reasoning", "my-reasoner"}, {{"QWEN35RP_THINKING_CODING_MODEL", "coder"}})
          .config;
  const Profile* coder = find_profile(config, "coder");
  ASSERT_NE(coder, nullptr);
  EXPECT_EQ(coder->params[0].name, "temperature");
  EXPECT_EQ(coder->params[0].json_value, "0.6");
  const Profile* reasoner = find_profile(config, "my-reasoner");
  ASSERT_NE(reasoner, nullptr);
  EXPECT_EQ(reasoner->params[2].json_value, "40");  // top_k of instruct-reasoning
  EXPECT_EQ(reasoner->chat_template_kwargs[0].json_value, "false");
  EXPECT_EQ(find_profile(config, "qwen3.5-thinking-coding"), nullptr);
  EXPECT_NE(find_profile(config, "qwen3.5-thinking-general"), nullptr);
}

TEST(ConfigCommandLine, HelpListsEveryFlagWithVariableAndDefault) {
  for (const char* flag : {"-h", "--help", "-help"}) {
    const LoadedConfig loaded = load({"-port", "1", flag});
    ASSERT_EQ(loaded.action, StartupAction::print_help) << flag;
    for (const OptionSpec& spec : option_specs()) {
      EXPECT_NE(loaded.help_text.find("--" + std::string(spec.name)), std::string::npos)
          << spec.name;
      EXPECT_NE(loaded.help_text.find(spec.env), std::string::npos) << spec.env;
      if (!spec.default_text.empty()) {
        EXPECT_NE(loaded.help_text.find("(default: " + std::string(spec.default_text) + ")"),
                  std::string::npos)
            << spec.name;
      }
    }
  }
}

TEST(ConfigCommandLine, VersionIsAnAction) {
  EXPECT_EQ(load({"--version"}).action, StartupAction::print_version);
  EXPECT_EQ(load({"-version"}).action, StartupAction::print_version);
}

TEST(ConfigEnvironment, UnknownQwen35RpVariablesAreReported) {
  const LoadedConfig loaded = load({}, {{"QWEN35RP_PROT", "9000"}, {"HOME", "/root"}});
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_NE(loaded.warnings[0].find("QWEN35RP_PROT"), std::string::npos);
}

TEST(ConfigEnvironment, ReadsNameValueEntries) {
  const char* entries[] = {"QWEN35RP_PORT=9400", "EMPTY=", "WITH_EQUALS=a=b", "NOEQUALS", nullptr};
  const Environment env = environment_from(entries);
  EXPECT_EQ(env, (Environment{{"QWEN35RP_PORT", "9400"}, {"EMPTY", ""}, {"WITH_EQUALS", "a=b"}}));
  EXPECT_EQ(load({}, env).config.port, 9400);
}

}  // namespace
}  // namespace qp
