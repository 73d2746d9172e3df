// --metrics-listen and --no-metrics (flags and variables), and --check-backend as an action.
#include <gtest/gtest.h>

#include <vector>

#include "config/load_config.hpp"

namespace qp {
namespace {

LoadedConfig load(std::vector<const char*> args, const Environment& env = {}) {
  args.insert(args.begin(), "qwen35-proxy");
  return load_config(static_cast<int>(args.size()), args.data(), env);
}

TEST(MetricsOptions, DefaultIsLoopbackPort9464) {
  const Config config = load({}).config;
  EXPECT_TRUE(config.metrics_enabled);
  EXPECT_EQ(config.metrics_address, "127.0.0.1");
  EXPECT_EQ(config.metrics_port, 9464);
}

TEST(MetricsOptions, ListenAddressAndPort) {
  Config config = load({"--metrics-listen", "0.0.0.0:9100"}).config;
  EXPECT_EQ(config.metrics_address, "0.0.0.0");
  EXPECT_EQ(config.metrics_port, 9100);
  config = load({"-metrics-listen=[::1]:0"}).config;
  EXPECT_EQ(config.metrics_address, "::1");
  EXPECT_EQ(config.metrics_port, 0);
  config = load({}, {{"QWEN35RP_METRICS_LISTEN", "localhost:9200"}}).config;
  EXPECT_EQ(config.metrics_address, "127.0.0.1");
  EXPECT_EQ(config.metrics_port, 9200);
}

TEST(MetricsOptions, OffOrNoMetricsDisables) {
  EXPECT_FALSE(load({"--metrics-listen", "off"}).config.metrics_enabled);
  EXPECT_FALSE(load({"--no-metrics"}).config.metrics_enabled);
  EXPECT_FALSE(load({}, {{"QWEN35RP_NO_METRICS", "true"}}).config.metrics_enabled);
  EXPECT_TRUE(load({"--no-metrics=false"}).config.metrics_enabled);
}

TEST(MetricsOptions, BadValuesNameTheFlag) {
  for (const char* value : {"9464", "::1:9464", "127.0.0.1:", "127.0.0.1:70000", "host:1"}) {
    try {
      load({"--metrics-listen", value});
      ADD_FAILURE() << value << " was accepted";
    } catch (const ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find("--metrics-listen"), std::string::npos)
          << error.what();
    }
  }
}

TEST(CheckBackend, IsAStartupActionWithTheConfiguration) {
  const LoadedConfig loaded = load({"--check-backend", "--port", "9100"});
  EXPECT_EQ(loaded.action, StartupAction::check_backend);
  EXPECT_EQ(loaded.config.port, 9100);
  EXPECT_NE(load({"--help"}).help_text.find("--check-backend"), std::string::npos);
}

}  // namespace
}  // namespace qp
