// Reloading the configuration (SIGHUP). The new configuration serves every request that starts
// afterwards; requests and streams in flight keep the snapshot they started with (ConfigHolder).
// A configuration that does not load changes nothing. Settings that take effect only at start (the
// listener, threads, connection cap, client header limits, backend address and its connection
// pool, shutdown grace, metrics listener) keep their running values, each change named in a
// warning: those need a restart.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

struct ReloadOutcome {
  bool applied = false;
  std::string error;                  // why nothing changed, when !applied
  std::vector<std::string> warnings;  // restart-only settings that changed and were kept
};

// Calls `load` (which reads the configuration as at start and throws ConfigError, or any
// std::exception, when it cannot) and installs its result in `holder`, keeping the restart-only
// settings of the running configuration. A backend model the running configuration learned from
// the backend is kept when the new one names none.
ReloadOutcome reload_configuration(ConfigHolder& holder, const std::function<Config()>& load);

}  // namespace qp::proxy
