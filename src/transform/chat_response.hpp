// Rewriting of backend answers (non-streaming bodies, and the JSON of one stream chunk): `model`
// becomes the virtual name by splicing only its value, and the reasoning rules of the policy apply
// to each choice. Pure; anything that is not a JSON object passes unchanged (error bodies
// included).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "json/splice.hpp"
#include "transform/answer_usage.hpp"
#include "transform/response_policy.hpp"

namespace qp::transform {

enum class ResponseShape {
  chat_completion,  // choices[].message
  chat_chunk,       // choices[].delta
  completion,       // text completions: only `model` changes
};

// The rewritten JSON, or nullopt when nothing changes (not an object, no `model` and no reasoning
// edit). The SplicedBody views `json`, which must outlive it.
std::optional<json::SplicedBody> rewrite_response_json(std::string_view json,
                                                       const ResponsePolicy& policy,
                                                       ResponseShape shape);

// A non-streaming /v1/chat/completions answer as the client should see it.
std::string rewrite_chat_response(std::string_view body, const ResponsePolicy& policy);

// A non-streaming /v1/completions answer: only `model` changes.
std::string rewrite_completion_response(std::string_view body, std::string_view virtual_model);

// A rewritten non-streaming answer and the usage the backend reported in it. The body's pieces
// are views into the backend's body (which must outlive it) and the edits: written with a gather
// write, the answer is never copied whole.
struct RewrittenAnswer {
  json::SplicedBody body;           // as rewrite_chat_response() or rewrite_completion_response()
  std::optional<TokenUsage> usage;  // as usage_of_answer() of the backend's body
};

// rewrite_chat_response() and usage_of_answer() of `body` from one scan of it.
RewrittenAnswer rewrite_chat_answer(std::string_view body, const ResponsePolicy& policy);
// rewrite_completion_response(body, policy.virtual_model) and usage_of_answer() from one scan
// (the policy's reasoning rules do not apply to text completions).
RewrittenAnswer rewrite_completion_answer(std::string_view body, const ResponsePolicy& policy);

}  // namespace qp::transform
