// The request filters of the proxied APIs: parse the body, pick the profile by `model`, rewrite the
// request (pure), then forward() with the answer rewriter of that API. And the plain pass-through
// for every other path.
#pragma once

#include <memory>

#include "json/splice.hpp"
#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"
#include "transform/chat_request.hpp"

namespace qp::proxy {

enum class Api { chat, completions, tokenize, detokenize };

// The backend path of an API ("/v1/chat/completions", ...).
std::string_view api_path(Api api);

// POST /v1/chat/completions, /v1/completions, /tokenize, /detokenize through a virtual model.
// `client_key`: the key the client authenticated with, nullptr when the proxy checks no keys.
net::awaitable<bool> forward_api(Api api, net::IncomingRequest& request, ThreadContext& thread,
                                 std::shared_ptr<const Config> config, const ApiKey* client_key);

// Reads the request body (at most config.max_body_bytes) into request.message.body() and parses
// it for `api`. The result's views point into request.message.body().
net::awaitable<Result<transform::ParsedRequest>> read_api_request(Api api,
                                                                  net::IncomingRequest& request,
                                                                  const Config& config);

// The request filter of a proxied API, shared by forward_api() and the profile preview: the
// request's virtual model and its profile, and the body for the backend made with that profile.
struct PreparedRequest {
  std::shared_ptr<const Config> config;  // the configuration used, with the backend model known
  const Profile* profile = nullptr;      // the virtual model's, inside *config
  // The body for the backend (views into the parsed request's body) and the settings applied.
  transform::RewrittenRequest rewritten;
};

// ErrorKind::not_found for a model that is not a virtual model or that `client_key` may not use
// (the message lists only the models the key may use). Asks the backend for its model only when
// the configuration does not know it yet.
net::awaitable<Result<PreparedRequest>> prepare_api_request(Api api,
                                                            const transform::ParsedRequest& parsed,
                                                            ThreadContext& thread,
                                                            std::shared_ptr<const Config> config,
                                                            const ApiKey* client_key);

// The largest pass-through body read whole before it is sent (see pass_through).
inline constexpr std::size_t kBufferedPassThroughBytes = 1u << 20;

// Any other request: sent as the client sent it (less hop-by-hop headers), the answer as is. A body
// of declared length up to kBufferedPassThroughBytes is read whole first, so that the call can be
// retried once on a fresh connection like the APIs'; a larger or chunked one is relayed as it
// arrives, on a fresh connection (it could not be retried).
net::awaitable<bool> pass_through(net::IncomingRequest& request, ThreadContext& thread,
                                  const Config& config);

}  // namespace qp::proxy
