// Pre-flight checks of the vLLM backend, run at start and by --check-backend: it answers /health,
// serves the expected model(s) (or exactly one when none is named) and their max_model_len, its
// version decides the reasoning keys it sends, and an FP8 KV cache is reported loudly.
// build_preflight_report() is pure (answers in, report out); ask_backend() does the I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/error.hpp"
#include "net/asio.hpp"
#include "ops/backend_facts.hpp"

namespace qp::ops {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// The backend's answers to GET /health, /v1/models, /version and /metrics. An Error means the
// exchange itself failed (connect, write, read or timeout); when /health fails that way the
// others are not asked and hold the same error.
struct BackendAnswers {
  Result<HttpAnswer> health;
  Result<HttpAnswer> models;
  Result<HttpAnswer> version;
  Result<HttpAnswer> metrics;
};

// Which backend models the configuration relies on.
struct ExpectedModels {
  std::vector<std::string> named;  // distinct backend models named by --served-model or profiles
  bool needs_only_model = false;   // some profile has no backend model: the backend's only one
};
ExpectedModels expected_models(const Config& config);

enum class Severity { ok, warn, fail };

struct PreflightFinding {
  Severity severity = Severity::ok;
  std::string check;  // "health", "model", "version", "kv-cache"
  std::string message;
};

struct PreflightReport {
  std::string backend;  // "host:port"
  std::vector<PreflightFinding> findings;
  std::vector<ModelCard> models;       // what the backend serves, when it said so
  std::string only_model;              // set when needs_only_model and exactly one served
  std::optional<VllmVersion> version;  // when /version was understood
  std::optional<BackendReasoningKeys> reasoning_keys;
  bool fp8_kv_cache = false;
  // The backend answers /health with 200 and serves what the configuration needs.
  bool usable() const;
};

PreflightReport build_preflight_report(const BackendAnswers& answers,
                                       const ExpectedModels& expected, std::string backend);

// One line per finding ("OK    health: ...", "WARN  kv-cache: ...", "FAIL  model: ..."), then a
// verdict line; what --check-backend prints.
std::string format_report(const PreflightReport& report);

// Logs each finding at info, warn or error level.
void log_report(const PreflightReport& report);

// Asks the backend the four questions, one fresh connection each, each exchange bounded by
// `timeout`. Never throws; failures are in the answers.
net::awaitable<BackendAnswers> ask_backend(const Config& config, std::chrono::milliseconds timeout);

// Runs ask_backend() on an io_context of its own, blocking, and builds the report.
PreflightReport run_preflight(const Config& config,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace qp::ops
