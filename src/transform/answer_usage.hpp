// What the proxy's metrics and access log read from a backend answer without rewriting it: the
// token counts of `usage`, and whether a stream event carries a generated token. Pure and cheap:
// a span scan of the few members involved, no DOM, no copies.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "json/scan.hpp"

namespace qp::transform {

struct TokenUsage {
  std::uint64_t prompt = 0;
  std::uint64_t completion = 0;
};

// `usage.prompt_tokens` and `usage.completion_tokens` of a chat or completion answer (a whole
// body, or one stream chunk); nullopt when `usage` is absent, null, or lacks either count as a
// non-negative integer. Never fails on malformed input.
std::optional<TokenUsage> usage_of_answer(std::string_view json_object);
// The same for an answer whose top-level object `answer` (of `doc`) is already scanned.
std::optional<TokenUsage> usage_of_scanned_answer(std::string_view doc,
                                                  const json::ObjectScan& answer);

struct EventFacts {
  // A choice has a non-empty delta content, reasoning_content or reasoning, a tool call, or a
  // non-empty completion `text`.
  bool carries_token = false;
  std::optional<TokenUsage> usage;  // as usage_of_answer()
};

// The facts of one complete SSE event of a chat or completion stream (the raw event, blank line
// included). An event without one JSON data line (comments, `[DONE]`) has none.
EventFacts inspect_answer_event(std::string_view event);

}  // namespace qp::transform
