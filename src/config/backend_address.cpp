// BackendAddress helpers.
#include "config/config.hpp"

namespace qp {

std::string BackendAddress::host_header() const {
  const bool ipv6_literal = host.find(':') != std::string::npos;  // stored without brackets
  return (ipv6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace qp
