// The pre-flight report built from given backend answers: which findings, which verdict.
#include <gtest/gtest.h>

#include <algorithm>

#include "ops/preflight.hpp"

namespace qp::ops {
namespace {

const char* const kOneModel =
    R"({"object":"list","data":[{"id":"Qwen3.5-35B-A3B","max_model_len":262144}]})";
const char* const kTwoModels = R"({"object":"list","data":[{"id":"a"},{"id":"b"}]})";

std::string metrics_with_dtype(const std::string& dtype) {
  return "vllm:cache_config_info{block_size=\"528\",cache_dtype=\"" + dtype +
         "\",engine=\"0\"} 1.0\n";
}

BackendAnswers healthy(const std::string& models = kOneModel,
                       const std::string& version = R"({"version":"0.18.0"})",
                       const std::string& metrics = metrics_with_dtype("auto")) {
  return BackendAnswers{HttpAnswer{200, ""}, HttpAnswer{200, models}, HttpAnswer{200, version},
                        HttpAnswer{200, metrics}};
}

ExpectedModels only_model() { return ExpectedModels{{}, true}; }
ExpectedModels named(std::vector<std::string> names) { return ExpectedModels{names, false}; }

const PreflightFinding* find(const PreflightReport& report, const std::string& check,
                             Severity severity) {
  auto it = std::find_if(
      report.findings.begin(), report.findings.end(),
      [&](const PreflightFinding& f) { return f.check == check && f.severity == severity; });
  return it == report.findings.end() ? nullptr : &*it;
}

TEST(PreflightReport, HealthyBackendWithOneModelIsUsable) {
  const auto report = build_preflight_report(healthy(), only_model(), "127.0.0.1:8000");
  EXPECT_TRUE(report.usable());
  EXPECT_EQ(report.only_model, "Qwen3.5-35B-A3B");
  const auto* model = find(report, "model", Severity::ok);
  ASSERT_NE(model, nullptr);
  EXPECT_NE(model->message.find("max_model_len 262144"), std::string::npos) << model->message;
  ASSERT_TRUE(report.reasoning_keys.has_value());
  EXPECT_EQ(*report.reasoning_keys, BackendReasoningKeys::reasoning);
  EXPECT_NE(find(report, "version", Severity::ok)->message.find("0.18.0"), std::string::npos);
  EXPECT_FALSE(report.fp8_kv_cache);
  EXPECT_NE(find(report, "kv-cache", Severity::ok), nullptr);
}

TEST(PreflightReport, Fp8KvCacheIsALoudWarningButStillUsable) {
  const auto report = build_preflight_report(
      healthy(kOneModel, R"({"version":"0.18.0"})", metrics_with_dtype("fp8_e4m3")), only_model(),
      "b:1");
  EXPECT_TRUE(report.fp8_kv_cache);
  EXPECT_TRUE(report.usable());
  const auto* warning = find(report, "kv-cache", Severity::warn);
  ASSERT_NE(warning, nullptr);
  for (const char* part : {"FP8 KV CACHE", "fp8_e4m3", "Qwen3.5", "gibberish"}) {
    EXPECT_NE(warning->message.find(part), std::string::npos) << part;
  }
}

TEST(PreflightReport, NamedModelMustBeServed) {
  auto report = build_preflight_report(healthy(), named({"Qwen3.5-35B-A3B"}), "b:1");
  EXPECT_TRUE(report.usable());
  EXPECT_TRUE(report.only_model.empty());  // nothing to discover
  report = build_preflight_report(healthy(), named({"other"}), "b:1");
  EXPECT_FALSE(report.usable());
  const auto* failure = find(report, "model", Severity::fail);
  ASSERT_NE(failure, nullptr);
  EXPECT_NE(failure->message.find("does not serve other; it serves Qwen3.5-35B-A3B"),
            std::string::npos)
      << failure->message;
}

TEST(PreflightReport, TwoModelsAndNoneNamedIsNotUsable) {
  const auto report = build_preflight_report(healthy(kTwoModels), only_model(), "b:1");
  EXPECT_FALSE(report.usable());
  EXPECT_TRUE(report.only_model.empty());
  EXPECT_NE(find(report, "model", Severity::fail)->message.find("2 models (a, b)"),
            std::string::npos);
}

TEST(PreflightReport, UnreachableBackendHasOnlyTheHealthFinding) {
  const Error refused = make_error(ErrorKind::backend_unreachable, "connection refused");
  const auto report = build_preflight_report(BackendAnswers{refused, refused, refused, refused},
                                             only_model(), "127.0.0.1:8000");
  EXPECT_FALSE(report.usable());
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].severity, Severity::fail);
  EXPECT_NE(report.findings[0].message.find("127.0.0.1:8000"), std::string::npos);
  EXPECT_NE(report.findings[0].message.find("connection refused"), std::string::npos);
}

TEST(PreflightReport, DeadEngineFailsHealthButModelsAreStillChecked) {
  auto answers = healthy();
  answers.health = HttpAnswer{503, ""};
  const auto report = build_preflight_report(answers, only_model(), "b:1");
  EXPECT_FALSE(report.usable());
  EXPECT_NE(find(report, "health", Severity::fail)->message.find("status 503"), std::string::npos);
  EXPECT_NE(find(report, "model", Severity::ok), nullptr);
}

TEST(PreflightReport, UnknownVersionAndMetricsAreWarningsOnly) {
  auto answers = healthy(kOneModel, "{}", "");
  answers.metrics = HttpAnswer{404, "not found"};
  const auto report = build_preflight_report(answers, only_model(), "b:1");
  EXPECT_TRUE(report.usable());
  EXPECT_NE(find(report, "version", Severity::warn), nullptr);
  EXPECT_NE(find(report, "kv-cache", Severity::warn), nullptr);
  EXPECT_FALSE(report.reasoning_keys.has_value());
}

TEST(PreflightReport, FormatHasOneLinePerFindingAndAVerdict) {
  const auto report = build_preflight_report(healthy(kTwoModels), only_model(), "b:1");
  const std::string text = format_report(report);
  EXPECT_NE(text.find("OK    health: backend b:1 is healthy\n"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL  model: "), std::string::npos) << text;
  EXPECT_NE(text.find("\nbackend NOT usable\n"), std::string::npos) << text;
}

TEST(ExpectedModels, ServedModelAndProfileBackendsWithoutDuplicates) {
  Config config;
  config.served_model = "m";
  config.profiles.resize(3);
  config.profiles[0].backend_model = "m";
  config.profiles[1].backend_model = "other";
  config.profiles[2].backend_model = "m";
  const auto expected = expected_models(config);
  EXPECT_EQ(expected.named, (std::vector<std::string>{"m", "other"}));
  EXPECT_FALSE(expected.needs_only_model);

  config.served_model.clear();
  config.profiles[0].backend_model.clear();
  EXPECT_TRUE(expected_models(config).needs_only_model);
}

}  // namespace
}  // namespace qp::ops
