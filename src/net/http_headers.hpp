// Header policy of a well-mannered proxy: what crosses in each direction and what the proxy adds.
// Hop-by-hop fields (RFC 9110 section 7.6.1 and any field named in Connection) never cross.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
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

// One field of a received head: Beast's code for the name (http::field::unknown for names it does
// not know), the name as spelled, and the value.
struct HeadField {
  http::field name = http::field::unknown;
  std::string_view name_string;
  std::string_view value;
};

// The value of the first field called `name` in `fields`, or "" when there is none.
std::string_view first_value(std::span<const HeadField> fields, http::field name);

// The client's response head before framing: the backend's answer as the proxy relays it.
struct ClientResponseHead {
  unsigned status = 200;
  // The backend's parsed fields, in order; not owned, and must outlive the serialisation.
  std::span<const HeadField> backend_fields;
  std::string_view
      profile_name;             // sent as X-Qwen35-Profile, in place of the backend's, if not empty
  std::string_view request_id;  // sent as X-Request-Id when not empty and the backend sent none
};

// How the body that follows the head is delimited.
enum class BodyFraming { content_length, chunked, close_delimited };

// What the writer of the body adds after the relayed fields.
struct ResponseFraming {
  unsigned version = 11;  // the client's HTTP version (10 or 11)
  BodyFraming body = BodyFraming::chunked;
  std::uint64_t content_length = 0;  // sent as Content-Length when body is content_length
  std::string_view connection;       // sent as Connection when not empty
};

// Serialises the client's status line and headers, blank line included, in one pass over the
// backend's fields: the status line with the standard reason; the backend's end-to-end fields in
// their order (no hop-by-hop field, no Content-Length); X-Qwen35-Profile and X-Request-Id as
// ClientResponseHead says; then Content-Length or Transfer-Encoding, then Connection, as framed.
std::string serialize_client_response_head(const ClientResponseHead& head,
                                           const ResponseFraming& framing);

}  // namespace qp::net
