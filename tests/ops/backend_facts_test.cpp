// Parsing of the backend's /v1/models, /version and /metrics answers.
#include "ops/backend_facts.hpp"

#include <gtest/gtest.h>

namespace qp::ops {
namespace {

TEST(ModelCards, IdsAndMaxModelLenInOrder) {
  auto cards = parse_model_cards(
      R"({"object":"list","data":[{"id":"a","max_model_len":262144},{"id":"b"},{"object":"x"}]})");
  ASSERT_TRUE(cards.ok());
  ASSERT_EQ(cards->size(), 2u);
  EXPECT_EQ((*cards)[0].id, "a");
  EXPECT_EQ((*cards)[0].max_model_len, 262144u);
  EXPECT_EQ((*cards)[1].id, "b");
  EXPECT_FALSE((*cards)[1].max_model_len.has_value());
}

TEST(ModelCards, NotJsonOrNoDataIsBackendBroken) {
  for (const char* body : {"", "<html>", R"({"object":"list"})", R"({"data":{}})"}) {
    auto cards = parse_model_cards(body);
    ASSERT_FALSE(cards.ok()) << body;
    EXPECT_EQ(cards.error().kind, ErrorKind::backend_broken);
  }
}

TEST(VllmVersion, ReasoningKeysFollowTheWireFormatTable) {
  const struct {
    const char* version;
    BackendReasoningKeys keys;
  } cases[] = {
      {"0.10.0", BackendReasoningKeys::reasoning_content},
      {"0.10.2", BackendReasoningKeys::reasoning_content},
      {"0.11.0", BackendReasoningKeys::reasoning_content},
      {"0.11.1", BackendReasoningKeys::both},
      {"0.11.1rc2.dev5+g0123abc", BackendReasoningKeys::both},
      {"0.13.0", BackendReasoningKeys::both},
      {"0.15.1", BackendReasoningKeys::both},
      {"0.16.0", BackendReasoningKeys::reasoning},
      {"0.16", BackendReasoningKeys::reasoning},
      {"0.18.0+cu128", BackendReasoningKeys::reasoning},
      {"v1.0.0", BackendReasoningKeys::reasoning},
  };
  for (const auto& c : cases) {
    auto version = parse_vllm_version(std::string(R"({"version":")") + c.version + "\"}");
    ASSERT_TRUE(version.ok()) << c.version;
    EXPECT_EQ(version->text, c.version);
    EXPECT_EQ(backend_reasoning_keys(*version), c.keys) << c.version;
  }
}

TEST(VllmVersion, NumbersAreTheLeadingDigits) {
  auto version = parse_vllm_version(R"({"version":"0.11.1rc2"})");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->major, 0u);
  EXPECT_EQ(version->minor, 11u);
  EXPECT_EQ(version->patch, 1u);
}

TEST(VllmVersion, UnusableAnswersAreErrors) {
  for (const char* body : {"", "{}", R"({"version":18})", R"({"version":"dev"})"}) {
    EXPECT_FALSE(parse_vllm_version(body).ok()) << body;
  }
}

TEST(KvCacheDtypes, ReadFromCacheConfigInfoLines) {
  const std::string metrics =
      "# HELP vllm:cache_config_info Information of the LLMEngine CacheConfig\n"
      "# TYPE vllm:cache_config_info gauge\n"
      "vllm:cache_config_info{block_size=\"528\",cache_dtype=\"fp8_e4m3\",engine=\"0\"} 1.0\n"
      "vllm:cache_config_info{cache_dtype=\"auto\",engine=\"1\",note=\"a \\\"quoted\\\" ,x\"} 1.0\n"
      "vllm:num_requests_running{cache_dtype=\"fp8\"} 0.0\n";
  EXPECT_EQ(kv_cache_dtypes(metrics), (std::vector<std::string>{"fp8_e4m3", "auto"}));
}

TEST(KvCacheDtypes, LabelAfterAnEscapedValueIsFound) {
  EXPECT_EQ(kv_cache_dtypes("vllm:cache_config_info{a=\"x\\\\\",cache_dtype=\"fp8\"} 1.0"),
            (std::vector<std::string>{"fp8"}));
}

TEST(KvCacheDtypes, NoneWithoutTheSeriesOrTheLabel) {
  EXPECT_TRUE(kv_cache_dtypes("").empty());
  EXPECT_TRUE(kv_cache_dtypes("vllm:cache_config_info{block_size=\"16\"} 1.0\n").empty());
  EXPECT_TRUE(kv_cache_dtypes("vllm:cache_config_info{cache_dtype=\"fp8").empty());
}

TEST(KvCacheDtypes, Fp8IsAnyValueStartingWithFp8) {
  for (const char* dtype : {"fp8", "fp8_e4m3", "fp8_e5m2", "FP8_E4M3", "fp8_ds_mla"}) {
    EXPECT_TRUE(is_fp8_cache_dtype(dtype)) << dtype;
  }
  for (const char* dtype : {"auto", "bfloat16", "float16", "", "fp", "fp16", "nvfp4"}) {
    EXPECT_FALSE(is_fp8_cache_dtype(dtype)) << dtype;
  }
}

}  // namespace
}  // namespace qp::ops
