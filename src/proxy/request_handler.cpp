// Routing by method and path, and the periodic sweep of idle upstream connections.
#include "proxy/request_handler.hpp"

#include <boost/asio/steady_timer.hpp>

#include "config/api_keys.hpp"
#include "proxy/api_routes.hpp"
#include "proxy/client_auth.hpp"
#include "proxy/local_routes.hpp"
#include "proxy/profile_preview.hpp"
#include "proxy/request_log.hpp"

namespace qp::proxy {

namespace http = net::http;
namespace asio = net::asio;
using net::awaitable;

namespace {

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

// Closes idle upstream connections before the backend's keep-alive timeout would.
awaitable<void> sweep_idle_connections(std::weak_ptr<ThreadContext> weak_thread,
                                       std::chrono::milliseconds period) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(period);
    auto [ec] = co_await timer.async_wait(net::use_nothrow);
    auto thread = weak_thread.lock();
    if (ec || !thread) co_return;
    thread->pool().close_expired();
  }
}

}  // namespace

net::SessionHandlers make_session_handlers(asio::any_io_executor executor, ProxyShared& shared,
                                           std::size_t thread_index) {
  auto thread = std::make_shared<ThreadContext>(executor, shared, thread_index);
  const auto sweep_period =
      std::max(std::chrono::milliseconds(100), shared.config.get()->upstream_idle_timeout / 4);
  asio::co_spawn(executor, sweep_idle_connections(thread, sweep_period), asio::detached);
  auto route = [thread](net::IncomingRequest& request) -> awaitable<bool> {
    auto config = thread->shared().config.get();  // this request's snapshot, kept until it ends
    const auto method = request.message.method();
    const auto path = path_of(request.message.target());
    const ApiKey* key = nullptr;  // the client's, when the proxy checks keys
    if (!config->api_keys.empty() && !path_is_open(path)) {
      key = find_api_key(*config, presented_api_key(request.message));
      if (key == nullptr) co_return co_await refuse_unauthenticated(request);
    }
    if (method == http::verb::post) {
      if (path == "/v1/chat/completions") {
        co_return co_await forward_api(Api::chat, request, *thread, std::move(config), key);
      }
      if (path == "/v1/completions") {
        co_return co_await forward_api(Api::completions, request, *thread, std::move(config), key);
      }
      if (path == "/tokenize") {
        co_return co_await forward_api(Api::tokenize, request, *thread, std::move(config), key);
      }
      if (path == "/detokenize") {
        co_return co_await forward_api(Api::detokenize, request, *thread, std::move(config), key);
      }
      if (path == kProfilePreviewPath) {
        co_return co_await answer_profile_preview(request, *thread, std::move(config), key);
      }
    }
    if (method == http::verb::get || method == http::verb::head) {
      if (path == "/health") co_return co_await answer_health(request);
      if (path == "/ready") co_return co_await answer_ready(request, *thread, *config);
      if (path == "/v1/models") {
        co_return co_await answer_models(request, *thread, std::move(config), key);
      }
    }
    co_return co_await pass_through(request, *thread, *config);
  };
  // Every request, whatever its route, ends with its metrics and its access-log line; so does
  // every request the session refused while reading its head.
  auto handle = [thread,
                 route = std::move(route)](net::IncomingRequest& request) -> awaitable<bool> {
    request.record.api = api_of(request.message.method(), path_of(request.message.target()));
    const bool keep_connection = co_await route(request);
    finish_request(request, thread->metrics(), thread->shared().config.get()->access_log_format);
    thread->schedule_access_log_flush();
    co_return keep_connection;
  };
  auto refused = [thread](const net::RefusedRequest& request) {
    const metrics::Api api = api_of(http::string_to_verb(request.method), path_of(request.target));
    finish_refused_request(request, api, thread->metrics(),
                           thread->shared().config.get()->access_log_format);
    thread->schedule_access_log_flush();
  };
  return {.request = std::move(handle), .refused = std::move(refused)};
}

}  // namespace qp::proxy
