// POST /v1/chat/completions: validation, token plan, and the stream of chunks in vLLM's order
// (role chunk, one delta per token, finish chunk, optional usage chunk).
#include <vector>

#include "chat_json.hpp"
#include "errors.hpp"
#include "job.hpp"
#include "json_out.hpp"
#include "request.hpp"
#include "tokenizer.hpp"

namespace qp::sim {
namespace {

constexpr int kRole = -1;
constexpr int kFinish = -2;
constexpr int kUsage = -3;

class ChatEvents final : public EventSource {
 public:
  ChatEvents(ChatFrame frame, ChatPlan plan, bool include_usage)
      : frame_(std::move(frame)), plan_(std::move(plan)) {
    const auto n = static_cast<std::int64_t>(plan_.pieces.size());
    steps_.push_back({0, kRole});
    for (std::int64_t i = 0; i < n; ++i) {
      if (plan_.pieces[static_cast<std::size_t>(i)].kind != PieceKind::think_end) {
        steps_.push_back({i, static_cast<int>(i)});
      }
    }
    steps_.push_back({n - 1, kFinish});
    if (include_usage) steps_.push_back({n - 1, kUsage});
  }

  std::size_t size() const override { return steps_.size(); }
  std::int64_t token_at(std::size_t i) const override { return steps_[i].token; }

  std::string render(std::size_t i) const override {
    const Step& s = steps_[i];
    const auto n = static_cast<std::int64_t>(plan_.pieces.size());
    switch (s.what) {
      case kRole:
        return chat_role_chunk(frame_);
      case kFinish:
        return chat_finish_chunk(frame_, plan_.finish_reason, n);
      case kUsage:
        return chat_usage_chunk(frame_, n);
      default:
        return chat_delta_chunk(frame_, plan_.pieces[static_cast<std::size_t>(s.what)], s.token + 1)
            .value_or("{}");
    }
  }

 private:
  struct Step {
    std::int64_t token;
    int what;  // kRole, kFinish, kUsage or a piece index
  };
  ChatFrame frame_;
  ChatPlan plan_;
  std::vector<Step> steps_;
};

}  // namespace

Prepared prepare_chat(const SimOptions& o, const std::string& body, const RequestMeta& meta) {
  auto parsed = parse_chat_request(body);
  if (auto* bad = std::get_if<BadRequest>(&parsed)) {
    return bad_request_response(o.dialect, bad->message, bad->param);
  }
  auto& req = std::get<ChatRequest>(parsed);
  if (auto err = check_model(o, req.model)) return *err;
  const auto prompt_tokens = static_cast<std::int64_t>(sim_token_count(render_chat_prompt(req)));
  if (auto err = check_context(o, prompt_tokens, req.max_tokens)) return *err;

  PlanInput in;
  in.request = &req;
  in.tokens = meta.tokens.value_or(o.tokens);
  in.max_tokens =
      req.max_tokens.value_or(static_cast<std::int64_t>(o.max_model_len) - prompt_tokens);
  in.misplace_answer =
      !req.enable_thinking && (meta.misplace_answer || o.misplace_nonthinking_answer);
  ChatPlan plan = plan_chat(in);

  ChatFrame f;
  f.dialect = o.dialect;
  f.id = "chatcmpl-" + pick_request_id(o, meta, req.request_id);
  f.created = unix_now();
  f.model = o.served_model_name;
  f.prompt_tokens = prompt_tokens;
  f.include_reasoning = req.include_reasoning;
  f.stream_tool_id = "call_" + random_hex(24);
  f.tool_id = "chatcmpl-tool-" + random_hex(random_id_hex_len(o.dialect));

  const auto& so = req.stream_options;
  const bool include_usage = so.present && so.include_usage.value_or(o.dialect != Dialect::v0_18);
  f.continuous_usage = include_usage && so.continuous_usage_stats;

  GenerationJob job;
  job.stream = req.stream;
  job.prompt_tokens = prompt_tokens;
  job.completion_tokens = static_cast<std::int64_t>(plan.pieces.size());
  job.finish_reason = plan.finish_reason;
  if (req.stream) {
    job.events = std::make_unique<ChatEvents>(std::move(f), std::move(plan), include_usage);
  } else {
    job.body = chat_response_json(f, plan);
  }
  return job;
}

SimpleResponse bad_request_response(Dialect d, const std::string& message,
                                    const std::string& param) {
  return {400, "application/json", error_body(d, message, "Bad Request", param, 400)};
}

std::optional<SimpleResponse> check_model(const SimOptions& o, const std::string& model) {
  if (model.empty() || model == o.served_model_name) return std::nullopt;
  return SimpleResponse{404, "application/json", model_not_found_body(o.dialect, model)};
}

std::optional<SimpleResponse> check_context(const SimOptions& o, std::int64_t prompt_tokens,
                                            std::optional<std::int64_t> max_tokens) {
  const auto limit = static_cast<std::int64_t>(o.max_model_len);
  const std::string head =
      "This model's maximum context length is " + std::to_string(limit) + " tokens. ";
  if (prompt_tokens >= limit) {
    return SimpleResponse{
        400, "application/json",
        error_body(o.dialect,
                   head + "However, your request has " + std::to_string(prompt_tokens) +
                       " input tokens. Please reduce the length of the input messages.",
                   "BadRequestError", "input_tokens", 400)};
  }
  if (max_tokens && prompt_tokens + *max_tokens > limit) {
    return SimpleResponse{
        400, "application/json",
        error_body(o.dialect,
                   head + "However, you requested " + std::to_string(*max_tokens) +
                       " output tokens and your prompt contains " + std::to_string(prompt_tokens) +
                       " input tokens, for a total of " +
                       std::to_string(prompt_tokens + *max_tokens) +
                       " tokens. Please reduce the length of the input prompt or the number of "
                       "requested output tokens.",
                   "BadRequestError", "max_tokens", 400)};
  }
  return std::nullopt;
}

std::string pick_request_id(const SimOptions& o, const RequestMeta& meta,
                            const std::string& body_request_id) {
  if (!meta.request_id_header.empty()) return meta.request_id_header;
  if (!body_request_id.empty()) return body_request_id;
  return random_hex(random_id_hex_len(o.dialect));
}

}  // namespace qp::sim
