// Request filters of the proxied APIs, before forward().
#include "proxy/api_routes.hpp"

#include <spdlog/spdlog.h>

#include "config/api_keys.hpp"
#include "config/builtin_profiles.hpp"
#include "net/http_headers.hpp"
#include "proxy/forward.hpp"
#include "proxy/served_model.hpp"
#include "transform/chat_event.hpp"
#include "transform/chat_request.hpp"
#include "transform/chat_response.hpp"

namespace qp::proxy {

using net::awaitable;

namespace {

using transform::ResponsePolicy;

std::string request_id_for(const net::IncomingRequest& request, ThreadContext& thread) {
  auto given = request.message.find("x-request-id");
  if (given != request.message.end() && !given->value().empty()) return std::string(given->value());
  return thread.new_request_id();
}

// Only `model` changes (detokenize, and tokenize in prompt mode, where no chat template runs).
Result<transform::RewrittenRequest> rewrite_model_only(const transform::ParsedRequest& request,
                                                       const Profile& profile) {
  Profile model_only;
  model_only.virtual_name = profile.virtual_name;
  model_only.backend_model = profile.backend_model;
  return transform::rewrite_completion_request(request, model_only);
}

// Tokenize counts what a chat request through the same virtual model would cost, so messages mode
// gets the profile's chat_template_kwargs; prompt mode has no chat template.
Result<transform::RewrittenRequest> rewrite_tokenize(const transform::ParsedRequest& request,
                                                     const Profile& profile) {
  if (request.object.last("messages") == nullptr) return rewrite_model_only(request, profile);
  return transform::rewrite_tokenize_request(request, profile);
}

void rewrite_completion_event(std::string_view event, const ResponsePolicy& policy,
                              std::string& out) {
  transform::rewrite_completion_event(event, policy.virtual_model, out);
}

struct ApiSpec {
  transform::ModelField model_field;
  Result<transform::RewrittenRequest> (*rewrite_request)(const transform::ParsedRequest&,
                                                         const Profile&);
  // nullptr: untouched
  transform::RewrittenAnswer (*rewrite_body)(std::string_view, const ResponsePolicy&);
  void (*rewrite_event)(std::string_view, const ResponsePolicy&, std::string&);
};

ApiSpec spec_of(Api api) {
  switch (api) {
    case Api::chat:
      return {transform::ModelField::required, &transform::rewrite_chat_request,
              &transform::rewrite_chat_answer, &transform::rewrite_chat_event};
    case Api::completions:
      return {transform::ModelField::required, &transform::rewrite_completion_request,
              &transform::rewrite_completion_answer, &rewrite_completion_event};
    case Api::tokenize:
      return {transform::ModelField::optional, &rewrite_tokenize, nullptr, nullptr};
    case Api::detokenize:
      return {transform::ModelField::optional, &rewrite_model_only, nullptr, nullptr};
  }
  return {};
}

// The configuration in which `name` has a backend model, discovering it if still unknown.
awaitable<Result<std::shared_ptr<const Config>>> with_backend_model(
    ThreadContext& thread, std::shared_ptr<const Config> config, const std::string& name) {
  const Profile* profile = find_profile(*config, name);
  if (profile != nullptr && !profile->backend_model.empty()) co_return config;
  auto discovered = co_await discover_served_model(thread);
  if (!discovered.ok()) co_return discovered.take_error();
  profile = find_profile(**discovered, name);
  if (profile == nullptr || profile->backend_model.empty()) {
    co_return make_error(ErrorKind::backend_broken, "The backend model is unknown.");
  }
  co_return std::move(discovered.value());
}

// Counts, per setting, that the rewrite filled, forced or stripped it (nothing without metrics).
void count_applied_settings(ThreadContext& thread, const transform::RewrittenRequest& rewritten) {
  metrics::ThreadMetrics* recorder = thread.metrics();
  if (recorder == nullptr) return;
  const auto count = [&](const std::vector<const FieldSetting*>& applied,
                         metrics::ParamScope where) {
    for (const FieldSetting* setting : applied) {
      const auto slot = recorder->schema().param_slot(where, setting->name, setting->rule);
      if (slot) recorder->count_param_applied(*slot);
    }
  };
  count(rewritten.params_applied, metrics::ParamScope::request);
  count(rewritten.kwargs_applied, metrics::ParamScope::chat_template_kwargs);
}

// The request head for the backend, with the body framing given.
std::string upstream_head(const net::IncomingRequest& request, std::string_view request_id,
                          std::optional<std::uint64_t> content_length, bool chunked_body,
                          bool plain_response, const Config& config) {
  const net::UpstreamHead head{.method = request.message.method_string(),
                               .target = request.message.target(),
                               .request_id = request_id,
                               .client_address = request.client_address,
                               .content_length = content_length,
                               .chunked_body = chunked_body,
                               .plain_response = plain_response,
                               .strip_client_credentials = !config.api_keys.empty(),
                               .backend_api_key = config.backend_api_key};
  return net::build_upstream_head(request.message.base(), head, config.backend);
}

}  // namespace

std::string_view api_path(Api api) {
  switch (api) {
    case Api::chat:
      return "/v1/chat/completions";
    case Api::completions:
      return "/v1/completions";
    case Api::tokenize:
      return "/tokenize";
    case Api::detokenize:
      return "/detokenize";
  }
  return {};
}

awaitable<Result<transform::ParsedRequest>> read_api_request(Api api, net::IncomingRequest& request,
                                                             const Config& config) {
  std::string& raw_body = request.message.body();
  auto read = co_await request.body.read_all(raw_body, config.max_body_bytes);
  if (!read.ok()) co_return read.take_error();
  co_return transform::parse_request(raw_body, spec_of(api).model_field);
}

awaitable<Result<PreparedRequest>> prepare_api_request(Api api,
                                                       const transform::ParsedRequest& parsed,
                                                       ThreadContext& thread,
                                                       std::shared_ptr<const Config> config,
                                                       const ApiKey* client_key) {
  const Profile* profile = find_profile(*config, parsed.model);
  if (profile == nullptr || !key_may_use(*profile, client_key)) {
    co_return transform::unknown_model_error(parsed.model,
                                             profiles_usable_with(*config, client_key));
  }
  auto resolved = co_await with_backend_model(thread, config, parsed.model);
  if (!resolved.ok()) co_return resolved.take_error();
  config = std::move(resolved.value());
  profile = find_profile(*config, parsed.model);
  auto rewritten = spec_of(api).rewrite_request(parsed, *profile);
  if (!rewritten.ok()) co_return rewritten.take_error();
  co_return PreparedRequest{std::move(config), profile, std::move(rewritten.value())};
}

awaitable<bool> forward_api(Api api, net::IncomingRequest& request, ThreadContext& thread,
                            std::shared_ptr<const Config> config, const ApiKey* client_key) {
  auto parsed = co_await read_api_request(api, request, *config);
  if (!parsed.ok()) co_return co_await respond_error(request, parsed.error());
  request.record.virtual_model = parsed->model;
  const ApiSpec spec = spec_of(api);
  if (parsed->model.empty() && spec.model_field == transform::ModelField::optional) {
    co_return co_await pass_through(request, thread, *config);  // vLLM uses its served model
  }
  auto prepared = co_await prepare_api_request(api, *parsed, thread, config, client_key);
  if (!prepared.ok()) co_return co_await respond_error(request, prepared.error());
  const Profile& profile = *prepared->profile;
  const std::string request_id = request_id_for(request, thread);
  if (spdlog::should_log(spdlog::level::trace)) {  // log level COMPLETE
    spdlog::trace("request_id={} client body: {}", request_id, parsed->body);
    spdlog::trace("request_id={} upstream body: {}", request_id,
                  prepared->rewritten.body.flatten());
  }
  count_applied_settings(thread, prepared->rewritten);
  const bool rewrites_answer = spec.rewrite_body != nullptr;
  UpstreamCall call;
  call.head = upstream_head(request, request_id, prepared->rewritten.body.size(), false,
                            rewrites_answer, *prepared->config);
  call.body.reserve(prepared->rewritten.body.piece_count());
  prepared->rewritten.body.for_each_piece(
      [&](const char* data, std::size_t size) { call.body.emplace_back(data, size); });
  const AnswerRewriter rewriter{
      spec.rewrite_body, spec.rewrite_event,
      ResponsePolicy{profile.virtual_name, profile.repair_misplaced_answer,
                     profile.reasoning_field}};
  call.rewriter = rewrites_answer ? &rewriter : nullptr;
  call.request_id = request_id;
  call.profile_name = profile.virtual_name;
  co_return co_await forward(request, thread, *prepared->config, call);
}

awaitable<bool> pass_through(net::IncomingRequest& request, ThreadContext& thread,
                             const Config& config) {
  const std::string request_id = request_id_for(request, thread);
  UpstreamCall call;
  std::string& read_body = request.message.body();  // set when a route read it already
  // A small body of declared size is read whole first: a call whose body is in memory can be
  // retried on a fresh connection when a reused one turns out closed by the backend.
  if (read_body.empty() && !request.body.done() &&
      request.body.content_length().value_or(kBufferedPassThroughBytes + 1) <=
          kBufferedPassThroughBytes) {
    auto read = co_await request.body.read_all(read_body, kBufferedPassThroughBytes);
    if (!read.ok()) co_return co_await respond_error(request, read.error());
  }
  if (!read_body.empty() || request.body.done()) {
    const bool has_body = !read_body.empty() || request.body.content_length().has_value();
    call.head =
        upstream_head(request, request_id,
                      has_body ? std::optional<std::uint64_t>(read_body.size()) : std::nullopt,
                      false, false, config);
    if (!read_body.empty()) call.body.emplace_back(read_body.data(), read_body.size());
  } else {
    // Streamed as it arrives, with the client's own framing: memory stays bounded at any size.
    // Such a call cannot be retried, so it always goes on a fresh connection.
    call.head = upstream_head(request, request_id, request.body.content_length(),
                              request.body.chunked(), false, config);
    call.streamed_body = &request.body;
  }
  call.request_id = request_id;
  co_return co_await forward(request, thread, config, call);
}

}  // namespace qp::proxy
