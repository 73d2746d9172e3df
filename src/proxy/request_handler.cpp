// Routing and the request filters of each route (parse, pick profile, rewrite), before forward().
#include "proxy/request_handler.hpp"

#include <boost/asio/steady_timer.hpp>

#include "config/builtin_profiles.hpp"
#include "net/http_headers.hpp"
#include "proxy/forward.hpp"
#include "proxy/served_model.hpp"
#include "transform/chat_event.hpp"
#include "transform/chat_request.hpp"
#include "transform/chat_response.hpp"
#include "transform/error_body.hpp"

namespace qp::proxy {

namespace http = net::http;
namespace asio = net::asio;
using net::awaitable;

namespace {

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string request_id_for(const net::IncomingRequest& request, ThreadContext& thread) {
  auto given = request.message.find("x-request-id");
  if (given != request.message.end() && !given->value().empty()) return std::string(given->value());
  return thread.new_request_id();
}

awaitable<bool> answer_health(net::IncomingRequest& request) {
  http::response<http::string_body> response{http::status::ok, request.message.version()};
  response.set(http::field::content_type, "application/json");
  response.keep_alive(request.message.keep_alive());
  response.body() = R"({"status":"healthy"})";
  response.prepare_payload();
  request.client.expires_after(std::chrono::seconds(30));  // write: small answer
  auto [ec, n] = co_await http::async_write(request.client, response, net::use_nothrow);
  co_return !ec && request.message.keep_alive();
}

// Everything without handling of its own: the request as the client sent it, the answer as is.
awaitable<bool> pass_through(net::IncomingRequest& request, ThreadContext& thread,
                             const Config& config) {
  const std::string request_id = request_id_for(request, thread);
  const std::string& body = request.message.body();
  UpstreamCall call;
  call.head = net::build_upstream_head(request.message.base(),
                                       {request.message.method_string(), request.message.target(),
                                        request_id, request.client_address, body.size(), false},
                                       config.backend);
  if (!body.empty()) call.body.emplace_back(body.data(), body.size());
  call.request_id = request_id;
  co_return co_await forward(request, thread, config, call);
}

// POST /v1/chat/completions through a virtual model.
awaitable<bool> chat_completions(net::IncomingRequest& request, ThreadContext& thread,
                                 std::shared_ptr<const Config> config) {
  auto parsed = transform::parse_request(request.message.body(), thread.validator());
  if (!parsed.ok()) co_return co_await respond_error(request, parsed.error());
  const Profile* profile = find_profile(*config, parsed->model);
  if (profile == nullptr) {
    co_return co_await respond_error(
        request, transform::unknown_model_error(parsed->model, config->profiles));
  }
  if (profile->backend_model.empty()) {
    auto discovered = co_await discover_served_model(thread);
    if (!discovered.ok()) co_return co_await respond_error(request, discovered.error());
    config = std::move(discovered.value());
    profile = find_profile(*config, parsed->model);
    if (profile == nullptr || profile->backend_model.empty()) {
      co_return co_await respond_error(
          request, make_error(ErrorKind::backend_broken, "The backend model is unknown."));
    }
  }
  auto body = transform::rewrite_chat_request(*parsed, *profile);
  if (!body.ok()) co_return co_await respond_error(request, body.error());

  const std::string request_id = request_id_for(request, thread);
  UpstreamCall call;
  call.head = net::build_upstream_head(request.message.base(),
                                       {request.message.method_string(), request.message.target(),
                                        request_id, request.client_address, body->size(), true},
                                       config->backend);
  body->for_each_piece(
      [&](const char* data, std::size_t size) { call.body.emplace_back(data, size); });
  const AnswerRewriter rewriter{
      &transform::rewrite_chat_response, &transform::rewrite_chat_event,
      transform::ResponsePolicy{profile->virtual_name, profile->repair_misplaced_answer,
                                profile->reasoning_field}};
  call.rewriter = &rewriter;
  call.request_id = request_id;
  call.profile_name = profile->virtual_name;
  co_return co_await forward(request, thread, *config, call);
}

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

net::RequestHandler make_request_handler(asio::any_io_executor executor, ProxyShared& shared) {
  auto thread = std::make_shared<ThreadContext>(executor, shared);
  const auto sweep_period =
      std::max(std::chrono::milliseconds(100), shared.config.get()->upstream_idle_timeout / 4);
  asio::co_spawn(executor, sweep_idle_connections(thread, sweep_period), asio::detached);
  return [thread](net::IncomingRequest& request) -> awaitable<bool> {
    auto config = thread->shared().config.get();  // this request's snapshot, kept until it ends
    const auto method = request.message.method();
    const auto path = path_of(request.message.target());
    if (method == http::verb::post && path == "/v1/chat/completions") {
      co_return co_await chat_completions(request, *thread, std::move(config));
    }
    if (method == http::verb::get && path == "/health") co_return co_await answer_health(request);
    co_return co_await pass_through(request, *thread, *config);
  };
}

}  // namespace qp::proxy
