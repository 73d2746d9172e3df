// BackendAddress helpers.
#include "config/config.hpp"

namespace qp {

std::string BackendAddress::host_header() const { return host + ":" + std::to_string(port); }

}  // namespace qp
