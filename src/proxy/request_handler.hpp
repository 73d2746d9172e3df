// The proxy's request handler: routes each request by method and path to its handler.
//   POST /v1/chat/completions, /v1/completions   virtual model -> profile -> forward, answer
//   rewritten POST /tokenize, /detokenize                  virtual model -> served model (+
//   thinking switch) GET  /health                                 answered by the proxy, never
//   touching the backend GET  /ready, /v1/models                      answered by the proxy from
//   the backend's state anything else                                passed through to the backend
//   untouched
#pragma once

#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

// Builds the handler for one server thread; the handler owns that thread's ThreadContext.
net::RequestHandler make_request_handler(net::asio::any_io_executor executor, ProxyShared& shared);

}  // namespace qp::proxy
