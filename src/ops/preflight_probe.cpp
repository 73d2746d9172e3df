// The pre-flight I/O: four GET requests to the backend, each on a fresh connection, and the
// blocking runner used at start and by --check-backend.
#include <boost/asio/io_context.hpp>

#include "net/backend_get.hpp"
#include "net/upstream_pool.hpp"
#include "ops/preflight.hpp"

namespace qp::ops {
namespace {

constexpr std::uint64_t kMaxAnswerBytes = 32u << 20;  // vLLM's /metrics is well below this

// GET `target` on a fresh connection; the whole exchange is bounded by `timeout`.
net::awaitable<Result<HttpAnswer>> get(net::UpstreamPool& pool, const Config& config,
                                       const char* target, std::chrono::milliseconds timeout) {
  auto connection = co_await pool.connect_fresh();
  if (!connection.ok()) co_return connection.take_error();
  auto& stream = connection->socket->stream;
  stream.expires_after(timeout);
  const net::BackendGet request{.target = target,
                                .body_limit = kMaxAnswerBytes,
                                .keep_alive = false,
                                .accept = {},
                                .user_agent = "qwen35-proxy pre-flight"};
  auto answer = co_await net::get_from_backend(stream, config, request);
  if (answer.write_error) {
    co_return make_error(ErrorKind::backend_unreachable, std::string("cannot send GET ") + target +
                                                             ": " + answer.write_error.message());
  }
  if (answer.read_error) {
    co_return make_error(ErrorKind::backend_broken, std::string("no answer to GET ") + target +
                                                        ": " + answer.read_error.message());
  }
  co_return HttpAnswer{answer.status, std::move(answer.body)};
}

}  // namespace

net::awaitable<BackendAnswers> ask_backend(const Config& config,
                                           std::chrono::milliseconds timeout) {
  net::UpstreamPool pool(co_await net::asio::this_coro::executor, config.backend, timeout, timeout);
  auto health = co_await get(pool, config, "/health", timeout);
  if (!health.ok()) {
    const Error error = health.error();
    co_return BackendAnswers{std::move(health), error, error, error};
  }
  auto models = co_await get(pool, config, "/v1/models", timeout);
  auto version = co_await get(pool, config, "/version", timeout);
  auto metrics = co_await get(pool, config, "/metrics", timeout);
  co_return BackendAnswers{std::move(health), std::move(models), std::move(version),
                           std::move(metrics)};
}

PreflightReport run_preflight(const Config& config, std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  std::optional<BackendAnswers> answers;
  auto ask = [&]() -> net::awaitable<void> {
    answers.emplace(co_await ask_backend(config, timeout));
  };
  net::asio::co_spawn(io, ask(), net::asio::detached);
  io.run();
  return build_preflight_report(*answers, expected_models(config), config.backend.host_header());
}

}  // namespace qp::ops
