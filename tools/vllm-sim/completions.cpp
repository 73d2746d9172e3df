// POST /v1/completions: the legacy text completion API. No chat template, no reasoning parsing;
// stream chunks carry every field (exclude_unset=False) and there is no role chunk (spec section
// 4).
#include <algorithm>
#include <vector>

#include "chat_json.hpp"
#include "job.hpp"
#include "json_out.hpp"
#include "request.hpp"
#include "text_plan.hpp"
#include "tokenizer.hpp"

namespace qp::sim {
namespace {

struct CompletionFrame {
  Dialect dialect = Dialect::v0_18;
  std::string id;
  std::int64_t created = 0;
  std::string model;
  std::int64_t prompt_tokens = 0;
  bool continuous_usage = false;
};

std::string head(const CompletionFrame& f) {
  return "{\"id\":" + json_string(f.id) +
         ",\"object\":\"text_completion\",\"created\":" + std::to_string(f.created) +
         ",\"model\":" + json_string(f.model) + ",\"choices\":[";
}

class CompletionEvents final : public EventSource {
 public:
  CompletionEvents(CompletionFrame f, std::vector<std::string> tokens, std::string finish,
                   bool include_usage)
      : f_(std::move(f)),
        tokens_(std::move(tokens)),
        finish_(std::move(finish)),
        include_usage_(include_usage) {}

  std::size_t size() const override { return tokens_.size() + (include_usage_ ? 1 : 0); }
  std::int64_t token_at(std::size_t i) const override {
    return static_cast<std::int64_t>(std::min(i, tokens_.size() - 1));
  }
  std::string render(std::size_t i) const override {
    const auto n = static_cast<std::int64_t>(tokens_.size());
    if (i == tokens_.size()) {
      return head(f_) + "],\"usage\":" + usage_json(f_.prompt_tokens, n, false) + "}";
    }
    const bool last = i + 1 == tokens_.size();
    std::string out = head(f_) + "{\"index\":0,\"text\":" + json_string(tokens_[i]) +
                      ",\"logprobs\":null,\"finish_reason\":" +
                      (last ? json_string(finish_) : std::string("null")) + ",\"stop_reason\":null";
    if (f_.dialect != Dialect::v0_10) out += ",\"prompt_token_ids\":null,\"token_ids\":null";
    out += "}],\"usage\":";
    out += f_.continuous_usage
               ? usage_json(f_.prompt_tokens, static_cast<std::int64_t>(i) + 1, false)
               : std::string("null");
    out += "}";
    return out;
  }

 private:
  CompletionFrame f_;
  std::vector<std::string> tokens_;
  std::string finish_;
  bool include_usage_;
};

std::string completion_response_json(const CompletionFrame& f,
                                     const std::vector<std::string>& tokens,
                                     const std::string& finish) {
  std::string text;
  for (const auto& t : tokens) text += t;
  std::string out = head(f) + "{\"index\":0,\"text\":" + json_string(text) +
                    ",\"logprobs\":null,\"finish_reason\":" + json_string(finish) +
                    ",\"stop_reason\":null";
  if (f.dialect != Dialect::v0_10) out += ",\"token_ids\":null";
  out += ",\"prompt_logprobs\":null";
  if (f.dialect != Dialect::v0_10) out += ",\"prompt_token_ids\":null";
  out += "}],\"service_tier\":null,\"system_fingerprint\":null,\"usage\":" +
         usage_json(f.prompt_tokens, static_cast<std::int64_t>(tokens.size()), true) +
         ",\"kv_transfer_params\":null}";
  return out;
}

}  // namespace

Prepared prepare_completion(const SimOptions& o, const std::string& body, const RequestMeta& meta) {
  auto parsed = parse_completion_request(body);
  if (auto* bad = std::get_if<BadRequest>(&parsed)) {
    return bad_request_response(o.dialect, bad->message, bad->param);
  }
  auto& req = std::get<CompletionRequest>(parsed);
  if (auto err = check_model(o, req.model)) return *err;
  const auto prompt_tokens = static_cast<std::int64_t>(
      req.prompt_is_ids ? req.prompt_ids.size() : sim_token_count(req.prompt));
  if (auto err = check_context(o, prompt_tokens, req.max_tokens)) return *err;

  const std::int64_t wanted = meta.tokens.value_or(o.tokens);
  const std::int64_t n = std::min(wanted, req.max_tokens);
  const std::string finish = wanted > req.max_tokens ? "length" : "stop";
  auto tokens = plan_completion_tokens(req.prompt, n);

  CompletionFrame f;
  f.dialect = o.dialect;
  f.id = "cmpl-" + pick_request_id(o, meta, req.request_id);
  f.created = unix_now();
  f.model = o.served_model_name;
  f.prompt_tokens = prompt_tokens;
  const auto& so = req.stream_options;
  const bool include_usage = so.present && so.include_usage.value_or(o.dialect != Dialect::v0_18);
  f.continuous_usage = include_usage && so.continuous_usage_stats;

  GenerationJob job;
  job.stream = req.stream;
  job.prompt_tokens = prompt_tokens;
  job.completion_tokens = n;
  job.finish_reason = finish;
  if (req.stream) {
    job.events =
        std::make_unique<CompletionEvents>(std::move(f), std::move(tokens), finish, include_usage);
  } else {
    job.body = completion_response_json(f, tokens, finish);
  }
  return job;
}

}  // namespace qp::sim
