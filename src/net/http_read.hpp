// Reading an HTTP/1 message through a Beast parser straight from the socket. Same contract as
// Beast's http::async_read_header and http::async_read_some on a tcp_stream, without their layers
// of composed operations and the tcp_stream's own timeout machinery (the proxy's read deadlines
// are ReadDeadline's, which cancel at the socket): one read is one socket operation.
#pragma once

#include "net/asio.hpp"

namespace qp::net {

// Parses what `buffer` holds, then reads and parses until the parser has made progress: a piece
// of the head or the body, or the end. Errors as Beast's: http::error::need_buffer when the
// parser's body storage is full, http::error::end_of_stream for a connection closed before any
// byte, the parser's error for a message cut short, the socket's otherwise.
template <bool isRequest>
awaitable<error_code> read_http_some(tcp::socket& socket, beast::flat_buffer& buffer,
                                     http::basic_parser<isRequest>& parser);

// read_http_some() until the parser's head is complete.
template <bool isRequest>
awaitable<error_code> read_http_header(tcp::socket& socket, beast::flat_buffer& buffer,
                                       http::basic_parser<isRequest>& parser);

}  // namespace qp::net
