// Chat completion JSON, non-streaming and chunks (see chat_json.hpp and spec sections 1, 2, 13).
#include "chat_json.hpp"

#include <algorithm>
#include <cctype>

#include "json_out.hpp"

namespace qp::sim {
namespace {

std::string chunk_head(const ChatFrame& f) {
  return "{\"id\":" + json_string(f.id) +
         ",\"object\":\"chat.completion.chunk\",\"created\":" + std::to_string(f.created) +
         ",\"model\":" + json_string(f.model) + ",\"choices\":[";
}

// Closes a chunk that has one choice: optional continuous usage, then prompt_token_ids (role
// chunk).
std::string chunk_tail(const ChatFrame& f, std::int64_t completion, bool role_chunk) {
  std::string out = "]";
  if (f.continuous_usage) out += ",\"usage\":" + usage_json(f.prompt_tokens, completion, false);
  if (role_chunk && f.dialect != Dialect::v0_10) out += ",\"prompt_token_ids\":null";
  out += "}";
  return out;
}

std::string choice_tail(const ChatFrame& f) {
  return f.dialect == Dialect::v0_10 ? std::string("}") : std::string(",\"token_ids\":null}");
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string reasoning_fields(Dialect d, const std::string& value) {
  switch (d) {
    case Dialect::v0_10:
      return "\"reasoning_content\":" + value;
    case Dialect::v0_15:
      return "\"reasoning\":" + value + ",\"reasoning_content\":" + value;
    case Dialect::v0_18:
      break;
  }
  return "\"reasoning\":" + value;
}

std::string delta_json(const ChatFrame& f, const Piece& p) {
  const bool v15 = f.dialect == Dialect::v0_15;
  switch (p.kind) {
    case PieceKind::reasoning:
      return "{" + reasoning_fields(f.dialect, json_string(p.text)) + "}";
    case PieceKind::content:
      return "{\"content\":" + json_string(p.text) + (v15 ? ",\"reasoning_content\":null}" : "}");
    case PieceKind::tool_header:
      return std::string("{") + (v15 ? "\"reasoning_content\":null," : "") +
             "\"tool_calls\":[{\"id\":" + json_string(f.stream_tool_id) +
             ",\"type\":\"function\",\"index\":0,\"function\":{\"name\":" + json_string(p.text) +
             ",\"arguments\":\"\"}}]}";
    case PieceKind::tool_args:
      return std::string("{") + (v15 ? "\"reasoning_content\":null," : "") +
             "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + json_string(p.text) +
             "}}]}";
    case PieceKind::think_end:
      break;
  }
  return "{}";
}

}  // namespace

std::string usage_json(std::int64_t prompt, std::int64_t completion, bool with_details) {
  std::string out = "{\"prompt_tokens\":" + std::to_string(prompt) +
                    ",\"total_tokens\":" + std::to_string(prompt + completion) +
                    ",\"completion_tokens\":" + std::to_string(completion);
  if (with_details) out += ",\"prompt_tokens_details\":null";
  out += "}";
  return out;
}

std::string chat_response_json(const ChatFrame& f, const ChatPlan& plan) {
  std::string reasoning, content;
  for (const auto& p : plan.pieces) {
    if (p.kind == PieceKind::reasoning) reasoning += p.text;
    if (p.kind == PieceKind::content) content += p.text;
  }
  std::optional<std::string> content_v, reasoning_v;
  if (plan.tool_call_complete ? !blank(content) : !content.empty()) content_v = content;
  if (!reasoning.empty() && f.include_reasoning) reasoning_v = reasoning;
  std::string tool_calls = "[]";
  if (plan.tool_call_complete) {
    tool_calls = "[{\"id\":" + json_string(f.tool_id) +
                 ",\"type\":\"function\",\"function\":{\"name\":" + json_string(plan.tool.name) +
                 ",\"arguments\":" + json_string(plan.tool.arguments) + "}}]";
  }
  const auto completion = static_cast<std::int64_t>(plan.pieces.size());
  std::string out = "{\"id\":" + json_string(f.id) +
                    ",\"object\":\"chat.completion\",\"created\":" + std::to_string(f.created) +
                    ",\"model\":" + json_string(f.model) +
                    ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" +
                    json_string_or_null(content_v) +
                    ",\"refusal\":null,\"annotations\":null,\"audio\":null,\"function_call\":null,"
                    "\"tool_calls\":" +
                    tool_calls + "," +
                    reasoning_fields(f.dialect, json_string_or_null(reasoning_v)) +
                    "},\"logprobs\":null,\"finish_reason\":" + json_string(plan.finish_reason) +
                    ",\"stop_reason\":null";
  out += f.dialect == Dialect::v0_10 ? "}]" : ",\"token_ids\":null}]";
  out += ",\"service_tier\":null,\"system_fingerprint\":null,\"usage\":" +
         usage_json(f.prompt_tokens, completion, true) + ",\"prompt_logprobs\":null";
  if (f.dialect != Dialect::v0_10) out += ",\"prompt_token_ids\":null";
  out += ",\"kv_transfer_params\":null}";
  return out;
}

std::string chat_role_chunk(const ChatFrame& f) {
  const char* delta = f.dialect == Dialect::v0_15
                          ? R"({"role":"assistant","content":"","reasoning_content":null})"
                          : R"({"role":"assistant","content":""})";
  return chunk_head(f) + "{\"index\":0,\"delta\":" + delta +
         ",\"logprobs\":null,\"finish_reason\":null}" + chunk_tail(f, 0, true);
}

std::optional<std::string> chat_delta_chunk(const ChatFrame& f, const Piece& piece,
                                            std::int64_t completion_so_far) {
  if (piece.kind == PieceKind::think_end) return std::nullopt;
  return chunk_head(f) + "{\"index\":0,\"delta\":" + delta_json(f, piece) +
         ",\"logprobs\":null,\"finish_reason\":null" + choice_tail(f) +
         chunk_tail(f, completion_so_far, false);
}

std::string chat_finish_chunk(const ChatFrame& f, const std::string& finish_reason,
                              std::int64_t completion_tokens) {
  const char* delta = f.dialect == Dialect::v0_15 ? R"({"reasoning_content":null})" : "{}";
  return chunk_head(f) + "{\"index\":0,\"delta\":" + delta +
         ",\"logprobs\":null,\"finish_reason\":" + json_string(finish_reason) +
         ",\"stop_reason\":null" + choice_tail(f) + chunk_tail(f, completion_tokens, false);
}

std::string chat_usage_chunk(const ChatFrame& f, std::int64_t completion_tokens) {
  return chunk_head(f) + "],\"usage\":" + usage_json(f.prompt_tokens, completion_tokens, false) +
         "}";
}

}  // namespace qp::sim
