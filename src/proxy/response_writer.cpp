// ResponseWriter: framing of streamed responses to the client.
#include "proxy/response_writer.hpp"

#include <array>
#include <boost/beast/http/chunk_encode.hpp>

#include "net/http_headers.hpp"

namespace qp::proxy {

using net::error_code;
namespace http = net::http;
namespace asio = net::asio;

ResponseWriter::ResponseWriter(net::beast::tcp_stream& client, unsigned version, bool keep_alive,
                               bool head_only, std::chrono::milliseconds write_timeout,
                               net::RequestRecord& record)
    : client_(client),
      version_(version),
      keep_alive_(keep_alive),
      head_only_(head_only),
      write_timeout_(write_timeout),
      record_(record) {}

std::string ResponseWriter::frame(const net::ClientResponseHead& head,
                                  std::optional<std::uint64_t> content_length) {
  net::ResponseFraming framing;
  framing.version = version_;
  if (content_length) {
    framing_ = Framing::content_length;
    framing.content_length = *content_length;
  } else if (version_ >= 11) {
    framing_ = Framing::chunked;
  } else {
    framing_ =
        Framing::close_delimited;  // HTTP/1.0: the end of the body is the end of the connection
    keep_alive_ = false;
  }
  framing.body = framing_;
  // Connection as Beast's keep_alive() sets it; the backend's own Connection never crosses.
  if (version_ >= 11) {
    if (!keep_alive_) framing.connection = "close";
  } else if (keep_alive_) {
    framing.connection = "keep-alive";
  }
  started_ = true;
  record_.response_started(static_cast<int>(head.status));
  return net::serialize_client_response_head(head, framing);
}

net::awaitable<error_code> ResponseWriter::start(net::ClientResponseHead head,
                                                 std::optional<std::uint64_t> content_length) {
  const std::string head_bytes = frame(head, content_length);
  client_.expires_after(write_timeout_);  // write: a client that stops reading is dropped
  auto [ec, n] = co_await asio::async_write(client_, asio::buffer(head_bytes), net::use_nothrow);
  if (ec) record_.client_left();
  co_return ec;
}

net::awaitable<error_code> ResponseWriter::write_whole(net::ClientResponseHead head,
                                                       std::string body) {
  const std::string head_bytes = frame(head, body.size());
  const std::size_t body_size = head_only_ ? 0 : body.size();
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_bytes),
                                                  asio::buffer(body.data(), body_size)};
  client_.expires_after(write_timeout_);  // write: a client that stops reading is dropped
  auto [ec, n] = co_await asio::async_write(client_, buffers, net::use_nothrow);
  if (ec) {
    record_.client_left();
  } else {
    record_.bytes_out += body_size;
  }
  co_return ec;
}

net::awaitable<error_code> ResponseWriter::write(std::string_view bytes) {
  if (bytes.empty() || head_only_) co_return error_code{};
  client_.expires_after(write_timeout_);  // write: a client that stops reading is dropped
  const asio::const_buffer data(bytes.data(), bytes.size());
  error_code ec;
  if (framing_ == Framing::chunked) {
    auto [chunk_ec, n] =
        co_await asio::async_write(client_, http::make_chunk(data), net::use_nothrow);
    ec = chunk_ec;
  } else {
    auto [raw_ec, n] = co_await asio::async_write(client_, data, net::use_nothrow);
    ec = raw_ec;
  }
  if (ec) {
    record_.client_left();
  } else {
    record_.bytes_out += bytes.size();
  }
  co_return ec;
}

net::awaitable<error_code> ResponseWriter::finish() {
  if (framing_ != Framing::chunked || head_only_) co_return error_code{};
  client_.expires_after(write_timeout_);  // write: the last chunk
  auto [ec, n] = co_await asio::async_write(client_, http::make_chunk_last(), net::use_nothrow);
  if (ec) record_.client_left();
  co_return ec;
}

}  // namespace qp::proxy
