// SimOptions: every knob of the simulator, filled from the command line (cli.cpp) or by tests.
// Also the vLLM dialect enum and the per-dialect facts (version string, id length).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qp::sim {

// The vLLM release whose wire format is reproduced (see the wire-format spec, section 13).
enum class Dialect {
  v0_10,  // flat error body, only reasoning_content, no token_ids keys, 32-hex ids
  v0_15,  // reasoning + reasoning_content, reasoning_content on every delta
  v0_18,  // reasoning only, stream_options:{} gives no usage chunk
};

std::string_view version_string(Dialect d);  // "0.18.0", ...
std::size_t random_id_hex_len(Dialect d);    // 16, or 32 for 0.10

struct SimOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0 picks a free port
  int threads = 1;
  std::string served_model_name = "Qwen3.5-35B-A3B";
  std::string model = "Qwen/Qwen3.5-35B-A3B";  // reported as `root` in /v1/models
  std::uint32_t max_model_len = 262144;
  std::string kv_cache_dtype = "auto";
  Dialect dialect = Dialect::v0_18;
  int ttft_ms = 50;  // time to first token
  int tpot_ms = 10;  // time per output token after the first
  int tokens = 24;   // generated tokens per request (x-sim-tokens overrides)
  double keep_alive_timeout_s = 5.0;
  std::string api_key;  // empty: no auth
  bool misplace_nonthinking_answer = false;
  std::size_t stats_keep = 32;  // how many requests /sim/stats remembers
};

}  // namespace qp::sim
