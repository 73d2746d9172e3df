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

// Builds the session handlers for server thread number `thread_index`; they own that thread's
// ThreadContext, which records into shared.metrics->recorder(thread_index) when there is a
// registry. Every request ends with its metrics and one access-log line (see request_log.hpp),
// and so does every request refused while its head was read (408, 431, 400).
net::SessionHandlers make_session_handlers(net::asio::any_io_executor executor, ProxyShared& shared,
                                           std::size_t thread_index);

}  // namespace qp::proxy
