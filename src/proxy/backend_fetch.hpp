// Small requests the proxy makes to the backend on its own behalf (model list, health, discovery),
// through the thread's upstream pool.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

struct BackendAnswer {
  int status = 0;
  std::string body;
};

// GET `target` from the backend within `timeout`. Errors: backend_unreachable, backend_timeout.
// The connection goes back to the pool only after a complete keep-alive answer.
net::awaitable<Result<BackendAnswer>> fetch_from_backend(ThreadContext& thread,
                                                         const Config& config,
                                                         std::string_view target,
                                                         std::chrono::milliseconds timeout);

}  // namespace qp::proxy
