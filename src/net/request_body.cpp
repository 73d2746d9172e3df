// RequestBody: reading the request body whole or piece by piece.
#include "net/request_body.hpp"

#include <array>

namespace qp::net {

namespace {

Error read_error(const error_code& ec) {
  if (ec == beast::error::timeout) {
    return make_error(ErrorKind::request_timeout, "The request body was not received in time.");
  }
  if (ec == http::error::body_limit) {
    return make_error(ErrorKind::payload_too_large, "Request body is larger than the limit.");
  }
  return make_error(ErrorKind::bad_request, "The request body could not be read: " + ec.message());
}

}  // namespace

RequestBody::RequestBody(beast::tcp_stream& client, beast::flat_buffer& buffer, Parser& parser,
                         std::chrono::milliseconds read_timeout)
    : client_(client), buffer_(buffer), parser_(parser), read_timeout_(read_timeout) {}

std::optional<std::uint64_t> RequestBody::content_length() const {
  auto length = parser_.content_length();
  if (!length) return std::nullopt;
  return *length;
}

bool RequestBody::chunked() const { return parser_.chunked(); }

bool RequestBody::empty() const { return !chunked() && content_length().value_or(0) == 0; }

bool RequestBody::done() const { return parser_.is_done(); }

awaitable<Status> RequestBody::continue_if_expected() {
  if (continue_sent_ || done()) co_return Ok{};
  continue_sent_ = true;
  if (!beast::iequals(parser_.get()[http::field::expect], "100-continue")) co_return Ok{};
  http::response<http::empty_body> go_on{http::status::continue_, parser_.get().version()};
  client_.expires_after(read_timeout_);  // write: the interim response
  auto [ec, n] = co_await http::async_write(client_, go_on, use_nothrow);
  if (ec) co_return read_error(ec);
  co_return Ok{};
}

awaitable<Result<std::string_view>> RequestBody::read_piece(std::span<char> storage) {
  if (done()) co_return std::string_view();
  auto go_on = co_await continue_if_expected();
  if (!go_on.ok()) co_return go_on.take_error();
  auto& body = parser_.get().body();
  body.data = storage.data();
  body.size = storage.size();
  // Beast reads at most the buffer's spare capacity (512 bytes by default): make room for a
  // storage-sized read so large bodies take few system calls. The session shrinks it afterwards.
  if (buffer_.capacity() - buffer_.size() < storage.size()) {
    buffer_.reserve(buffer_.size() + storage.size());
  }
  client_.expires_after(read_timeout_);  // read: one piece of the body
  auto [ec, n] = co_await http::async_read_some(client_, buffer_, parser_, use_nothrow);
  if (ec == http::error::need_buffer) ec = {};
  if (ec) co_return read_error(ec);
  co_return std::string_view(storage.data(), storage.size() - body.size);
}

awaitable<Status> RequestBody::read_all(std::string& out, std::size_t limit,
                                        std::size_t spare_capacity) {
  if (content_length().value_or(0) > limit) {
    co_return make_error(ErrorKind::payload_too_large, "Request body is larger than the limit.");
  }
  if (auto length = content_length()) out.reserve(*length + spare_capacity);
  std::array<char, 64 * 1024> storage;
  while (!done()) {
    auto piece = co_await read_piece(storage);
    if (!piece.ok()) co_return piece.take_error();
    if (out.size() + piece->size() > limit) {
      co_return make_error(ErrorKind::payload_too_large, "Request body is larger than the limit.");
    }
    out.append(*piece);
  }
  co_return Ok{};
}

}  // namespace qp::net
