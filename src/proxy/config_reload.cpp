// Configuration reload.
#include "proxy/config_reload.hpp"

#include <exception>

#include "proxy/served_model.hpp"

namespace qp::proxy {

namespace {

// Keeps `running`'s value of one restart-only setting in `next`, with a warning when it changed.
template <class T>
void keep_running(T& next, const T& running, const char* setting,
                  std::vector<std::string>& warnings) {
  if (next == running) return;
  warnings.push_back(std::string(setting) + " changed; it takes effect at the next restart");
  next = running;
}

void keep_restart_only_settings(Config& next, const Config& running,
                                std::vector<std::string>& warnings) {
  keep_running(next.listen_address, running.listen_address, "listen address", warnings);
  keep_running(next.port, running.port, "port", warnings);
  keep_running(next.threads, running.threads, "threads", warnings);
  keep_running(next.max_connections, running.max_connections, "max-connections", warnings);
  keep_running(next.client_header_timeout, running.client_header_timeout, "client-header-timeout",
               warnings);
  keep_running(next.max_header_bytes, running.max_header_bytes, "max-header-bytes", warnings);
  keep_running(next.target, running.target, "target", warnings);
  next.backend = running.backend;  // parsed from target
  keep_running(next.upstream_idle_timeout, running.upstream_idle_timeout, "upstream-idle-timeout",
               warnings);
  keep_running(next.shutdown_grace, running.shutdown_grace, "shutdown-grace", warnings);
  keep_running(next.metrics_enabled, running.metrics_enabled, "metrics", warnings);
  keep_running(next.metrics_address, running.metrics_address, "metrics listen address", warnings);
  keep_running(next.metrics_port, running.metrics_port, "metrics port", warnings);
}

}  // namespace

ReloadOutcome reload_configuration(ConfigHolder& holder, const std::function<Config()>& load) {
  ReloadOutcome outcome;
  Config next;
  try {
    next = load();
  } catch (const std::exception& error) {
    outcome.error = error.what();
    return outcome;
  }
  const std::shared_ptr<const Config> running = holder.get();
  keep_restart_only_settings(next, *running, outcome.warnings);
  if (next.served_model.empty() && !running->served_model.empty()) {
    holder.set(with_served_model(next, running->served_model));
  } else {
    holder.set(std::make_shared<const Config>(std::move(next)));
  }
  outcome.applied = true;
  return outcome;
}

}  // namespace qp::proxy
