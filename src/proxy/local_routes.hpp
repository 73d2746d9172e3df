// Answers the proxy gives itself: GET /health (never touches the backend), GET /ready (the
// backend's /health), GET /v1/models (the virtual models, built from the backend's card).
#pragma once

#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

net::awaitable<bool> answer_health(net::IncomingRequest& request);
net::awaitable<bool> answer_ready(net::IncomingRequest& request, ThreadContext& thread,
                                  const Config& config);
// Lists the virtual models `client_key` may use (nullptr: the proxy checks no keys).
net::awaitable<bool> answer_models(net::IncomingRequest& request, ThreadContext& thread,
                                   std::shared_ptr<const Config> config, const ApiKey* client_key);

}  // namespace qp::proxy
