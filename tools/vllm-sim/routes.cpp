// Routing of one request: /sim/* control endpoints, then faults, API key, and the vLLM endpoints.
// Generation requests are paced and written here (non-streaming) or by stream_events() (SSE).
#include <charconv>

#include "endpoints.hpp"
#include "errors.hpp"
#include "net.hpp"

namespace qp::sim {
namespace {

std::optional<std::int64_t> header_int(const Request& req, std::string_view name) {
  const auto it = req.find(name);
  if (it == req.end()) return std::nullopt;
  const std::string_view v = it->value();
  std::int64_t out = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size() || out < 0) return std::nullopt;
  return out;
}

SimpleResponse detail(int status, const char* text) {
  return {status, "application/json", std::string("{\"detail\":\"") + text + "\"}"};
}

net::awaitable<bool> write(beast::tcp_stream& stream, const Request& req, const SimpleResponse& r) {
  auto res = make_response(req, r);
  // Write the whole response; a failure means the client is gone.
  auto [ec, n] = co_await http::async_write(stream, res, kAwait);
  co_return !ec;
}

SimpleResponse sim_control(const Request& req, std::string_view path, SimContext& ctx) {
  const bool post = req.method() == http::verb::post;
  if (path == "/sim/stats" && req.method() == http::verb::get) {
    return {200, "application/json", ctx.stats.to_json()};
  }
  if (path == "/sim/reset" && post) {
    ctx.stats.reset();
    return {200, "application/json", "{}"};
  }
  if (path == "/sim/health" && post) {
    const bool healthy = req.body().find("false") == std::string::npos;
    ctx.healthy = healthy;
    return {200, "application/json", healthy ? "{\"healthy\":true}" : "{\"healthy\":false}"};
  }
  return detail(404, "Not Found");
}

bool authorized(const Request& req, const SimOptions& o) {
  const auto it = req.find(http::field::authorization);
  return it != req.end() && it->value() == "Bearer " + o.api_key;
}

std::optional<SimpleResponse> check_content_type(const Request& req, const SimOptions& o) {
  const auto ct = req[http::field::content_type];
  if (ct.empty() || ct.substr(0, 16) == "application/json") return std::nullopt;
  return bad_request_response(o.dialect,
                              "Unsupported Media Type: Only 'application/json' is allowed", "");
}

// Every answer that is not a generation: faults by status, auth, and the simple endpoints.
SimpleResponse route_simple(const Request& req, std::string_view path, SimContext& ctx,
                            const Faults& faults) {
  const SimOptions& o = ctx.options;
  if (faults.status) {
    const int s = *faults.status;
    const std::string message =
        s == 500 ? "Internal server error" : "Simulated error " + std::to_string(s);
    return {s, "application/json", error_body(o.dialect, message, error_type_for_status(s), "", s)};
  }
  if (!o.api_key.empty() && path.substr(0, 4) == "/v1/" && !authorized(req, o)) {
    return {401, "application/json", "{\"error\":\"Unauthorized\"}"};
  }
  const http::verb m = req.method();
  const bool get = m == http::verb::get, post = m == http::verb::post;
  if (path == "/health" || path == "/ping") {
    if (!get && !(post && path == "/ping")) return detail(405, "Method Not Allowed");
    return {ctx.healthy ? 200 : 503, "", ""};
  }
  if (path == "/version" && get) return version_response(o);
  if (path == "/v1/models" && get) return models_response(o);
  if (path == "/metrics" && get) return metrics_response(o, ctx.stats.snapshot());
  if (path == "/tokenize" && post) return tokenize_response(o, req.body());
  if (path == "/detokenize" && post) return detokenize_response(o, req.body());
  if (path == "/version" || path == "/v1/models" || path == "/metrics" || path == "/tokenize" ||
      path == "/detokenize" || path == "/v1/chat/completions" || path == "/v1/completions") {
    return detail(405, "Method Not Allowed");
  }
  return detail(404, "Not Found");
}

net::awaitable<Next> generate(beast::tcp_stream& stream, beast::flat_buffer& buf,
                              const Request& req, SimContext& ctx, const Faults& faults, bool chat,
                              Next after) {
  const SimOptions& o = ctx.options;
  RequestMeta meta;
  if (auto it = req.find("x-request-id"); it != req.end()) meta.request_id_header = it->value();
  meta.tokens = header_int(req, "x-sim-tokens");
  if (meta.tokens && *meta.tokens < 1) meta.tokens = 1;
  meta.misplace_answer = faults.misplace_answer;
  Prepared prepared =
      chat ? prepare_chat(o, req.body(), meta) : prepare_completion(o, req.body(), meta);
  if (auto* simple = std::get_if<SimpleResponse>(&prepared)) {
    const bool ok = co_await write(stream, req, *simple);
    co_return ok ? after : Next::drop;
  }
  auto& job = std::get<GenerationJob>(prepared);
  Pacing pacing;
  pacing.ttft = std::chrono::milliseconds(header_int(req, "x-sim-ttft-ms").value_or(o.ttft_ms));
  pacing.tpot = std::chrono::milliseconds(header_int(req, "x-sim-tpot-ms").value_or(o.tpot_ms));
  pacing.start = Clock::now();
  ctx.stats.generation_started();

  GenOutcome outcome = GenOutcome::completed;
  if (job.stream) {
    outcome = co_await stream_events(stream, buf, req, *job.events, pacing, faults, o.dialect);
  } else {
    net::steady_timer timer(stream.get_executor());
    const auto deadline = pacing.at_token(job.completion_tokens - 1);
    const bool here = co_await wait_watching(stream, buf, timer, deadline);
    bool ok = false;
    if (here) {
      const SimpleResponse r{200, "application/json", std::move(job.body)};
      ok = co_await write(stream, req, r);
    }
    if (!ok) outcome = GenOutcome::aborted;
  }
  switch (outcome) {
    case GenOutcome::completed:
      ctx.stats.generation_ended(GenerationEnd::completed, job.prompt_tokens, job.completion_tokens,
                                 job.finish_reason);
      co_return after;
    case GenOutcome::error_event:
      ctx.stats.generation_ended(GenerationEnd::faulted, job.prompt_tokens, 0, "error");
      co_return after;
    case GenOutcome::dropped:
      ctx.stats.generation_ended(GenerationEnd::faulted, job.prompt_tokens, 0, "error");
      co_return Next::drop;
    case GenOutcome::aborted:
      break;
  }
  ctx.stats.generation_ended(GenerationEnd::aborted, job.prompt_tokens, 0, "abort");
  co_return Next::drop;
}

}  // namespace

