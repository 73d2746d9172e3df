// What the simulated model "generates" for a chat request: a deterministic list of tokens derived
// from the last user message, split the way Qwen3.5 + the qwen3 reasoning parser + the qwen3_coder
// tool parser split a real output (reasoning, the </think> boundary, content, tool-call pieces).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "request.hpp"

namespace qp::sim {

enum class PieceKind {
  reasoning,    // text before </think>
  think_end,    // the </think> token itself: produces no delta
  content,      // text after </think> (or everything when thinking is off)
  tool_header,  // the function name of a tool call (text = name)
  tool_args,    // a fragment of the arguments string ("{", "\"city\": \"Paris\"", "}")
};

struct Piece {
  PieceKind kind = PieceKind::content;
  std::string text;
};

struct ToolCallPlan {
  std::string name;
  std::string arguments;  // json.dumps style: {"city": "Paris"}
};

struct ChatPlan {
  std::vector<Piece> pieces;  // one per generated token, already truncated to max_tokens
  std::string finish_reason;  // "stop", "length" or "tool_calls"
  bool tool_call_complete = false;
  ToolCallPlan tool;  // meaningful when a tool call was planned
  bool has_tool = false;
};

struct PlanInput {
  const ChatRequest* request = nullptr;
  std::int64_t tokens = 24;      // how many tokens the model would generate unconstrained
  std::int64_t max_tokens = 0;   // effective limit (request max_tokens or the context budget)
  bool misplace_answer = false;  // the vLLM bug: a non-thinking answer is reported as reasoning
};

ChatPlan plan_chat(const PlanInput& in);

// Text a completions request generates (one string per token), derived from the prompt.
std::vector<std::string> plan_completion_tokens(const std::string& prompt, std::int64_t count);

}  // namespace qp::sim
