// respond_error(): the one writer of OpenAI-style error answers (declared in forward.hpp).
#include "proxy/forward.hpp"
#include "transform/error_body.hpp"

namespace qp::proxy {

net::awaitable<bool> respond_error(net::IncomingRequest& request, const Error& error) {
  request.record.answered_with_error(error.kind);
  const int status = http_status(error.kind);
  std::string body = transform::error_body(error);
  const std::size_t body_size = body.size();
  request.record.response_started(status);
  const bool keep_client =
      co_await net::write_error_response(request.client, status, std::move(body),
                                         request.message.version(), request.message.keep_alive());
  request.record.bytes_out += body_size;
  co_return keep_client;
}

}  // namespace qp::proxy
