// Per-thread proxy state.
#include "proxy/proxy_state.hpp"

#include <fmt/format.h>

namespace qp::proxy {

namespace {
constexpr std::chrono::seconds kConnectTimeout{10};
}

ThreadContext::ThreadContext(net::asio::any_io_executor executor, ProxyShared& shared)
    : executor_(executor),
      shared_(shared),
      pool_(executor, shared.config.get()->backend, shared.config.get()->upstream_idle_timeout,
            kConnectTimeout),
      random_(std::random_device{}()) {}

std::string ThreadContext::new_request_id() { return fmt::format("{:016x}", random_()); }

}  // namespace qp::proxy
