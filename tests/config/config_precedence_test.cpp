// How file, flags and environment combine: built-in default < file < flag < environment, for
// scalar settings, keys, the file itself and the virtual models.
#include <gtest/gtest.h>

#include "config/builtin_profiles.hpp"
#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::load;
using config_test::TempFile;

// One setting given in some of the three places, and the value each combination must give.
struct Layered {
  const char* option;      // flag name
  const char* variable;    // its environment variable
  const char* file_text;   // the TOML that sets it
  const char* file_value;  // what the file sets, as read back from Config
  const char* flag_value;
  const char* env_value;
  const char* default_value;
  std::string (*read)(const Config&);
};

const Layered kLayered[] = {
    {"port", "QWEN35RP_PORT", "[server]\nport = 9101\n", "9101", "9102", "9103", "9000",
     [](const Config& c) { return std::to_string(c.port); }},
    {"loglevel", "QWEN35RP_LOGLEVEL", "[logging]\nlevel = \"warn\"\n", "WARN", "DEBUG", "ERROR",
     "INFO",
     [](const Config& c) {
       const char* names[] = {"COMPLETE", "DEBUG", "INFO", "WARN", "ERROR"};
       return std::string(names[static_cast<int>(c.log_level)]);
     }},
    {"access-log-format", "QWEN35RP_ACCESS_LOG_FORMAT", "[logging]\naccess_log_format = \"json\"\n",
     "json", "logfmt", "json", "logfmt",
     [](const Config& c) {
       return std::string(c.access_log_format == log::AccessLogFormat::json ? "json" : "logfmt");
     }},
    {"served-model", "QWEN35RP_SERVED_MODEL_NAME", "[backend]\nserved_model = \"file-model\"\n",
     "file-model", "flag-model", "env-model", "",
     [](const Config& c) {
       return c.served_model + (c.profiles[0].backend_model == c.served_model ? "" : "!");
     }},
    {"target", "QWEN35RP_TARGET", "[backend]\ntarget = \"http://file:1\"\n", "http://file:1",
     "http://flag:2", "http://env:3", "http://127.0.0.1:8000",
     [](const Config& c) { return c.target; }},
    {"reasoning-field", "QWEN35RP_REASONING_FIELD", "[policy]\nreasoning_field = \"both\"\n",
     "both", "reasoning", "reasoning_content", "as-is",
     [](const Config& c) {
       const char* names[] = {"as-is", "reasoning", "reasoning_content", "both"};
       return std::string(names[static_cast<int>(c.profiles[2].reasoning_field)]);
     }},
    {"backend-api-key", "QWEN35RP_BACKEND_API_KEY", "[backend]\napi_key = \"sk-file\"\n", "sk-file",
     "sk-flag", "sk-env", "", [](const Config& c) { return c.backend_api_key; }},
    {"max-body-bytes", "QWEN35RP_MAX_BODY_BYTES", "[limits]\nmax_body_bytes = 111\n", "111", "222",
     "333", "104857600", [](const Config& c) { return std::to_string(c.max_body_bytes); }},
    {"upstream-idle-timeout-ms", "QWEN35RP_UPSTREAM_IDLE_TIMEOUT_MS",
     "[backend]\nidle_timeout_ms = 1001\n", "1001", "1002", "1003", "4000",
     [](const Config& c) { return std::to_string(c.upstream_idle_timeout.count()); }},
    {"metrics-listen", "QWEN35RP_METRICS_LISTEN", "[metrics]\nlisten = \"127.0.0.2:1\"\n",
     "127.0.0.2:1", "[::1]:2", "off", "127.0.0.1:9464",
     [](const Config& c) {
       if (!c.metrics_enabled) return std::string("off");
       const bool ipv6 = c.metrics_address.find(':') != std::string::npos;
       return (ipv6 ? "[" + c.metrics_address + "]" : c.metrics_address) + ":" +
              std::to_string(c.metrics_port);
     }},
};

