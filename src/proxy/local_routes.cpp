// /health, /ready and /v1/models.
#include "proxy/local_routes.hpp"

#include "config/api_keys.hpp"
#include "json/string.hpp"
#include "proxy/backend_fetch.hpp"
#include "proxy/forward.hpp"
#include "proxy/served_model.hpp"
#include "transform/models_list.hpp"

namespace qp::proxy {

namespace http = net::http;
using net::awaitable;

namespace {

constexpr std::chrono::seconds kBackendCheckTimeout{5};

awaitable<bool> answer_json(net::IncomingRequest& request, http::status status, std::string body) {
  const bool head_only = request.message.method() == http::verb::head;
  http::response<http::string_body> response{status, request.message.version()};
  response.set(http::field::content_type, "application/json");
  response.keep_alive(request.message.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  request.record.response_started(static_cast<int>(status));
  if (!head_only) request.record.bytes_out += response.body().size();
  http::response_serializer<http::string_body> serializer(response);
  request.client.expires_after(std::chrono::seconds(30));  // write: a small answer
  net::error_code ec;
  if (head_only) {
    auto [write_ec, n] =
        co_await http::async_write_header(request.client, serializer, net::use_nothrow);
    ec = write_ec;
  } else {
    auto [write_ec, n] = co_await http::async_write(request.client, serializer, net::use_nothrow);
    ec = write_ec;
  }
  co_return !ec && request.message.keep_alive();
}

}  // namespace

awaitable<bool> answer_health(net::IncomingRequest& request) {
  co_return co_await answer_json(request, http::status::ok, R"({"status":"healthy"})");
}

awaitable<bool> answer_ready(net::IncomingRequest& request, ThreadContext& thread,
                             const Config& config) {
  auto health = co_await fetch_from_backend(thread, config, "/health", kBackendCheckTimeout);
  if (health.ok() && health->status == 200) {
    co_return co_await answer_json(request, http::status::ok, R"({"status":"ready"})");
  }
  const std::string why = health.ok()
                              ? "the backend's /health answered " + std::to_string(health->status)
                              : health.error().message;
  co_return co_await answer_json(request, http::status::service_unavailable,
                                 R"({"status":"unavailable","reason":)" + json::quote(why) + "}");
}

awaitable<bool> answer_models(net::IncomingRequest& request, ThreadContext& thread,
                              std::shared_ptr<const Config> config, const ApiKey* client_key) {
  auto& cache = thread.models_cache();
  const auto now = std::chrono::steady_clock::now();
  if (!cache.body || now - cache.fetched_at > ThreadContext::kModelsCacheTtl) {
    auto answer = co_await fetch_from_backend(thread, *config, "/v1/models", kBackendCheckTimeout);
    if (!answer.ok()) co_return co_await respond_error(request, answer.error());
    if (answer->status != 200) {
      co_return co_await respond_error(
          request,
          make_error(ErrorKind::backend_broken, "The backend answered /v1/models with status " +
                                                    std::to_string(answer->status) + "."));
    }
    cache.body = std::move(answer->body);
    cache.fetched_at = now;
  }
  if (config->served_model.empty()) {
    auto served = only_served_model(*cache.body);
    if (!served.ok()) co_return co_await respond_error(request, served.error());
    config = with_served_model(*config, *served);
  }
  auto list = transform::virtual_models_list(*cache.body, config->served_model,
                                             profiles_usable_with(*config, client_key));
  if (!list.ok()) co_return co_await respond_error(request, list.error());
  co_return co_await answer_json(request, http::status::ok, std::move(*list));
}

}  // namespace qp::proxy
