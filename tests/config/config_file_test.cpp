// The configuration file: every section read into Config, [[models]] into Profiles, and the
// shipped examples (examples/qwen35.toml is exactly the built-in profiles).
#include <gtest/gtest.h>

#include "config/builtin_profiles.hpp"
#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::load;
using config_test::TempFile;

const char* const kFullFile = R"(
[server]
listen = "127.0.0.1"
port = 9100
threads = 3

[backend]
target = "http://10.0.0.5:8001"
served_model = "Qwen3.5-35B-A3B"
api_key = "sk-backend"
timeout_seconds = 30
idle_timeout_ms = 2500

[limits]
max_body_bytes = 2048
max_event_bytes = 512

[logging]
level = "debug"

[policy]
reasoning_field = "both"
enforce_sampling_params = false

[auth]
api_keys = ["sk-unnamed", { name = "alice", key = "sk-alice" }]

[[models]]
name = "coder"
apis = ["chat", "completions"]
[models.params]
top_p = { default = 0.95 }
temperature = { force = 0.6 }
seed = { strip = true }
stop = { default = ["</s>", "<|im_end|>"] }
response_format = { default = { type = "json_object" } }
[models.chat_template_kwargs]
enable_thinking = { force = true }
custom_flag = { default = "x" }

[[models]]
name = "chat"
backend_model = "Qwen3-4B"
reasoning_field = "reasoning_content"
allowed_keys = ["alice"]
chat_template_kwargs = { enable_thinking = { force = false } }
params = { temperature = { default = 0.7 } }

[[models]]
name = "plain"
repair_misplaced_answer = true
)";

