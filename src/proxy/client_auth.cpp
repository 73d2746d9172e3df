// Client authentication.
#include "proxy/client_auth.hpp"

#include <boost/beast/core/string.hpp>

#include "transform/error_body.hpp"

namespace qp::proxy {

namespace http = net::http;

namespace {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view presented_api_key(const http::fields& fields) {
  const auto authorization = fields.find(http::field::authorization);
  if (authorization != fields.end()) {
    const std::string_view value = trim_spaces(authorization->value());
    constexpr std::string_view kScheme = "bearer";
    if (value.size() > kScheme.size() &&
        net::beast::iequals(value.substr(0, kScheme.size()), kScheme) &&
        (value[kScheme.size()] == ' ' || value[kScheme.size()] == '\t')) {
      return trim_spaces(value.substr(kScheme.size()));
    }
  }
  const auto api_key = fields.find("x-api-key");
  if (api_key != fields.end()) return trim_spaces(api_key->value());
  return {};
}

bool path_is_open(std::string_view path) { return path == "/health" || path == "/ready"; }

net::awaitable<bool> refuse_unauthenticated(net::IncomingRequest& request) {
  const Error error = make_error(ErrorKind::unauthorized,
                                 "Missing or invalid API key. Send it as "
                                 "\"Authorization: Bearer <key>\".");
  // An unread body cannot be skipped safely, so the connection then ends after the answer.
  const bool keep_alive = request.message.keep_alive() && request.body.done();
  http::response<http::string_body> response{http::status::unauthorized, request.message.version()};
  response.set(http::field::content_type, "application/json");
  response.set(http::field::www_authenticate, "Bearer");
  response.keep_alive(keep_alive);
  response.body() = transform::error_body(error);
  response.prepare_payload();
  request.record.outcome = log::RequestOutcome::rejected;
  request.record.response_started(401);
  request.record.bytes_out += response.body().size();
  request.client.expires_after(std::chrono::seconds(30));  // write: a small answer
  auto [ec, written] = co_await http::async_write(request.client, response, net::use_nothrow);
  co_return !ec && keep_alive;
}

}  // namespace qp::proxy
