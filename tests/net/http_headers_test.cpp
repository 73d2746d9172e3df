// serialize_client_response_head: the exact bytes of the client's status line and headers, built
// from the backend's parsed fields and the writer's framing.
#include "net/http_headers.hpp"

#include <gtest/gtest.h>

#include <string>

#include "net/parsed_backend_head.hpp"

namespace qp::net {
namespace {

using testing::parsed_backend_head;

// The head for `backend_raw` with profile "fast" and request id "req-1".
std::string client_head_bytes(std::string_view backend_raw, const ResponseFraming& framing,
                              std::string_view profile = "fast",
                              std::string_view request_id = "req-1") {
  const auto backend = parsed_backend_head(backend_raw);
  return serialize_client_response_head({.status = backend->status(),
                                         .backend_fields = backend->fields(),
                                         .profile_name = profile,
                                         .request_id = request_id},
                                        framing);
}

constexpr ResponseFraming kLength7{
    .version = 11, .body = BodyFraming::content_length, .content_length = 7, .connection = ""};

TEST(ClientResponseHead, HopByHopFieldsDoNotCross) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\n"
                              "Content-Type: application/json\r\n"
                              "Connection: close, X-Backend-Hop\r\n"
                              "Keep-Alive: timeout=5\r\n"
                              "X-Backend-Hop: 1\r\n"
                              "Transfer-Encoding: chunked\r\n"
                              "Trailer: X-Checksum\r\n"
                              "Date: Mon, 02 Nov 2026 10:00:00 GMT\r\n"
                              "\r\n",
                              kLength7),
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: application/json\r\n"
            "Date: Mon, 02 Nov 2026 10:00:00 GMT\r\n"
            "X-Qwen35-Profile: fast\r\n"
            "X-Request-Id: req-1\r\n"
            "Content-Length: 7\r\n"
            "\r\n");
}

TEST(ClientResponseHead, OnlyFieldsNamedInConnectionAreDropped) {
  // "keep-alive" and "close" name no field that could cross; a name after them still counts.
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nConnection: Keep-Alive\r\nX-Close: 1\r\n"
                              "X-Keep-Alive: 2\r\n\r\n",
                              kLength7, "", ""),
            "HTTP/1.1 200 OK\r\nX-Close: 1\r\nX-Keep-Alive: 2\r\nContent-Length: 7\r\n\r\n");
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nConnection: keep-alive, close ,x-hop\r\n"
                              "X-Hop: 1\r\nX-Kept: 2\r\n\r\n",
                              kLength7, "", ""),
            "HTTP/1.1 200 OK\r\nX-Kept: 2\r\nContent-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, BackendContentLengthIsReplacedByTheWriters) {
  EXPECT_EQ(
      client_head_bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nServer: vllm\r\n\r\n", kLength7),
      "HTTP/1.1 200 OK\r\nServer: vllm\r\nX-Qwen35-Profile: fast\r\nX-Request-Id: req-1\r\n"
      "Content-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, BackendRequestIdIsKeptAndNotDuplicated) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nx-request-id: backend-9\r\n\r\n", kLength7),
            "HTTP/1.1 200 OK\r\nx-request-id: backend-9\r\nX-Qwen35-Profile: fast\r\n"
            "Content-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, BackendRequestIdNamedInConnectionIsReplacedByTheProxys) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nConnection: X-Request-Id\r\n"
                              "X-Request-Id: backend-9\r\n\r\n",
                              kLength7, ""),
            "HTTP/1.1 200 OK\r\nX-Request-Id: req-1\r\nContent-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, NoRequestIdWhenNeitherSideHasOne) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\n\r\n", kLength7, "", ""),
            "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, BackendProfileIsReplacedWhenAProfileIsSet) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nx-qwen35-profile: other\r\nServer: vllm\r\n\r\n",
                              kLength7),
            "HTTP/1.1 200 OK\r\nServer: vllm\r\nX-Qwen35-Profile: fast\r\nX-Request-Id: req-1\r\n"
            "Content-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, BackendProfileCrossesWhenNoProfileIsSet) {
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nX-Qwen35-Profile: other\r\n\r\n", kLength7, ""),
            "HTTP/1.1 200 OK\r\nX-Qwen35-Profile: other\r\nX-Request-Id: req-1\r\n"
            "Content-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, FieldsKeepTheOrderReceived) {
  // Repeated fields too, interleaved with others as the backend sent them.
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: Accept\r\n"
                              "Set-Cookie: b=2\r\nx-CUSTOM:  spaced \r\n\r\n",
                              kLength7, "", ""),
            "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: Accept\r\nSet-Cookie: b=2\r\n"
            "x-CUSTOM: spaced\r\nContent-Length: 7\r\n\r\n");
}

TEST(ClientResponseHead, StatusLineCarriesTheStandardReason) {
  const ResponseFraming close{
      .version = 11, .body = BodyFraming::chunked, .content_length = 0, .connection = "close"};
  EXPECT_EQ(client_head_bytes("HTTP/1.1 404 Nope\r\n\r\n", close, "", ""),
            "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(client_head_bytes("HTTP/1.1 299 Odd\r\n\r\n", close, "", ""),
            "HTTP/1.1 299 <unknown-status>\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
            "\r\n");
}