net::awaitable<Next> handle_request(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                    const Request& req, SimContext& ctx) {
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const Next after = req.keep_alive() ? Next::keep : Next::close;
  if (path.substr(0, 5) == "/sim/") {
    const SimpleResponse r = sim_control(req, path, ctx);
    const bool ok = co_await write(stream, req, r);
    co_return ok ? after : Next::drop;
  }

  RecordedRequest rec{std::string(req.method_string()), std::string(target), {}, req.body()};
  for (const auto& field : req) rec.headers.emplace_back(field.name_string(), field.value());
  ctx.stats.request_received(std::move(rec));

  const Faults faults = parse_faults(req["x-sim-fault"]);
  const Next done = faults.close_between_requests ? Next::close : after;
  if (faults.stall_before_headers) {
    co_await wait_until_client_leaves(stream, buf);
    co_return Next::drop;
  }
  const bool generation = !faults.status &&
                          (path == "/v1/chat/completions" || path == "/v1/completions") &&
                          req.method() == http::verb::post &&
                          (ctx.options.api_key.empty() || authorized(req, ctx.options));
  std::optional<SimpleResponse> early;
  if (generation) {
    early = check_content_type(req, ctx.options);
    if (!early) {
      const bool chat = path == "/v1/chat/completions";
      co_return co_await generate(stream, buf, req, ctx, faults, chat, done);
    }
  }
  const SimpleResponse r = early ? std::move(*early) : route_simple(req, path, ctx, faults);
  const bool ok = co_await write(stream, req, r);
  co_return ok ? done : Next::drop;
}

}  // namespace qp::sim
