// The listener settings of the proxy's server, taken from the configuration.
#pragma once

#include "config/config.hpp"
#include "net/server.hpp"

namespace qp::proxy {

// Address, port, threads (0 = one per hardware thread) and the client-side limits.
net::ServerOptions server_options(const Config& config);

}  // namespace qp::proxy
