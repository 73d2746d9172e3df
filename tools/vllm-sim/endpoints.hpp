// The simple, non-generating endpoints: /v1/models, /version, /tokenize, /detokenize, /metrics.
// Pure functions from options (and a stats snapshot) to a response.
#pragma once

#include <string>

#include "job.hpp"
#include "options.hpp"
#include "stats.hpp"

namespace qp::sim {

SimpleResponse models_response(const SimOptions& o);
SimpleResponse version_response(const SimOptions& o);
SimpleResponse tokenize_response(const SimOptions& o, const std::string& body);
SimpleResponse detokenize_response(const SimOptions& o, const std::string& body);
// Prometheus text: vllm:* series including vllm:cache_config_info with sorted labels.
SimpleResponse metrics_response(const SimOptions& o, const StatsSnapshot& s);

}  // namespace qp::sim
