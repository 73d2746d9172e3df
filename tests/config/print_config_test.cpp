// --check-config and --print-config: what they return, that printing never shows a key, and that
// a printed configuration loads back into the same Config.
#include "config/print_config.hpp"

#include <gtest/gtest.h>

#include "config/builtin_profiles.hpp"
#include "config/command_line.hpp"
#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::load;
using config_test::TempFile;

TEST(ConfigCheckAction, AValidConfigurationHasNoError) {
  TempFile file("[server]\nport = 9100\n");
  for (const char* flag : {"--check-config", "-check-config"}) {
    const LoadedConfig loaded = load({flag, "--config", file.path()});
    EXPECT_EQ(loaded.action, StartupAction::check_config) << flag;
    EXPECT_EQ(loaded.check_error, "") << flag;
    EXPECT_EQ(loaded.config.port, 9100) << flag;
  }
}

TEST(ConfigCheckAction, AnInvalidConfigurationReturnsTheErrorInsteadOfThrowing) {
  TempFile file("[server]\nport = \"x\"\n");
  const LoadedConfig loaded = load({"--config", file.path(), "--check-config"});
  EXPECT_EQ(loaded.action, StartupAction::check_config);
  EXPECT_NE(loaded.check_error.find(file.path() + ":2:8"), std::string::npos) << loaded.check_error;
  // Flag and variable errors too, including an unknown flag.
  EXPECT_NE(load({"--check-config", "-port", "70000"}).check_error.find("flag --port"),
            std::string::npos);
  EXPECT_NE(load({"--check-config", "--prot", "1"}).check_error.find("--prot"), std::string::npos);
  EXPECT_NE(load({"--check-config"}, {{"QWEN35RP_PORT", "x"}}).check_error.find("QWEN35RP_PORT"),
            std::string::npos);
  // Without --check-config the same errors are thrown.
  EXPECT_THROW((void)load({"--config", file.path()}), ConfigError);
}

TEST(ConfigPrintAction, PrintsTheEffectiveConfiguration) {
  TempFile file("[server]\nport = 9100\n");
  const LoadedConfig loaded =
      load({"--print-config", "--config", file.path(), "--served-model", "Qwen3.5-35B-A3B"});
  ASSERT_EQ(loaded.action, StartupAction::print_config);
  const std::string& text = loaded.printed_config;
  EXPECT_NE(text.find("port = 9100\n"), std::string::npos) << text;
  EXPECT_NE(text.find("served_model = \"Qwen3.5-35B-A3B\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("name = \"qwen3.5-instruct-reasoning\""), std::string::npos) << text;
  EXPECT_NE(text.find("top_k = { default = 40 }"), std::string::npos) << text;
  EXPECT_NE(text.find("enable_thinking = { force = false }"), std::string::npos) << text;
}

TEST(ConfigPrintAction, KeysAreRedacted) {
  TempFile file(
      "[auth]\napi_keys = [\"sk-secret-inline\", { name = \"alice\", key = \"sk-secret-alice\" "
      "}]\napi_key_file = \"keys.txt\"\n[backend]\napi_key = \"sk-secret-backend\"\n");
  file.sibling("keys.txt", "bob:sk-secret-bob\n");
  const LoadedConfig loaded =
      load({"--print-config", "--config", file.path(), "--api-key", "sk-secret-flag"},
           {{"QWEN35RP_BACKEND_API_KEY", "sk-secret-env"}});
  const std::string& text = loaded.printed_config;
  EXPECT_EQ(text.find("sk-secret"), std::string::npos) << text;
  EXPECT_NE(text.find("api_key = \"<redacted>\""), std::string::npos) << text;
  EXPECT_NE(text.find("api_keys = [\"<redacted>\", { name = \"bob\", key = \"<redacted>\" }]"),
            std::string::npos)
      << text;
}

TEST(ConfigPrintAction, CheckWinsOverPrintAndPrintsNothing) {
  const LoadedConfig loaded = load({"--print-config", "--check-config"});
  EXPECT_EQ(loaded.action, StartupAction::check_config);
  EXPECT_TRUE(loaded.printed_config.empty());
}

