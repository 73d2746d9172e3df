// RequestBody: reading the request body whole or piece by piece.
#include "net/request_body.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace qp::net {

namespace {

constexpr std::size_t kHugePageBytes = 2u << 20;

// Asks for transparent huge pages over [data, data + size) (the whole 2 MiB pages in it), so that
// the first write of a 100 MiB body costs about 50 page faults instead of 25,600. Advisory: the
// kernel ignores it where huge pages are off.
void prefer_huge_pages(char* data, std::size_t size) {
  const auto first = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (first + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const std::uintptr_t end = (first + size) & ~(kHugePageBytes - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

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
    : client_(client),
      buffer_(buffer),
      parser_(parser),
      read_timeout_(read_timeout),
      expects_continue_(beast::iequals(parser.get()[http::field::expect], "100-continue")),
      version_(parser.get().version()) {}

std::optional<std::uint64_t> RequestBody::content_length() const {
  auto length = parser_.content_length();
  if (!length) return std::nullopt;
  return *length;
}

bool RequestBody::chunked() const { return parser_.chunked(); }

bool RequestBody::empty() const { return !chunked() && content_length().value_or(0) == 0; }

bool RequestBody::done() const { return read_past_parser_ || parser_.is_done(); }

bool RequestBody::continue_owed() const { return expects_continue_ && !continue_sent_ && !done(); }

awaitable<Status> RequestBody::send_continue() {
  continue_sent_ = true;
  http::response<http::empty_body> go_on{http::status::continue_, version_};
  client_.expires_after(read_timeout_);  // write: the interim response
  auto [ec, n] = co_await http::async_write(client_, go_on, use_nothrow);
  if (ec) co_return read_error(ec);
  co_return Ok{};
}

awaitable<Result<std::string_view>> RequestBody::read_piece(std::span<char> storage) {
  if (done()) co_return std::string_view();
  if (continue_owed()) {
    auto go_on = co_await send_continue();
    if (!go_on.ok()) co_return go_on.take_error();
  }
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

awaitable<Status> RequestBody::read_all(std::string& out, std::size_t limit) {
  if (content_length().value_or(0) > limit) {
    co_return make_error(ErrorKind::payload_too_large, "Request body is larger than the limit.");
  }
  if (auto length = content_length(); length && !chunked()) {
    out.reserve(out.size() + *length);
    co_return co_await read_exactly(out, static_cast<std::size_t>(*length));
  }
  std::array<char, 16 * 1024> storage;  // chunked: decoded by the parser, piece by piece
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

awaitable<Status> RequestBody::read_exactly(std::string& out, std::size_t length) {
  if (done()) co_return Ok{};
  if (continue_owed()) {
    auto go_on = co_await send_continue();
    if (!go_on.ok()) co_return go_on.take_error();
  }
  const std::size_t start = out.size();
  const std::size_t buffered = std::min(buffer_.size(), length);
  out.append(static_cast<const char*>(buffer_.data().data()), buffered);
  buffer_.consume(buffered);  // what remains (a pipelined request) stays for the session
  if (length >= 4 * kHugePageBytes) prefer_huge_pages(out.data(), out.capacity());
  out.resize(start + length);  // the reads below overwrite the filler
  for (std::size_t have = buffered; have < length;) {
    client_.expires_after(read_timeout_);  // read: one piece of the body
    auto [ec, n] = co_await client_.async_read_some(
        asio::buffer(out.data() + start + have, length - have), use_nothrow);
    if (ec) {
      out.resize(start + have);
      co_return read_error(ec);
    }
    have += n;
  }
  read_past_parser_ = true;
  co_return Ok{};
}

}  // namespace qp::net
