// ResponseWriter: writes one response to the client as its body becomes available, with the framing
// the client can take: Content-Length when known, chunked for HTTP/1.1, close-delimited for
// HTTP/1.0.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "json/splice.hpp"
#include "net/asio.hpp"
#include "net/http_headers.hpp"
#include "net/request_record.hpp"

namespace qp::proxy {

class ResponseWriter {
 public:
  // `record` (the request's, outliving the writer) learns the status, the time of the first byte,
  // the body bytes sent, and that the client left when a write fails.
  ResponseWriter(net::beast::tcp_stream& client, unsigned version, bool keep_alive, bool head_only,
                 std::chrono::milliseconds write_timeout, net::RequestRecord& record);

  // Writes the status line and headers. content_length: the exact body size when known. The
  // fields `head` points at are read before the first suspension only.
  net::awaitable<net::error_code> start(net::ClientResponseHead head,
                                        std::optional<std::uint64_t> content_length);
  // Writes the status line, headers and the whole body with Content-Length, in one gather write
  // of the body's pieces (instead of start(), write() and finish()). `head` as for start(); the
  // bytes the pieces view must outlive the write.
  net::awaitable<net::error_code> write_whole(net::ClientResponseHead head, json::SplicedBody body);
  // Writes body bytes (one chunk when chunked); an empty view writes nothing.
  net::awaitable<net::error_code> write(std::string_view bytes);
  // Ends the body (the last chunk when chunked).
  net::awaitable<net::error_code> finish();

  bool started() const { return started_; }
  net::RequestRecord& record() { return record_; }
  // Whether the connection can carry another request once finish() succeeded.
  bool keep_alive() const { return keep_alive_; }

 private:
  // Serialises `head` with the framing fields (deciding framing_) and Connection, and records the
  // response start.
  std::string frame(const net::ClientResponseHead& head,
                    std::optional<std::uint64_t> content_length);

  using Framing = net::BodyFraming;

  net::beast::tcp_stream& client_;
  unsigned version_;
  bool keep_alive_;
  bool head_only_;
  std::chrono::milliseconds write_timeout_;
  net::RequestRecord& record_;
  Framing framing_ = Framing::chunked;
  bool started_ = false;
};

}  // namespace qp::proxy
