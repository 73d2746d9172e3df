// The request filters of the proxied APIs: parse the body, pick the profile by `model`, rewrite the
// request (pure), then forward() with the answer rewriter of that API. And the plain pass-through
// for every other path.
#pragma once

#include <memory>

#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

enum class Api { chat, completions, tokenize, detokenize };

// POST /v1/chat/completions, /v1/completions, /tokenize, /detokenize through a virtual model.
net::awaitable<bool> forward_api(Api api, net::IncomingRequest& request, ThreadContext& thread,
                                 std::shared_ptr<const Config> config);

// Any other request: sent as the client sent it (less hop-by-hop headers), the answer as is.
net::awaitable<bool> pass_through(net::IncomingRequest& request, ThreadContext& thread,
                                  const Config& config);

}  // namespace qp::proxy
