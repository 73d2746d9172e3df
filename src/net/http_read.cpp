// read_http_some and read_http_header: Beast's read algorithm (beast/http/impl/read.hpp) as two
// coroutines on the plain socket.
#include "net/http_read.hpp"

#include <boost/beast/core/read_size.hpp>

namespace qp::net {

namespace {

// Beast's limit on one read into a flat_buffer (http::async_read_some uses the same).
constexpr std::size_t kMaxReadBytes = 64 * 1024;

// Feeds the parser what the buffer holds; true when it needs more bytes than that.
template <bool isRequest>
bool parse_buffered(beast::flat_buffer& buffer, http::basic_parser<isRequest>& parser,
                    error_code& ec) {
  const std::size_t used = parser.put(buffer.data(), ec);
  buffer.consume(used);
  if (ec != http::error::need_more) return false;
  ec = {};
  return true;
}

}  // namespace

template <bool isRequest>
awaitable<error_code> read_http_some(tcp::socket& socket, beast::flat_buffer& buffer,
                                     http::basic_parser<isRequest>& parser) {
  error_code ec;
  if (buffer.size() > 0 && !parse_buffered(buffer, parser, ec)) co_return ec;
  for (;;) {
    const std::size_t room = beast::read_size(buffer, kMaxReadBytes);
    if (room == 0) co_return http::error::buffer_overflow;
    auto [read_ec, n] = co_await socket.async_read_some(buffer.prepare(room), use_nothrow);
    buffer.commit(n);
    if (read_ec == asio::error::eof) {
      if (!parser.got_some()) co_return http::error::end_of_stream;
      parser.put_eof(ec);  // complete for a body that ends with the connection, else cut short
      co_return ec;
    }
    if (read_ec) co_return read_ec;
    if (!parse_buffered(buffer, parser, ec)) co_return ec;
  }
}

template <bool isRequest>
awaitable<error_code> read_http_header(tcp::socket& socket, beast::flat_buffer& buffer,
                                       http::basic_parser<isRequest>& parser) {
  while (!parser.is_header_done()) {
    const error_code ec = co_await read_http_some(socket, buffer, parser);
    if (ec) co_return ec;
  }
  co_return error_code{};
}

template awaitable<error_code> read_http_some(tcp::socket&, beast::flat_buffer&,
                                              http::basic_parser<true>&);
template awaitable<error_code> read_http_some(tcp::socket&, beast::flat_buffer&,
                                              http::basic_parser<false>&);
template awaitable<error_code> read_http_header(tcp::socket&, beast::flat_buffer&,
                                                http::basic_parser<true>&);
template awaitable<error_code> read_http_header(tcp::socket&, beast::flat_buffer&,
                                                http::basic_parser<false>&);

}  // namespace qp::net