// Loads `text` as a configuration file, prints it, loads the print, and returns both Configs.
std::pair<Config, Config> load_print_load(const std::string& text,
                                          const std::vector<std::string>& flags = {}) {
  TempFile file(text);
  std::vector<std::string> args = {"--config", file.path()};
  args.insert(args.end(), flags.begin(), flags.end());
  const Config first = load(args).config;
  TempFile printed(print_config(first));
  return {first, load({"--config", printed.path()}).config};
}

void expect_same(const Config& a, const Config& b) {
  EXPECT_EQ(a.profiles, b.profiles);
  EXPECT_EQ(a.listen_address, b.listen_address);
  EXPECT_EQ(a.port, b.port);
  EXPECT_EQ(a.threads, b.threads);
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.served_model, b.served_model);
  EXPECT_EQ(a.backend_timeout, b.backend_timeout);
  EXPECT_EQ(a.upstream_idle_timeout, b.upstream_idle_timeout);
  EXPECT_EQ(a.max_body_bytes, b.max_body_bytes);
  EXPECT_EQ(a.max_event_bytes, b.max_event_bytes);
  EXPECT_EQ(a.log_level, b.log_level);
  EXPECT_EQ(a.reasoning_field, b.reasoning_field);
  EXPECT_EQ(a.enforce_sampling_params, b.enforce_sampling_params);
  EXPECT_EQ(a.metrics_enabled, b.metrics_enabled);
  EXPECT_EQ(a.metrics_address, b.metrics_address);
  EXPECT_EQ(a.metrics_port, b.metrics_port);
}

TEST(ConfigPrintAction, APrintedConfigurationLoadsBackTheSame) {
  {
    SCOPED_TRACE("built-ins with every option changed");
    const auto [first, again] = load_print_load(
        "[server]\nlisten = \"::1\"\nport = 0\nthreads = 2\n[logging]\nlevel = \"COMPLETE\"\n",
        {"--served-model", "base", "--enforce-sampling-params", "--reasoning-field", "both",
         "--backend-timeout", "5", "--max-body-bytes", "77", "--max-event-bytes", "66",
         "--upstream-idle-timeout-ms", "123", "-target", "http://[::1]:81", "--metrics-listen",
         "[::1]:9999"});
    expect_same(first, again);
  }
  {
    SCOPED_TRACE("metrics off");
    const auto [first, again] = load_print_load("", {"--no-metrics"});
    EXPECT_FALSE(again.metrics_enabled);
  }
  {
    SCOPED_TRACE("file models with every kind of value");
    const auto [first, again] = load_print_load(R"(
[[models]]
name = "odd \"name\" é"
backend_model = "b"
apis = ["tokenize", "messages"]
reasoning_field = "reasoning_content"
repair_misplaced_answer = true
[models.params]
"weird key" = { default = "tab\t del\u007f quote\" backslash\\ ctrl\u0001" }
nested = { force = { z = [1, 2.5, { "a b" = false }], a = {} } }
temperature = { default = 1e-7 }
seed = { strip = true }
stop = { default = [] }
[models.chat_template_kwargs]
enable_thinking = { default = false }
)");
    expect_same(first, again);
  }
}

TEST(ConfigCommandLine, HelpListsTheConfigurationAndKeyOptions) {
  const std::string help = load({"--help"}).help_text;
  for (const char* part :
       {"--config", "QWEN35RP_CONFIG", "--check-config", "--print-config", "--api-key ",
        "QWEN35RP_API_KEY]", "--api-key-file", "QWEN35RP_API_KEY_FILE", "--backend-api-key",
        "QWEN35RP_BACKEND_API_KEY", "repeatable"}) {
    EXPECT_NE(help.find(part), std::string::npos) << part << " not in:\n" << help;
  }
  for (const OptionSpec& spec : option_specs()) {
    EXPECT_NE(help.find("--" + std::string(spec.name)), std::string::npos) << spec.name;
    EXPECT_NE(help.find(std::string(spec.env)), std::string::npos) << spec.env;
  }
}

}  // namespace
}  // namespace qp
