// Header policy of a well-mannered proxy: what crosses in each direction and what the proxy adds.
// Hop-by-hop fields (RFC 9110 section 7.6.1 and any field named in Connection) never cross.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "net/asio.hpp"

namespace qp::net {

struct UpstreamHead {
  std::string_view method;                      // as the client sent it
  std::string_view target;                      // path and query for the backend
  std::string_view request_id;                  // X-Request-Id sent to the backend
  std::string_view client_address;              // appended to X-Forwarded-For
  std::optional<std::uint64_t> content_length;  // sent as Content-Length when known
  bool chunked_body = false;                    // the body follows in chunked encoding instead
  bool plain_response = false;  // drop Accept-Encoding: the proxy must read the answer
  // The client's Authorization and X-Api-Key are not forwarded: the proxy checked them itself.
  bool strip_client_credentials = false;
  // When not empty, sent as "Authorization: Bearer <key>" (vLLM's --api-key) in place of the
  // client's. Never logged.
  std::string_view backend_api_key;
};

// Serialises the request line and headers for the backend: the client's end-to-end headers, then
// Host, Content-Length, X-Forwarded-For/-Proto, X-Request-Id (and Authorization, see UpstreamHead)
// as the proxy sets them.
std::string build_upstream_head(const http::fields& client_fields, const UpstreamHead& head,
                                const BackendAddress& backend);

// The status line and headers of `head` as they go on the wire, blank line included (what Beast's
// serializer writes, without its per-buffer machinery).
std::string serialize_response_head(const http::response_header<>& head);

// Copies the backend's end-to-end response headers onto `out` (not the framing ones: Content-Length
// and Transfer-Encoding are decided by whoever writes the body).
void copy_response_headers(const http::fields& backend_fields, http::fields& out);

}  // namespace qp::net