TEST(ConfigPrecedence, DefaultThenFileThenFlagThenEnvironment) {
  for (const Layered& layer : kLayered) {
    SCOPED_TRACE(layer.option);
    TempFile file(layer.file_text);
    const std::vector<std::string> file_args = {"--config", file.path()};
    std::vector<std::string> flag_args = {"--" + std::string(layer.option), layer.flag_value};
    std::vector<std::string> both = file_args;
    both.insert(both.end(), flag_args.begin(), flag_args.end());
    const Environment env = {{layer.variable, layer.env_value}};

    EXPECT_EQ(layer.read(load({}).config), layer.default_value) << "nothing given";
    EXPECT_EQ(layer.read(load(file_args).config), layer.file_value) << "file only";
    EXPECT_EQ(layer.read(load(both).config), layer.flag_value) << "flag over file";
    EXPECT_EQ(layer.read(load(file_args, env).config), layer.env_value) << "env over file";
    EXPECT_EQ(layer.read(load(both, env).config), layer.env_value) << "env over flag and file";
    EXPECT_EQ(layer.read(load(both, {{layer.variable, ""}}).config), layer.flag_value)
        << "an empty variable counts as unset";
  }
}

TEST(ConfigPrecedence, EnforceFromFileFlagAndEnvironment) {
  TempFile file("[policy]\nenforce_sampling_params = true\n");
  EXPECT_TRUE(load({"--config", file.path()}).config.enforce_sampling_params);
  EXPECT_FALSE(load({"--config", file.path(), "-enforce-sampling-params=false"})
                   .config.enforce_sampling_params);
  EXPECT_TRUE(load({"--config", file.path(), "-enforce-sampling-params=false"},
                   {{"QWEN35RP_ENFORCE_SAMPLING_PARAMS", "1"}})
                  .config.enforce_sampling_params);
}

TEST(ConfigPrecedence, EnvironmentNamesTheFileOverTheFlag) {
  TempFile flag_file("[server]\nport = 9201\n");
  TempFile env_file("[server]\nport = 9202\n");
  const LoadedConfig loaded =
      load({"--config", flag_file.path()}, {{"QWEN35RP_CONFIG", env_file.path()}});
  EXPECT_EQ(loaded.config.port, 9202);
  EXPECT_EQ(loaded.config.config_file, env_file.path());
}

TEST(ConfigPrecedence, InlineKeysComeFromOnePlaceAndKeyFilesAddToThem) {
  TempFile file("[auth]\napi_keys = [\"sk-file\"]\n");
  const std::string key_file = file.sibling("keys.txt", "carol:sk-carol\n");
  const std::vector<std::string> config = {"--config", file.path()};
  auto keys_of = [](const LoadedConfig& loaded) {
    std::vector<std::string> keys;
    for (const ApiKey& key : loaded.config.api_keys) keys.push_back(key.key);
    return keys;
  };
  using Keys = std::vector<std::string>;
  EXPECT_EQ(keys_of(load({})), Keys{});
  EXPECT_EQ(keys_of(load(config)), Keys{"sk-file"});
  EXPECT_EQ(keys_of(load({"--config", file.path(), "--api-key", "sk-1", "-api-key=sk-2"})),
            (Keys{"sk-1", "sk-2"}))
      << "every --api-key is kept, and they replace the file's list";
  EXPECT_EQ(keys_of(load({"--config", file.path(), "--api-key", "sk-1"},
                         {{"QWEN35RP_API_KEY", "sk-e1,sk-e2"}})),
            (Keys{"sk-e1", "sk-e2"}));
  EXPECT_EQ(keys_of(load({"--config", file.path(), "--api-key-file", key_file})),
            (Keys{"sk-file", "sk-carol"}));
  EXPECT_EQ(keys_of(load({"--api-key", "sk-1"}, {{"QWEN35RP_API_KEY_FILE", key_file}})),
            (Keys{"sk-1", "sk-carol"}));
  EXPECT_EQ(load({"--api-key-file", key_file}).config.api_keys[0].name, "carol");
}

