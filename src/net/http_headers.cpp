// Header policy of the proxy in both directions.
#include "net/http_headers.hpp"

#include <array>
#include <boost/beast/http/rfc7230.hpp>

namespace qp::net {

namespace {

bool iequals(std::string_view a, std::string_view b) { return beast::iequals(a, b); }

// Fields the proxy sets itself towards the backend, so the client's copies are not forwarded.
constexpr std::array<std::string_view, 5> kSetByProxy = {"host", "content-length", "expect",
                                                         "x-forwarded-for", "x-request-id"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  for (auto candidate : names) {
    if (iequals(candidate, name)) return true;
  }
  return false;
}

// The fields in which clients present API keys.
bool is_credential(std::string_view name) {
  return iequals(name, "authorization") || iequals(name, "x-api-key");
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

// The value of the message's Connection header, which may name more hop-by-hop fields.
std::string_view connection_value(const http::fields& fields) {
  const auto connection = fields.find(http::field::connection);
  if (connection == fields.end()) return {};
  return connection->value();
}

// True for the standard hop-by-hop fields and for any field named in `connection`.
bool is_hop_by_hop(const http::fields::value_type& field, std::string_view connection) {
  if (is_standard_hop_by_hop(field.name())) return true;
  if (connection.empty()) return false;
  for (auto token : http::token_list(connection)) {
    if (iequals(token, field.name_string())) return true;
  }
  return false;
}

}  // namespace

std::string build_upstream_head(const http::fields& client_fields, const UpstreamHead& head,
                                const BackendAddress& backend) {
  std::string out;
  out.reserve(1024);
  out.append(head.method).append(" ").append(head.target).append(" HTTP/1.1\r\n");
  append_field(out, "Host", backend.host_header());
  std::string forwarded_for;
  const std::string_view connection = connection_value(client_fields);
  for (const auto& field : client_fields) {
    const std::string_view name = field.name_string();
    if (iequals(name, "x-forwarded-for")) {
      forwarded_for.append(forwarded_for.empty() ? "" : ", ").append(field.value());
      continue;
    }
    if (is_hop_by_hop(field, connection) || contains(kSetByProxy, name)) continue;
    if (head.plain_response && iequals(name, "accept-encoding")) continue;
    if (is_credential(name) && (head.strip_client_credentials || !head.backend_api_key.empty())) {
      continue;
    }
    append_field(out, name, field.value());
  }
  forwarded_for.append(forwarded_for.empty() ? "" : ", ").append(head.client_address);
  append_field(out, "X-Forwarded-For", forwarded_for);
  if (client_fields.find("x-forwarded-proto") == client_fields.end()) {
    append_field(out, "X-Forwarded-Proto", "http");
  }
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

void copy_response_headers(const http::fields& backend_fields, http::fields& out) {
  const std::string_view connection = connection_value(backend_fields);
  for (const auto& field : backend_fields) {
    if (is_hop_by_hop(field, connection) || field.name() == http::field::content_length) continue;
    out.insert(field.name_string(), field.value());
  }
}

std::string serialize_response_head(const http::response_header<>& head) {
  std::string out;
  out.reserve(512);
  const unsigned version = head.version();
  out.append("HTTP/")
      .append(std::to_string(version / 10))
      .append(".")
      .append(std::to_string(version % 10))
      .append(" ")
      .append(std::to_string(head.result_int()))
      .append(" ")
      .append(head.reason())
      .append("\r\n");
  for (const auto& field : head) append_field(out, field.name_string(), field.value());
  out.append("\r\n");
  return out;
}

}  // namespace qp::net
