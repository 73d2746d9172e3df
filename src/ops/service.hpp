// The proxy's life as a service: the startup sequence after the configuration is loaded
// (logging, backend pre-flight, metrics listener, server, systemd readiness) and the shutdown.
// run_main() is everything main() does: load the configuration and carry out the StartupAction.
#pragma once

#include <functional>

#include "config/load_config.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::ops {

// Loads the configuration from argv and env and carries out its action; returns the exit code:
// 0 success, 1 a failed check (--check-config, --check-backend) or a listener that cannot bind,
// 2 an invalid configuration.
int run_main(int argc, const char* const* argv, const Environment& env);

// Reads the configuration again as at start (same argv, environment and files); throws
// ConfigError when it is invalid.
using ConfigSource = std::function<Config()>;

// Runs the proxy with a loaded configuration until SIGTERM or SIGINT; returns the exit code.
// SIGHUP installs the configuration `reload_source` gives (see proxy/config_reload.hpp).
int run_proxy(LoadedConfig loaded, const Environment& env, const ConfigSource& reload_source);

// --check-backend: prints the pre-flight report on stdout; 0 when the backend is usable, else 1.
int check_backend(const Config& config);

// The pre-flight checks at start: logs the report and, when no backend model is configured and
// the backend serves exactly one, installs it in shared.config. Never fatal.
void preflight_at_start(proxy::ProxyShared& shared);

}  // namespace qp::ops
