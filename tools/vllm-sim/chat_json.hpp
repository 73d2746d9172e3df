// JSON writers for /v1/chat/completions: the non-streaming response and every kind of stream chunk,
// in vLLM's exact field order for the selected dialect. Pure string building, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "options.hpp"
#include "text_plan.hpp"

namespace qp::sim {

struct ChatFrame {
  Dialect dialect = Dialect::v0_18;
  std::string id;  // "chatcmpl-<request id>"
  std::int64_t created = 0;
  std::string model;  // the served model name
  std::int64_t prompt_tokens = 0;
  bool continuous_usage = false;  // usage on every chunk
  bool include_reasoning = true;  // non-streaming only, as in vLLM
  std::string stream_tool_id;     // "call_<24 hex>"
  std::string tool_id;            // "chatcmpl-tool-<hex>"
};

// `{"prompt_tokens":..,"total_tokens":..,"completion_tokens":..[,"prompt_tokens_details":null]}`.
std::string usage_json(std::int64_t prompt, std::int64_t completion, bool with_details);

std::string chat_response_json(const ChatFrame& f, const ChatPlan& plan);

std::string chat_role_chunk(const ChatFrame& f);
// The chunk for one generated token; nullopt when the parser emits nothing for it (</think>).
std::optional<std::string> chat_delta_chunk(const ChatFrame& f, const Piece& piece,
                                            std::int64_t completion_so_far);
std::string chat_finish_chunk(const ChatFrame& f, const std::string& finish_reason,
                              std::int64_t completion_tokens);
std::string chat_usage_chunk(const ChatFrame& f, std::int64_t completion_tokens);

}  // namespace qp::sim
