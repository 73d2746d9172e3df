// Flag definitions for vllm-sim; defaults come from SimOptions.
#include "cli.hpp"

#include <map>

namespace qp::sim {

void add_cli_options(CLI::App& app, SimOptions& o) {
  app.description(
      "vllm-sim: a vLLM OpenAI-compatible server simulator for Qwen3.5 (no GPU, no model)");
  app.add_option("--host", o.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", o.port, "Port to listen on (0 picks a free port)")
      ->capture_default_str();
  app.add_option("--threads", o.threads, "I/O threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--served-model-name", o.served_model_name,
                 "Model name clients use and responses report")
      ->capture_default_str();
  app.add_option("--model", o.model, "Model path or id, reported as `root` in /v1/models")
      ->capture_default_str();
  app.add_option("--max-model-len", o.max_model_len, "Context length (prompt + output tokens)")
      ->capture_default_str();
  app.add_option("--kv-cache-dtype", o.kv_cache_dtype,
                 "KV cache dtype string, reported in vllm:cache_config_info")
      ->capture_default_str();
  static const std::map<std::string, Dialect> dialects{
      {"0.10", Dialect::v0_10}, {"0.15", Dialect::v0_15}, {"0.18", Dialect::v0_18}};
  app.add_option("--vllm-version", o.dialect, "vLLM wire dialect to reproduce: 0.18, 0.15 or 0.10")
      ->transform(CLI::CheckedTransformer(dialects, CLI::ignore_case))
      ->default_str("0.18");
  app.add_option("--ttft-ms", o.ttft_ms, "Time to first token in ms (header x-sim-ttft-ms)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--tpot-ms", o.tpot_ms, "Time per output token in ms (header x-sim-tpot-ms)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--tokens", o.tokens, "Generated tokens per request (header x-sim-tokens)")
      ->capture_default_str()
      ->check(CLI::Range(1, 10'000'000));
  app.add_option("--keep-alive-timeout-s", o.keep_alive_timeout_s,
                 "Close idle keep-alive connections after this many seconds (uvicorn: 5)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--api-key", o.api_key,
                 "Require `Authorization: Bearer KEY` on /v1/* (401 otherwise)");
  app.add_flag("--misplace-nonthinking-answer", o.misplace_nonthinking_answer,
               "Reproduce the vLLM bug: with enable_thinking false the answer lands in reasoning");
  app.add_option("--stats-keep", o.stats_keep, "Requests remembered by GET /sim/stats")
      ->capture_default_str();
}

}  // namespace qp::sim
