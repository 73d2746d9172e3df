// What the pre-flight checks read from a vLLM backend's answers, parsed without any I/O: the model
// cards of /v1/models, the version of /version, and the KV cache dtype in /metrics'
// vllm:cache_config_info.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "transform/model_cards.hpp"

namespace qp::ops {

using transform::ModelCard;          // the cards of /v1/models
using transform::parse_model_cards;  // (transform/model_cards.hpp, shared with model discovery)

struct VllmVersion {
  std::string text;  // as reported, e.g. "0.11.1rc2.dev5+g0123abc"
  unsigned major = 0;
  unsigned minor = 0;
  unsigned patch = 0;
};

// The version of a /version answer ({"version":"0.18.0"}); the numbers are the leading
// MAJOR.MINOR[.PATCH] digits of the text. Errors (backend_broken): not JSON, no version string,
// no leading digits.
Result<VllmVersion> parse_vllm_version(std::string_view version_json);

// The reasoning key(s) a vLLM version writes in messages and deltas (wire-format spec, section 13).
enum class BackendReasoningKeys {
  reasoning_content,  // up to 0.11.0
  both,               // 0.11.1 to 0.15.x: reasoning and reasoning_content with the same value
  reasoning,          // 0.16 and later
};
BackendReasoningKeys backend_reasoning_keys(const VllmVersion& version);
std::string_view describe(BackendReasoningKeys keys);  // "reasoning_content", ...

// The cache_dtype label of every vllm:cache_config_info sample in a Prometheus text exposition
// (one per engine), in order; empty when there is none.
std::vector<std::string> kv_cache_dtypes(std::string_view metrics_text);

// True for fp8, fp8_e4m3, fp8_e5m2, ... (any value starting with "fp8", in any letter case).
bool is_fp8_cache_dtype(std::string_view cache_dtype);

}  // namespace qp::ops
