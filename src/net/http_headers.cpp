// Header policy of the proxy in both directions.
#include "net/http_headers.hpp"

#include <array>
#include <boost/beast/http/rfc7230.hpp>
#include <charconv>

namespace qp::net {

namespace {

bool iequals(std::string_view a, std::string_view b) { return beast::iequals(a, b); }

// Field names are compared by Beast's code where it has one; the names below are not in its table
// (their code is http::field::unknown), so they are compared as text.
constexpr std::string_view kForwardedFor = "x-forwarded-for";
constexpr std::string_view kForwardedProto = "x-forwarded-proto";
constexpr std::string_view kApiKey = "x-api-key";
// ... and the two the proxy adds to answers, spelled as it sends them.
constexpr std::string_view kProfileField = "X-Qwen35-Profile";
constexpr std::string_view kRequestIdField = "X-Request-Id";

bool is_unknown_named(http::field code, std::string_view name, std::string_view expected) {
  return code == http::field::unknown && iequals(name, expected);
}

// Fields the proxy sets itself towards the backend, so the client's copies are not forwarded.
bool is_set_by_proxy(http::field code, std::string_view name) {
  switch (code) {
    case http::field::host:
    case http::field::content_length:
    case http::field::expect:
      return true;
    case http::field::unknown:
      return iequals(name, kForwardedFor) || iequals(name, kRequestIdField);
    default:
      return false;
  }
}

// The fields in which clients present API keys.
bool is_credential(http::field code, std::string_view name) {
  return code == http::field::authorization || is_unknown_named(code, name, kApiKey);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

// The standard hop-by-hop fields (RFC 9110 section 7.6.1), by Beast's code for the name.
bool is_standard_hop_by_hop(http::field name) {
  switch (name) {
    case http::field::connection:
    case http::field::keep_alive:
    case http::field::proxy_connection:
    case http::field::te:
    case http::field::trailer:
    case http::field::transfer_encoding:
    case http::field::upgrade:
    case http::field::proxy_authenticate:
    case http::field::proxy_authorization:
      return true;
    default:
      return false;
  }
}

// Whether a Connection value names fields beyond the standard hop-by-hop ones: the usual
// "keep-alive" (a standard one) and "close" (no field) do not.
bool names_more_fields(std::string_view connection) {
  for (auto token : http::token_list(connection)) {
    if (!iequals(token, "keep-alive") && !iequals(token, "close")) return true;
  }
  return false;
}

// The value of the message's (first) Connection header when it names more hop-by-hop fields, else
// empty: the fields to drop besides the standard ones.
std::string_view listed_hop_by_hop(const http::fields& fields) {
  const auto connection = fields.find(http::field::connection);
  if (connection == fields.end() || !names_more_fields(connection->value())) return {};
  return connection->value();
}

std::string_view listed_hop_by_hop(std::span<const HeadField> fields) {
  const std::string_view connection = first_value(fields, http::field::connection);
  return names_more_fields(connection) ? connection : std::string_view{};
}

// True for the standard hop-by-hop fields and for any field named in `listed` (see
// listed_hop_by_hop()).
bool is_hop_by_hop(http::field name, std::string_view name_string, std::string_view listed) {
  if (is_standard_hop_by_hop(name)) return true;
  if (listed.empty()) return false;
  for (auto token : http::token_list(listed)) {
    if (iequals(token, name_string)) return true;
  }
  return false;
}

// Appends `value` in decimal, without a temporary string.
void append_number(std::string& out, std::uint64_t value) {
  std::array<char, 20> digits{};  // 20 digits hold any uint64_t, so to_chars cannot fail
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), result.ptr);
}

// Whether a backend field is relayed to the client: not hop-by-hop, not Content-Length (the writer
// frames the body), and not X-Qwen35-Profile when the proxy sends its own.
bool reaches_client(const HeadField& field, std::string_view listed, bool profile_set) {
  if (is_hop_by_hop(field.name, field.name_string, listed) ||
      field.name == http::field::content_length) {
    return false;
  }
  return !(profile_set && is_unknown_named(field.name, field.name_string, kProfileField));
}

}  // namespace

