// Config: everything the proxy needs to run, parsed and validated once at start (exceptions are
// allowed only while loading), then shared read-only as std::shared_ptr<const Config>.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config/profile.hpp"
#include "log/access_log.hpp"

namespace qp {

enum class LogLevel { complete, debug, info, warn, error };

struct BackendAddress {
  std::string host = "127.0.0.1";  // name or IP literal; IPv6 without brackets
  std::uint16_t port = 8000;
  std::string host_header() const;  // "host:port", what the backend sees in Host
};

// One client API key. `name` is empty for unnamed keys (--api-key, QWEN35RP_API_KEY, a key file
// line without "name:"); only named keys can be listed in Profile::allowed_keys. Never log `key`.
struct ApiKey {
  std::string name;
  std::string key;
  bool operator==(const ApiKey&) const = default;
};

struct Config {
  // Where clients connect.
  std::string listen_address = "0.0.0.0";
  std::uint16_t port = 9000;  // 0 picks a free port (printed at start)
  unsigned threads = 0;       // 0 = one per hardware thread

  // The vLLM server.
  std::string target = "http://127.0.0.1:8000";  // as given by the user
  BackendAddress backend;                        // parsed from target
  std::string served_model;     // backend model name; empty = ask /v1/models for its only model
  std::string backend_api_key;  // sent as "Authorization: Bearer" to vLLM; empty = none. Never log.

  // Client authentication: empty = no key check (any client may call). Never log the keys.
  std::vector<ApiKey> api_keys;

  // The configuration file given with --config / QWEN35RP_CONFIG (empty = none): a reload reads it
  // again through load_config() with the same argv and environment.
  std::string config_file;

  // Policy.
  bool enforce_sampling_params = false;
  ReasoningField reasoning_field = ReasoningField::as_is;
  std::vector<Profile> profiles;  // the virtual models; the four built-ins unless configured

  // Limits and timeouts.
  std::size_t max_body_bytes = 100u << 20;
  std::size_t max_event_bytes = 10u << 20;
  std::chrono::milliseconds backend_timeout{std::chrono::minutes(10)};  // first response byte
  // A client that has not sent a whole request head this long after its first byte gets 408.
  std::chrono::milliseconds client_header_timeout{std::chrono::seconds(30)};
  std::size_t max_header_bytes = 64u << 10;  // a larger request head gets 431
  std::size_t max_connections = 16384;       // open client connections; more get 503 and close
  std::chrono::seconds shutdown_grace{180};  // how long in-flight work may finish on SIGTERM
  std::chrono::milliseconds upstream_idle_timeout{std::chrono::milliseconds(4000)};  // < vLLM's 5 s

  LogLevel log_level = LogLevel::info;
  // One access-log line per request, at INFO: logfmt, or JSON (--access-log-format).
  log::AccessLogFormat access_log_format = log::AccessLogFormat::logfmt;

  // The proxy's own Prometheus metrics (GET /metrics on a separate listener, so that the
  // backend's /metrics still passes through the main port). Off with --metrics-listen off or
  // --no-metrics.
  bool metrics_enabled = true;
  std::string metrics_address = "127.0.0.1";
  std::uint16_t metrics_port = 9464;  // 0 picks a free port
};

}  // namespace qp