TEST(ConfigFile, EverySectionReachesConfig) {
  TempFile file(kFullFile);
  const LoadedConfig loaded = load({"--config", file.path()});
  ASSERT_EQ(loaded.action, StartupAction::run);
  const Config& config = loaded.config;
  EXPECT_EQ(config.config_file, file.path());
  EXPECT_EQ(config.listen_address, "127.0.0.1");
  EXPECT_EQ(config.port, 9100);
  EXPECT_EQ(config.threads, 3u);
  EXPECT_EQ(config.target, "http://10.0.0.5:8001");
  EXPECT_EQ(config.backend.host, "10.0.0.5");
  EXPECT_EQ(config.backend.port, 8001);
  EXPECT_EQ(config.served_model, "Qwen3.5-35B-A3B");
  EXPECT_EQ(config.backend_api_key, "sk-backend");
  EXPECT_EQ(config.backend_timeout, std::chrono::seconds(30));
  EXPECT_EQ(config.upstream_idle_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(config.max_body_bytes, 2048u);
  EXPECT_EQ(config.max_event_bytes, 512u);
  EXPECT_EQ(config.log_level, LogLevel::debug);
  EXPECT_EQ(config.reasoning_field, ReasoningField::both);
  EXPECT_FALSE(config.enforce_sampling_params);
  EXPECT_EQ(config.api_keys, (std::vector<ApiKey>{{"", "sk-unnamed"}, {"alice", "sk-alice"}}));
}

TEST(ConfigFile, ModelsReplaceTheBuiltinsWithTheirRulesInFileOrder) {
  TempFile file(kFullFile);
  const Config config = load({"--config", file.path()}).config;
  ASSERT_EQ(config.profiles.size(), 3u);
  EXPECT_EQ(find_profile(config, "qwen3.5-thinking-general"), nullptr);

  const Profile& coder = config.profiles[0];
  EXPECT_EQ(coder.virtual_name, "coder");
  EXPECT_EQ(coder.backend_model, "Qwen3.5-35B-A3B") << "defaults to the served model";
  const std::vector<FieldSetting> coder_params = {
      {"top_p", "0.95", FieldRule::fill_default},
      {"temperature", "0.6", FieldRule::force},
      {"seed", "", FieldRule::strip},
      {"stop", R"(["</s>","<|im_end|>"])", FieldRule::fill_default},
      {"response_format", R"({"type":"json_object"})", FieldRule::fill_default}};
  EXPECT_EQ(coder.params, coder_params);
  const std::vector<FieldSetting> coder_kwargs = {
      {"enable_thinking", "true", FieldRule::force},
      {"custom_flag", "\"x\"", FieldRule::fill_default}};
  EXPECT_EQ(coder.chat_template_kwargs, coder_kwargs);
  EXPECT_TRUE(coder.apis.contains(Api::chat));
  EXPECT_TRUE(coder.apis.contains(Api::completions));
  EXPECT_FALSE(coder.apis.contains(Api::tokenize));
  EXPECT_FALSE(coder.apis.contains(Api::responses));
  EXPECT_FALSE(coder.apis.contains(Api::messages));
  EXPECT_FALSE(coder.repair_misplaced_answer) << "thinking is forced on";
  EXPECT_EQ(coder.reasoning_field, ReasoningField::both) << "the global one";
  EXPECT_TRUE(coder.allowed_keys.empty());

  const Profile& chat = config.profiles[1];
  EXPECT_EQ(chat.backend_model, "Qwen3-4B");
  EXPECT_EQ(chat.reasoning_field, ReasoningField::reasoning_content);
  EXPECT_TRUE(chat.repair_misplaced_answer) << "enable_thinking forced to false";
  EXPECT_EQ(chat.allowed_keys, std::vector<std::string>{"alice"});
  EXPECT_EQ(chat.apis, ApiSet{}) << "every API by default";
  EXPECT_EQ(chat.params,
            (std::vector<FieldSetting>{{"temperature", "0.7", FieldRule::fill_default}}));

  const Profile& plain = config.profiles[2];
  EXPECT_TRUE(plain.params.empty());
  EXPECT_TRUE(plain.chat_template_kwargs.empty());
  EXPECT_TRUE(plain.repair_misplaced_answer) << "set explicitly";
}

TEST(ConfigFile, RepairDefaultsFollowEnableThinking) {
  TempFile file(R"(
[[models]]
name = "default-off"
chat_template_kwargs = { enable_thinking = { default = false } }
[[models]]
name = "forced-off-but-disabled"
repair_misplaced_answer = false
chat_template_kwargs = { enable_thinking = { force = false } }
[[models]]
name = "nothing"
)");
  const Config config = load({"--config", file.path()}).config;
  EXPECT_FALSE(config.profiles[0].repair_misplaced_answer) << "only a forced false turns it on";
  EXPECT_FALSE(config.profiles[1].repair_misplaced_answer);
  EXPECT_FALSE(config.profiles[2].repair_misplaced_answer);
}

TEST(ConfigFile, KeyFileIsRelativeToTheConfigurationFile) {
  TempFile file("[auth]\napi_key_file = \"keys.txt\"\napi_keys = [\"sk-inline\"]\n");
  file.sibling("keys.txt", "# keys\nbob:sk-bob\n");
  const Config config = load({"--config", file.path()}).config;
  EXPECT_EQ(config.api_keys, (std::vector<ApiKey>{{"", "sk-inline"}, {"bob", "sk-bob"}}));
}

TEST(ConfigFile, AnEmptyFileGivesTheDefaults) {
  TempFile file("# nothing configured\n");
  const LoadedConfig with_file = load({"--config", file.path()});
  const LoadedConfig without = load({});
  EXPECT_EQ(with_file.config.profiles, without.config.profiles);
  EXPECT_EQ(with_file.config.port, without.config.port);
  EXPECT_EQ(with_file.config.target, without.config.target);
}

std::string example(const char* name) { return std::string(QWEN35_EXAMPLES_DIR) + "/" + name; }

TEST(ConfigExamples, Qwen35TomlIsExactlyTheBuiltinProfiles) {
  const LoadedConfig loaded = load({"--config", example("qwen35.toml")});
  ASSERT_EQ(loaded.action, StartupAction::run);
  EXPECT_EQ(loaded.config.profiles, builtin_profiles());
  // And every other setting is the default one.
  const Config defaults = load({}).config;
  const Config& config = loaded.config;
  EXPECT_EQ(config.listen_address, defaults.listen_address);
  EXPECT_EQ(config.port, defaults.port);
  EXPECT_EQ(config.threads, defaults.threads);
  EXPECT_EQ(config.target, defaults.target);
  EXPECT_EQ(config.served_model, defaults.served_model);
  EXPECT_EQ(config.backend_timeout, defaults.backend_timeout);
  EXPECT_EQ(config.upstream_idle_timeout, defaults.upstream_idle_timeout);
  EXPECT_EQ(config.max_body_bytes, defaults.max_body_bytes);
  EXPECT_EQ(config.max_event_bytes, defaults.max_event_bytes);
  EXPECT_EQ(config.log_level, defaults.log_level);
  EXPECT_EQ(config.reasoning_field, defaults.reasoning_field);
  EXPECT_EQ(config.enforce_sampling_params, defaults.enforce_sampling_params);
  EXPECT_TRUE(config.api_keys.empty());
}

TEST(ConfigExamples, Qwen35TomlWithFlagsBehavesLikeTheBuiltins) {
  const std::vector<std::string> flags = {"--served-model", "Qwen3.5-35B-A3B",
                                          "--enforce-sampling-params", "--reasoning-field=both"};
  std::vector<std::string> with_file = flags;
  with_file.insert(with_file.end(), {"--config", example("qwen35.toml")});
  EXPECT_EQ(load(with_file).config.profiles, load(flags).config.profiles);
}

TEST(ConfigExamples, SecondModelTomlLoads) {
  const LoadedConfig loaded = load({"--config", example("second-model.toml")});
  ASSERT_EQ(loaded.action, StartupAction::run);
  const Config& config = loaded.config;
  ASSERT_EQ(config.profiles.size(), 4u);
  const Profile* sql = find_profile(config, "sql-instruct");
  ASSERT_NE(sql, nullptr);
  EXPECT_EQ(sql->backend_model, "qwen35-sql");
  EXPECT_EQ(sql->allowed_keys, std::vector<std::string>{"team"});
  EXPECT_FALSE(sql->apis.contains(Api::messages));
  EXPECT_EQ(find_profile(config, "qwen3.5-thinking-coding")->backend_model, "Qwen3.5-35B-A3B");
  EXPECT_EQ(config.api_keys.size(), 2u);
}

}  // namespace
}  // namespace qp
