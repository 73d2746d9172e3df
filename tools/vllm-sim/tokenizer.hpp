// A toy, reversible tokenizer standing in for Qwen3.5's: special tokens by name, two ASCII bytes
// per token, one token per non-ASCII character. Plus a rendering of the Qwen3.5 chat template, so
// that prompt token counts react to messages, tools and enable_thinking the way vLLM's do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "request.hpp"

namespace qp::sim {

inline constexpr std::int64_t kVocabSize = 248320;

struct Token {
  std::int64_t id = 0;
  std::string text;
};

std::vector<Token> sim_tokenize(std::string_view text);
std::size_t sim_token_count(std::string_view text);

// The text of `ids`, or the first id outside the vocabulary.
struct Detokenized {
  std::string text;
  std::optional<std::int64_t> bad_id;
};
Detokenized sim_detokenize(const std::vector<std::int64_t>& ids);

// The prompt Qwen3.5's chat template would produce (ends with "<think>\n", or with
// "<think>\n\n</think>\n\n" when enable_thinking is false).
std::string render_chat_prompt(const ChatRequest& request);

}  // namespace qp::sim