TEST(ClientResponseHead, Http10KeepAliveWithLength) {
  const ResponseFraming framing{.version = 10,
                                .body = BodyFraming::content_length,
                                .content_length = 18446744073709551615U,
                                .connection = "keep-alive"};
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", framing),
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Qwen35-Profile: fast\r\n"
            "X-Request-Id: req-1\r\nContent-Length: 18446744073709551615\r\n"
            "Connection: keep-alive\r\n\r\n");
}

TEST(ClientResponseHead, Http10CloseDelimitedHasNoFramingFields) {
  const ResponseFraming framing{
      .version = 10, .body = BodyFraming::close_delimited, .content_length = 0, .connection = ""};
  EXPECT_EQ(client_head_bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", framing),
            "HTTP/1.0 200 OK\r\nX-Qwen35-Profile: fast\r\nX-Request-Id: req-1\r\n\r\n");
}

TEST(ClientResponseHead, Http11ChunkedKeepAlive) {
  const ResponseFraming framing{
      .version = 11, .body = BodyFraming::chunked, .content_length = 0, .connection = ""};
  EXPECT_EQ(client_head_bytes("HTTP/1.1 201 Created\r\nContent-Type: text/event-stream\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n",
                              framing),
            "HTTP/1.1 201 Created\r\nContent-Type: text/event-stream\r\nX-Qwen35-Profile: fast\r\n"
            "X-Request-Id: req-1\r\nTransfer-Encoding: chunked\r\n\r\n");
}

// build_upstream_head: the backend's request head from the client's fields.
std::string upstream_head_bytes(const http::fields& client, const UpstreamHead& head) {
  return build_upstream_head(client, head, BackendAddress{"backend", 8000});
}

UpstreamHead upstream_head(std::string_view method, std::string_view target,
                           std::string_view client_address) {
  UpstreamHead head;
  head.method = method;
  head.target = target;
  head.request_id = "req-1";
  head.client_address = client_address;
  return head;
}

TEST(UpstreamHead, FieldsTheProxySetsAreReplacedAndTheRestCrossInOrder) {
  http::fields client;
  client.insert("HOST", "client-host");
  client.insert("content-length", "999");
  client.insert("Expect", "100-continue");
  client.insert("x-REQUEST-id", "client-id");
  client.insert("X-Custom", "1");
  client.insert("x-forwarded-for", "10.0.0.1");
  client.insert("Accept-Encoding", "gzip");
  client.insert("X-Forwarded-For", "10.0.0.2");
  UpstreamHead head = upstream_head("POST", "/v1/chat/completions", "127.0.0.1");
  head.content_length = 2;
  EXPECT_EQ(upstream_head_bytes(client, head),
            "POST /v1/chat/completions HTTP/1.1\r\nHost: backend:8000\r\nX-Custom: 1\r\n"
            "Accept-Encoding: gzip\r\nX-Forwarded-For: 10.0.0.1, 10.0.0.2, 127.0.0.1\r\n"
            "X-Forwarded-Proto: http\r\nX-Request-Id: req-1\r\nContent-Length: 2\r\n\r\n");
}

TEST(UpstreamHead, ClientForwardedProtoIsKept) {
  http::fields client;
  client.insert("x-Forwarded-PROTO", "https");
  EXPECT_EQ(upstream_head_bytes(client, upstream_head("GET", "/v1/models", "10.0.0.9")),
            "GET /v1/models HTTP/1.1\r\nHost: backend:8000\r\nx-Forwarded-PROTO: https\r\n"
            "X-Forwarded-For: 10.0.0.9\r\nX-Request-Id: req-1\r\n\r\n");
}

TEST(UpstreamHead, CredentialsAndEncodingAreDroppedWhenTheProxyMustReadOrAuthenticate) {
  http::fields client;
  client.insert("authorization", "Bearer client-key");
  client.insert("X-API-Key", "client-key");
  client.insert("accept-encoding", "br");
  client.insert("X-Api-Key-Hint", "kept");
  UpstreamHead head = upstream_head("POST", "/v1/completions", "c");
  head.chunked_body = true;
  head.plain_response = true;
  head.backend_api_key = "backend-key";
  EXPECT_EQ(upstream_head_bytes(client, head),
            "POST /v1/completions HTTP/1.1\r\nHost: backend:8000\r\nX-Api-Key-Hint: kept\r\n"
            "X-Forwarded-For: c\r\nX-Forwarded-Proto: http\r\nX-Request-Id: req-1\r\n"
            "Authorization: Bearer backend-key\r\nTransfer-Encoding: chunked\r\n\r\n");
  // Without a reason to drop them, the client's credentials and encodings reach the backend.
  const std::string kept = upstream_head_bytes(client, upstream_head("POST", "/x", "c"));
  EXPECT_NE(kept.find("authorization: Bearer client-key\r\n"), std::string::npos) << kept;
  EXPECT_NE(kept.find("X-API-Key: client-key\r\n"), std::string::npos) << kept;
  EXPECT_NE(kept.find("accept-encoding: br\r\n"), std::string::npos) << kept;
}

}  // namespace
}  // namespace qp::net
