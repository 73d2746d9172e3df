// The listener settings of the proxy's server.
#include "proxy/server_options.hpp"

#include <algorithm>
#include <thread>

namespace qp::proxy {

net::ServerOptions server_options(const Config& config) {
  net::ServerOptions options;
  options.address = config.listen_address;
  options.port = config.port;
  options.threads =
      config.threads != 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  options.max_connections = config.max_connections;
  options.limits.header_timeout = config.client_header_timeout;
  options.limits.max_header_bytes = static_cast<std::uint32_t>(config.max_header_bytes);
  return options;
}

}  // namespace qp::proxy
