// The profile preview.
#include "proxy/profile_preview.hpp"

#include <optional>

#include "proxy/api_routes.hpp"
#include "proxy/forward.hpp"

namespace qp::proxy {

namespace http = net::http;
using net::awaitable;

namespace {

// The value of the query parameter `api`, or nullopt for a value that names no API.
std::optional<Api> previewed_api(std::string_view target) {
  const auto query_start = target.find('?');
  std::string_view query =
      query_start == std::string_view::npos ? "" : target.substr(query_start + 1);
  std::string_view value = "chat";
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view parameter = query.substr(0, end);
    if (parameter.substr(0, 4) == "api=") value = parameter.substr(4);
    query = end == std::string_view::npos ? "" : query.substr(end + 1);
  }
  if (value == "chat") return Api::chat;
  if (value == "completions") return Api::completions;
  if (value == "tokenize") return Api::tokenize;
  if (value == "detokenize") return Api::detokenize;
  return std::nullopt;
}

}  // namespace

awaitable<bool> answer_profile_preview(net::IncomingRequest& request, ThreadContext& thread,
                                       std::shared_ptr<const Config> config,
                                       const ApiKey* client_key) {
  const auto api = previewed_api(request.message.target());
  if (!api) {
    const Error error = make_error(
        ErrorKind::bad_request,
        "The query parameter api must be chat, completions, tokenize or detokenize.", "api");
    co_return co_await respond_error(request, error);
  }
  auto parsed = co_await read_api_request(*api, request, *config);
  if (!parsed.ok()) co_return co_await respond_error(request, parsed.error());
  if (parsed->model.empty()) {
    const Error error = make_error(ErrorKind::bad_request,
                                   "A preview needs the virtual model in `model`.", "model");
    co_return co_await respond_error(request, error);
  }
  auto prepared = co_await prepare_api_request(*api, *parsed, thread, config, client_key);
  if (!prepared.ok()) co_return co_await respond_error(request, prepared.error());

  http::response<http::string_body> response{http::status::ok, request.message.version()};
  response.set(http::field::content_type, "application/json");
  response.set("X-Qwen35-Profile", prepared->profile->virtual_name);
  response.set("X-Qwen35-Upstream-Path", api_path(*api));
  response.keep_alive(request.message.keep_alive());
  response.body() = prepared->rewritten.body.flatten();
  response.prepare_payload();
  request.record.virtual_model = parsed->model;
  request.record.profile = prepared->profile->virtual_name;
  request.record.response_started(200);
  request.record.bytes_out += response.body().size();
  request.client.expires_after(
      std::chrono::seconds(60));  // write: a client that does not read is dropped
  auto [ec, written] = co_await http::async_write(request.client, response, net::use_nothrow);
  co_return !ec && request.message.keep_alive();
}

}  // namespace qp::proxy
