// ResponseWriter: framing of streamed responses to the client.
#include "proxy/response_writer.hpp"

#include <boost/beast/http/chunk_encode.hpp>
#include <vector>

#include "net/http_headers.hpp"
#include "net/write_all.hpp"

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
  const error_code ec = co_await net::write_all(client_, asio::buffer(head_bytes), write_timeout_);
  if (ec) record_.client_left();
  co_return ec;
}

net::awaitable<error_code> ResponseWriter::write_whole(net::ClientResponseHead head,
                                                       json::SplicedBody body) {
  const std::string head_bytes = frame(head, body.size());
  const std::size_t body_size = head_only_ ? 0 : body.size();
  std::vector<asio::const_buffer> buffers;
  buffers.reserve(1 + body.piece_count());
  buffers.push_back(asio::buffer(head_bytes));
  if (!head_only_) {
    body.for_each_piece(
        [&buffers](const char* data, std::size_t size) { buffers.emplace_back(data, size); });
  }
  const error_code ec = co_await net::write_all(client_, buffers, write_timeout_);
  if (ec) {
    record_.client_left();
  } else {
    record_.bytes_out += body_size;
  }
  co_return ec;
}

net::awaitable<error_code> ResponseWriter::write(std::string_view bytes) {
  if (bytes.empty() || head_only_) co_return error_code{};
  const asio::const_buffer data(bytes.data(), bytes.size());
  error_code ec;
  if (framing_ == Framing::chunked) {
    ec = co_await net::write_all(client_, http::make_chunk(data), write_timeout_);
  } else {
    ec = co_await net::write_all(client_, data, write_timeout_);
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
  const error_code ec = co_await net::write_all(client_, http::make_chunk_last(), write_timeout_);
  if (ec) record_.client_left();
  co_return ec;
}

}  // namespace qp::proxy
