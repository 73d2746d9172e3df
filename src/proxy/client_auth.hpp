// Client authentication, when the proxy checks API keys itself (--api-key, --api-key-file): which
// key a request presents and the 401 answer for a request without a valid one.
#pragma once

#include <string_view>

#include "net/client_session.hpp"

namespace qp::proxy {

// The key a request presents: the credentials of "Authorization: Bearer <key>" (scheme matched
// without regard to case), else the value of "X-Api-Key" (as Anthropic clients send it); empty
// when neither is there.
std::string_view presented_api_key(const net::http::fields& fields);

// Whether `path` is answered without a key: /health and /ready, the probes of orchestrators and
// load balancers, which reveal nothing about the models.
bool path_is_open(std::string_view path);

// Writes 401 with an OpenAI-style body and "WWW-Authenticate: Bearer". The body, if any, is not
// read. Returns whether the connection may carry another request.
net::awaitable<bool> refuse_unauthenticated(net::IncomingRequest& request);

}  // namespace qp::proxy
