// RequestBody: the body of the request being handled, read when and as the handler chooses: whole
// (for the JSON APIs, bounded by a limit) or piece by piece (pass-through uploads of any size, with
// bounded memory). Sends `100 Continue` before the first read when the client asked for it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "net/asio.hpp"

namespace qp::net {

class RequestBody {
 public:
  using Parser = http::request_parser<http::buffer_body>;

  // All references must outlive this object; the session owns them. The parser's head is read
  // here once (Expect, version): the session may move it out afterwards.
  RequestBody(beast::tcp_stream& client, beast::flat_buffer& buffer, Parser& parser,
              std::chrono::milliseconds read_timeout);

  std::optional<std::uint64_t> content_length() const;  // as the client declared it
  bool chunked() const;
  bool empty() const;  // no body at all (neither Content-Length > 0 nor chunked)
  bool done() const;   // everything has been read

  // Reads the whole body into `out`. ErrorKind::payload_too_large as soon as the declared length or
  // the bytes read exceed `limit` (a too-large Content-Length is rejected before reading anything);
  // request_timeout when the client stalls; bad_request for broken framing or a client that left.
  // With a declared length, the body goes from the socket straight into `out` (no intermediate
  // copies).
  awaitable<Status> read_all(std::string& out, std::size_t limit);

  // Reads the next bytes of the body into `storage` and returns them (possibly none; check done()).
  awaitable<Result<std::string_view>> read_piece(std::span<char> storage);

 private:
  // The client sent `Expect: 100-continue` and is still waiting for the interim response. Checked
  // before send_continue(), so that a request without it costs no coroutine.
  bool continue_owed() const;
  awaitable<Status> send_continue();
  // Appends exactly `length` body bytes to `out`: those the head read already buffered, then the
  // rest read from the socket into `out` itself, past the parser, which then counts as done.
  awaitable<Status> read_exactly(std::string& out, std::size_t length);

  beast::tcp_stream& client_;
  beast::flat_buffer& buffer_;
  Parser& parser_;
  std::chrono::milliseconds read_timeout_;
  bool expects_continue_;
  unsigned version_;
  bool continue_sent_ = false;
  bool read_past_parser_ = false;  // read_exactly() read the whole body
};

}  // namespace qp::net
