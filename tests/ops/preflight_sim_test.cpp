// Pre-flight checks against vllm-sim in-process on port 0: the FP8 warning follows the
// simulator's KV cache dtype, the version its dialect, and a sick or absent backend is reported.
#include <gtest/gtest.h>

#include "ops/preflight.hpp"
#include "ops/service.hpp"
#include "proxy_fixture.hpp"
#include "server.hpp"

namespace qp::ops {
namespace {

sim::SimOptions sim_options(std::string kv_cache_dtype,
                            sim::Dialect dialect = sim::Dialect::v0_18) {
  sim::SimOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.kv_cache_dtype = std::move(kv_cache_dtype);
  options.dialect = dialect;
  return options;
}

bool has_fp8_warning(const PreflightReport& report) {
  for (const auto& finding : report.findings) {
    if (finding.severity == Severity::warn &&
        finding.message.find("gibberish") != std::string::npos)
      return true;
  }
  return false;
}

TEST(PreflightAgainstSim, Fp8KvCacheIsWarnedAbout) {
  sim::SimServer sim(sim_options("fp8_e4m3"));
  const auto report = run_preflight(test::proxy_config(sim.port()));
  EXPECT_TRUE(report.usable()) << format_report(report);
  EXPECT_TRUE(report.fp8_kv_cache);
  EXPECT_TRUE(has_fp8_warning(report)) << format_report(report);
}

TEST(PreflightAgainstSim, AutoKvCacheIsNotWarnedAbout) {
  sim::SimServer sim(sim_options("auto"));
  const auto report = run_preflight(test::proxy_config(sim.port()));
  EXPECT_TRUE(report.usable()) << format_report(report);
  EXPECT_FALSE(report.fp8_kv_cache);
  EXPECT_FALSE(has_fp8_warning(report)) << format_report(report);
  EXPECT_NE(format_report(report).find("OK    kv-cache: KV cache dtype auto"), std::string::npos);
}

TEST(PreflightAgainstSim, VersionDecidesTheReasoningKeys) {
  for (auto [dialect, keys] :
       {std::pair{sim::Dialect::v0_10, BackendReasoningKeys::reasoning_content},
        std::pair{sim::Dialect::v0_15, BackendReasoningKeys::both},
        std::pair{sim::Dialect::v0_18, BackendReasoningKeys::reasoning}}) {
    sim::SimServer sim(sim_options("auto", dialect));
    const auto report = run_preflight(test::proxy_config(sim.port()));
    ASSERT_TRUE(report.reasoning_keys.has_value()) << format_report(report);
    EXPECT_EQ(*report.reasoning_keys, keys) << format_report(report);
  }
}

TEST(PreflightAgainstSim, MaxModelLenAndWrongModel) {
  auto options = sim_options("auto");
  options.max_model_len = 32768;
  sim::SimServer sim(options);
  Config config = test::proxy_config(sim.port());
  auto report = run_preflight(config);
  EXPECT_NE(format_report(report).find("serves Qwen3.5-35B-A3B (max_model_len 32768)"),
            std::string::npos)
      << format_report(report);
  config.served_model = "Qwen/Qwen3.5-397B";
  report = run_preflight(config);
  EXPECT_FALSE(report.usable());
  EXPECT_EQ(check_backend(config), 1);
}

TEST(PreflightAgainstSim, UnhealthyBackendIsNotUsable) {
  sim::SimServer sim(sim_options("auto"));
  const Config config = test::proxy_config(sim.port());
  EXPECT_EQ(check_backend(config), 0);
  test::HttpTestClient(sim.port()).post_json("/sim/health", R"({"healthy":false})");
  const auto report = run_preflight(config);
  EXPECT_FALSE(report.usable());
  EXPECT_NE(format_report(report).find("status 503"), std::string::npos) << format_report(report);
  EXPECT_EQ(check_backend(config), 1);
}

TEST(PreflightAgainstSim, BackendDownAtStartIsNotFatal) {
  std::uint16_t port = 0;
  {
    sim::SimServer sim(sim_options("auto"));
    port = sim.port();
  }  // stopped: nothing listens on the port any more
  Config config = test::proxy_config(port);
  config.served_model.clear();
  for (auto& profile : config.profiles) profile.backend_model.clear();
  proxy::ProxyShared shared(std::make_shared<const Config>(config));
  preflight_at_start(shared);  // logs, does not throw
  EXPECT_TRUE(shared.config.get()->served_model.empty());
  EXPECT_FALSE(run_preflight(config).usable());
}

TEST(PreflightAgainstSim, TheOnlyServedModelIsInstalledAtStart) {
  sim::SimServer sim(sim_options("auto"));
  Config config = test::proxy_config(sim.port());
  config.served_model.clear();
  for (auto& profile : config.profiles) profile.backend_model.clear();
  proxy::ProxyShared shared(std::make_shared<const Config>(config));
  preflight_at_start(shared);
  const auto installed = shared.config.get();
  EXPECT_EQ(installed->served_model, test::kServedModel);
  for (const auto& profile : installed->profiles)
    EXPECT_EQ(profile.backend_model, test::kServedModel);
}

}  // namespace
}  // namespace qp::ops
