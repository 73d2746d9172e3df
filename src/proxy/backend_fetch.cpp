// GET requests to the backend on the proxy's own behalf.
#include "proxy/backend_fetch.hpp"

#include "net/backend_get.hpp"

namespace qp::proxy {

net::awaitable<Result<BackendAnswer>> fetch_from_backend(ThreadContext& thread,
                                                         const Config& config,
                                                         std::string_view target,
                                                         std::chrono::milliseconds timeout) {
  auto connection = co_await thread.pool().lease();
  if (!connection.ok()) co_return connection.take_error();
  auto& stream = connection->socket->stream;
  stream.expires_after(timeout);  // the whole exchange
  const net::BackendGet request{.target = target,
                                .body_limit = 16u << 20,
                                .keep_alive = true,
                                .accept = "application/json",
                                .user_agent = {}};
  auto answer = co_await net::get_from_backend(stream, config, request);
  const net::error_code failure = answer.write_error ? answer.write_error : answer.read_error;
  if (failure) {
    const bool timed_out = failure == net::beast::error::timeout;
    co_return make_error(timed_out ? ErrorKind::backend_timeout : ErrorKind::backend_unreachable,
                         "The backend did not answer GET " + std::string(target) + ": " +
                             (timed_out ? std::string("timed out") : failure.message()));
  }
  if (answer.keep_alive) thread.pool().give_back(std::move(connection.value()));
  co_return BackendAnswer{answer.status, std::move(answer.body)};
}

}  // namespace qp::proxy
