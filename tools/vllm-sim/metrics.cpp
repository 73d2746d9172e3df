// GET /metrics: a Prometheus text exposition shaped like vLLM's (prometheus_client writes labels
// sorted, values as floats). Only series the simulator can fill honestly, plus
// vllm:cache_config_info.
#include <map>

#include "endpoints.hpp"

namespace qp::sim {
namespace {

std::string labels(const std::map<std::string, std::string>& l) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : l) {  // std::map: sorted by name, as prometheus_client writes them
    if (!first) out += ",";
    first = false;
    out += k + "=\"" + v + "\"";
  }
  return out + "}";
}

std::string number(std::uint64_t v) { return std::to_string(v) + ".0"; }

void family(std::string& out, const std::string& name, const char* type, const char* help) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

SimpleResponse metrics_response(const SimOptions& o, const StatsSnapshot& s) {
  const std::map<std::string, std::string> eng{{"engine", "0"},
                                               {"model_name", o.served_model_name}};
  const std::string el = labels(eng);
  std::string out;
  family(out, "vllm:num_requests_running", "gauge",
         "Number of requests in model execution batches.");
  out += "vllm:num_requests_running" + el + " " + number(s.generations_running) + "\n";
  family(out, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
  out += "vllm:num_requests_waiting" + el + " 0.0\n";
  family(out, "vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.");
  out += "vllm:kv_cache_usage_perc" + el + " 0.0\n";
  family(out, "vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.");
  out += "vllm:prompt_tokens_total" + el + " " + number(s.prompt_tokens) + "\n";
  family(out, "vllm:generation_tokens_total", "counter", "Number of generation tokens processed.");
  out += "vllm:generation_tokens_total" + el + " " + number(s.generation_tokens) + "\n";
  family(out, "vllm:request_success_total", "counter", "Count of successfully processed requests.");
  for (const char* reason : {"abort", "error", "length", "stop", "tool_calls"}) {
    auto l = eng;
    l["finished_reason"] = reason;
    const auto it = s.finished.find(reason);
    out += "vllm:request_success_total" + labels(l) + " " +
           number(it == s.finished.end() ? 0 : it->second) + "\n";
  }
  const std::map<std::string, std::string> cache{
      {"block_size", "528"},
      {"cache_dtype", o.kv_cache_dtype},
      {"calculate_kv_scales", "False"},
      {"cpu_kvcache_space_bytes", "None"},
      {"enable_prefix_caching", "True"},
      {"engine", "0"},
      {"gpu_memory_utilization", "0.9"},
      {"is_attention_free", "False"},
      {"kv_sharing_fast_prefill", "False"},
      {"mamba_cache_dtype", "auto"},
      {"mamba_cache_mode", "align"},
      {"mamba_ssm_cache_dtype", "auto"},
      {"num_cpu_blocks", "None"},
      {"num_gpu_blocks", "5000"},
      {"num_gpu_blocks_override", "None"},
      {"prefix_caching_hash_algo", "sha256"},
      {"sliding_window", "None"},
      {"user_specified_block_size", "False"},
  };
  family(out, "vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig");
  out += "vllm:cache_config_info" + labels(cache) + " 1.0\n";
  return {200, "text/plain; version=0.0.4; charset=utf-8", std::move(out)};
}

}  // namespace qp::sim