std::string_view first_value(std::span<const HeadField> fields, http::field name) {
  for (const HeadField& field : fields) {
    if (field.name == name) return field.value;
  }
  return {};
}

std::string build_upstream_head(const http::fields& client_fields, const UpstreamHead& head,
                                const BackendAddress& backend) {
  std::string out;
  out.reserve(1024);
  out.append(head.method).append(" ").append(head.target).append(" HTTP/1.1\r\n");
  append_field(out, "Host", backend.host_header());
  std::string forwarded_for;
  bool forwarded_proto = false;
  const std::string_view listed = listed_hop_by_hop(client_fields);
  const bool drop_credentials = head.strip_client_credentials || !head.backend_api_key.empty();
  for (const auto& field : client_fields) {
    const http::field code = field.name();
    const std::string_view name = field.name_string();
    if (is_unknown_named(code, name, kForwardedFor)) {
      forwarded_for.append(forwarded_for.empty() ? "" : ", ").append(field.value());
      continue;
    }
    forwarded_proto = forwarded_proto || is_unknown_named(code, name, kForwardedProto);
    if (is_hop_by_hop(code, name, listed) || is_set_by_proxy(code, name)) continue;
    if (head.plain_response && code == http::field::accept_encoding) continue;
    if (drop_credentials && is_credential(code, name)) continue;
    append_field(out, name, field.value());
  }
  forwarded_for.append(forwarded_for.empty() ? "" : ", ").append(head.client_address);
  append_field(out, "X-Forwarded-For", forwarded_for);
  if (!forwarded_proto) append_field(out, "X-Forwarded-Proto", "http");
  append_field(out, "X-Request-Id", head.request_id);
  if (!head.backend_api_key.empty()) {
    out.append("Authorization: Bearer ").append(head.backend_api_key).append("\r\n");
  }
  if (head.chunked_body) {
    append_field(out, "Transfer-Encoding", "chunked");
  } else if (head.content_length) {
    append_field(out, "Content-Length", std::to_string(*head.content_length));
  }
  out.append("\r\n");
  return out;
}

std::string serialize_client_response_head(const ClientResponseHead& head,
                                           const ResponseFraming& framing) {
  const std::span<const HeadField> backend = head.backend_fields;
  const std::string_view listed = listed_hop_by_hop(backend);
  const bool profile_set = !head.profile_name.empty();
  const std::string_view reason = http::obsolete_reason(static_cast<http::status>(head.status));
  // kFixedBytes covers what does not depend on the fields: the status line's digits, the names
  // the proxy adds, the framing fields and every CRLF of its own, so the string grows only once.
  constexpr std::size_t kFixedBytes = 128;
  std::size_t size = kFixedBytes + reason.size() + head.profile_name.size() +
                     head.request_id.size() + framing.connection.size();
  for (const HeadField& field : backend) size += field.name_string.size() + field.value.size() + 4;
  std::string out;
  out.reserve(size);

  out.append("HTTP/");
  append_number(out, framing.version / 10);
  out.push_back('.');
  append_number(out, framing.version % 10);
  out.push_back(' ');
  append_number(out, head.status);
  out.push_back(' ');
  out.append(reason).append("\r\n");

  bool backend_request_id = false;
  for (const HeadField& field : backend) {
    if (!reaches_client(field, listed, profile_set)) continue;
    backend_request_id =
        backend_request_id || is_unknown_named(field.name, field.name_string, kRequestIdField);
    append_field(out, field.name_string, field.value);
  }
  if (profile_set) append_field(out, kProfileField, head.profile_name);
  if (!backend_request_id && !head.request_id.empty()) {
    append_field(out, kRequestIdField, head.request_id);
  }

  switch (framing.body) {
    case BodyFraming::content_length:
      out.append("Content-Length: ");
      append_number(out, framing.content_length);
      out.append("\r\n");
      break;
    case BodyFraming::chunked:
      append_field(out, "Transfer-Encoding", "chunked");
      break;
    case BodyFraming::close_delimited:
      break;
  }
  if (!framing.connection.empty()) append_field(out, "Connection", framing.connection);
  out.append("\r\n");
  return out;
}

}  // namespace qp::net