TEST(ConfigPrecedence, KeyErrorsFromFlagsAndVariablesNeverShowTheKey) {
  const std::string flag = config_test::error_of([] { (void)load({"--api-key", "sk-secret x"}); });
  EXPECT_NE(flag.find("flag --api-key"), std::string::npos) << flag;
  const std::string variable = config_test::error_of([] {
    (void)load({}, {{"QWEN35RP_BACKEND_API_KEY", "sk-secret\x01"}});
  });
  EXPECT_NE(variable.find("QWEN35RP_BACKEND_API_KEY"), std::string::npos) << variable;
  const std::string duplicate = config_test::error_of([] {
    (void)load({"--api-key", "sk-secret", "--api-key", "sk-secret"});
  });
  EXPECT_NE(duplicate.find("same key"), std::string::npos) << duplicate;
  for (const std::string& message : {flag, variable, duplicate}) {
    EXPECT_EQ(message.find("sk-secret"), std::string::npos) << message;
  }
}

const char* const kTwoModels = R"(
[[models]]
name = "m1"
reasoning_field = "reasoning"
[models.params]
temperature = { default = 0.5 }
seed = { strip = true }
[models.chat_template_kwargs]
enable_thinking = { default = true }
[[models]]
name = "m2"
backend_model = "other"
)";

TEST(ConfigPrecedence, FileModelsReplaceBuiltinsAndIgnoreRenames) {
  TempFile file(kTwoModels);
  const LoadedConfig loaded = load({"--config", file.path(), "-thinking-general", "renamed"},
                                   {{"QWEN35RP_INSTRUCT_GENERAL_MODEL", "also-renamed"}});
  ASSERT_EQ(loaded.config.profiles.size(), 2u);
  EXPECT_EQ(find_profile(loaded.config, "renamed"), nullptr);
  EXPECT_EQ(find_profile(loaded.config, "also-renamed"), nullptr);
  ASSERT_EQ(loaded.warnings.size(), 2u);
  EXPECT_NE(loaded.warnings[0].find("flag --thinking-general is ignored"), std::string::npos)
      << loaded.warnings[0];
  EXPECT_NE(loaded.warnings[1].find("QWEN35RP_INSTRUCT_GENERAL_MODEL is ignored"),
            std::string::npos)
      << loaded.warnings[1];
}

TEST(ConfigPrecedence, RenamesApplyWhenTheFileHasNoModels) {
  TempFile file("[server]\nport = 9300\n");
  const LoadedConfig loaded = load({"--config", file.path(), "-thinking-general", "renamed"});
  EXPECT_NE(find_profile(loaded.config, "renamed"), nullptr);
  EXPECT_EQ(loaded.config.profiles.size(), 4u);
  EXPECT_TRUE(loaded.warnings.empty());
}

TEST(ConfigPrecedence, EnforceTurnsEveryDefaultIntoForceAndKeepsStrip) {
  TempFile file(kTwoModels);
  const Config config = load({"--config", file.path(), "--enforce-sampling-params"}).config;
  const Profile& m1 = config.profiles[0];
  EXPECT_EQ(m1.params[0].rule, FieldRule::force);
  EXPECT_EQ(m1.params[1].rule, FieldRule::strip);
  EXPECT_EQ(m1.chat_template_kwargs[0].rule, FieldRule::force);
  const Config relaxed = load({"--config", file.path()}).config;
  EXPECT_EQ(relaxed.profiles[0].params[0].rule, FieldRule::fill_default);
  EXPECT_EQ(relaxed.profiles[0].chat_template_kwargs[0].rule, FieldRule::fill_default);
}

TEST(ConfigPrecedence, AModelsOwnReasoningFieldBeatsTheGlobalOne) {
  TempFile file(kTwoModels);
  const Config config =
      load({"--config", file.path()}, {{"QWEN35RP_REASONING_FIELD", "both"}}).config;
  EXPECT_EQ(config.profiles[0].reasoning_field, ReasoningField::reasoning);
  EXPECT_EQ(config.profiles[1].reasoning_field, ReasoningField::both);
}

TEST(ConfigPrecedence, ServedModelFillsOnlyModelsWithoutBackendModel) {
  TempFile file(kTwoModels);
  const Config config = load({"--config", file.path(), "--served-model", "base"}).config;
  EXPECT_EQ(config.profiles[0].backend_model, "base");
  EXPECT_EQ(config.profiles[1].backend_model, "other");
  EXPECT_EQ(load({"--config", file.path()}).config.profiles[0].backend_model, "")
      << "empty until the backend is asked";
}

}  // namespace
}  // namespace qp
