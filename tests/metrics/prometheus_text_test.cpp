// Tests of the exposition text: families, naming conventions, histogram layout, label escaping.
#include "metrics/prometheus_text.hpp"

#include <gtest/gtest.h>

#include "metrics_test_support.hpp"

namespace qp::metrics::testing {
namespace {

TEST(PrometheusText, EveryFamilyHasHelpTypeAndConventionalName) {
  MetricsRegistry registry(two_profiles(), 1);
  const Exposition e = scrape(registry);
  ASSERT_FALSE(e.families.empty());
  for (const MetricFamily& family : e.families) {
    SCOPED_TRACE(family.name);
    EXPECT_TRUE(family.name.starts_with("qwen35_proxy_"));
    ASSERT_TRUE(family.help.has_value());
    EXPECT_FALSE(family.help->empty());
    EXPECT_NE(family.type, "untyped");
    if (family.type == "counter") {
      EXPECT_TRUE(family.name.ends_with("_total"));
    }
    if (family.type == "histogram") {
      EXPECT_TRUE(family.name.ends_with("_seconds"));
    }
    if (family.type == "gauge") {
      EXPECT_FALSE(family.name.ends_with("_total"));
    }
  }
  for (std::string_view name :
       {"qwen35_proxy_requests_total", "qwen35_proxy_request_duration_seconds",
        "qwen35_proxy_time_to_first_token_seconds", "qwen35_proxy_streams_open",
        "qwen35_proxy_upstream_connections_open", "qwen35_proxy_upstream_connections_reused_total",
        "qwen35_proxy_upstream_connections_failed_total", "qwen35_proxy_client_aborts_total",
        "qwen35_proxy_upstream_errors_total", "qwen35_proxy_params_applied_total",
        "qwen35_proxy_prompt_tokens_total", "qwen35_proxy_completion_tokens_total",
        "qwen35_proxy_build_info"}) {
    EXPECT_NE(e.family(name), nullptr) << name;
  }
}

TEST(PrometheusText, IdleRegistryShowsZeroSeriesForConfiguredModels) {
  MetricsRegistry registry(two_profiles(), 3);
  const Exposition e = scrape(registry);
  for (std::string model : {"thinking", "instruct"}) {
    EXPECT_EQ(e.value("qwen35_proxy_request_duration_seconds_count", {{"model", model}}), 0);
    EXPECT_EQ(
        e.value("qwen35_proxy_request_duration_seconds_bucket", {{"model", model}, {"le", "+Inf"}}),
        0);
    EXPECT_EQ(e.value("qwen35_proxy_prompt_tokens_total", {{"model", model}}), 0);
  }
  EXPECT_TRUE(e.family("qwen35_proxy_requests_total")->samples.empty());
  EXPECT_EQ(e.value("qwen35_proxy_streams_open"), 0);
}

TEST(PrometheusText, HistogramHasEveryBoundInOrderThenInfSumAndCount) {
  MetricsRegistry registry(two_profiles(), 1);
  registry.recorder(0).observe_time_to_first_token(registry.schema().model_index("thinking"),
                                                   std::chrono::milliseconds(250));
  const Exposition e = scrape(registry);
  const MetricFamily* ttft = e.family("qwen35_proxy_time_to_first_token_seconds");
  ASSERT_NE(ttft, nullptr);
  std::vector<std::string> les;
  for (const Sample& s : ttft->samples) {
    if (s.name.ends_with("_bucket") && s.labels[0].second == "thinking")
      les.push_back(s.labels[1].second);
  }
  const std::vector<std::string> expected = {"0.025", "0.05", "0.1", "0.25", "0.5",
                                             "1",     "2.5",  "5",   "10",   "30",
                                             "60",    "120",  "300", "600",  "+Inf"};
  EXPECT_EQ(les, expected);
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_bucket",
                    {{"model", "thinking"}, {"le", "0.1"}}),
            0);
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_bucket",
                    {{"model", "thinking"}, {"le", "0.25"}}),
            1);
  EXPECT_EQ(e.value("qwen35_proxy_time_to_first_token_seconds_sum", {{"model", "thinking"}}), 0.25);
}

TEST(PrometheusText, LabelValuesAreEscaped) {
  std::string out;
  append_escaped_label_value(out, "a\\b\"c\nd\te");
  EXPECT_EQ(out, "a\\\\b\\\"c\\nd\te");

  Profile odd;
  odd.virtual_name = "we\"ird\\model\nname";
  MetricsRegistry registry({odd}, 1);
  registry.recorder(0).count_request(registry.schema().model_index(odd.virtual_name), Api::chat,
                                     200);
  const BuildInfo build{"1.0 \"beta\"", "c\\0ffee", "Rel\nWithDebInfo"};
  const std::string text = render_prometheus_text(registry.snapshot(), build);
  EXPECT_NE(text.find("model=\"we\\\"ird\\\\model\\nname\""), std::string::npos) << text;
  Result<Exposition> parsed = parse_prometheus_text(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->value("qwen35_proxy_requests_total",
                          {{"model", odd.virtual_name}, {"api", "chat"}, {"code", "200"}}),
            1);
  EXPECT_EQ(parsed->value("qwen35_proxy_build_info", {{"version", "1.0 \"beta\""},
                                                      {"commit", "c\\0ffee"},
                                                      {"build_type", "Rel\nWithDebInfo"}}),
            1);
}

TEST(PrometheusText, CompiledBuildInfoIsFilledIn) {
  const BuildInfo build = compiled_build_info();
  EXPECT_FALSE(build.version.empty());
  EXPECT_FALSE(build.commit.empty());
  EXPECT_FALSE(build.build_type.empty());
  EXPECT_TRUE(kPrometheusContentType.starts_with("text/plain; version=0.0.4"));
}

}  // namespace
}  // namespace qp::metrics::testing
