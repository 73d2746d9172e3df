// Request bodies the simulator understands (chat, completions, tokenize, detokenize), parsed with
// the simdjson DOM API into plain structs. Unknown fields are ignored, as vLLM does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace qp::sim {

// A 400 found while parsing, reported with type "Bad Request" (pydantic validation in vLLM).
struct BadRequest {
  std::string message;
  std::string param;  // empty: null
};

struct StreamOptions {
  bool present = false;               // `stream_options` was an object
  std::optional<bool> include_usage;  // as sent
  bool continuous_usage_stats = false;
};

struct ChatMessage {
  std::string role;
  std::string text;  // string content, or the concatenated text parts
};

struct ToolParam {
  std::string name;
  std::string type;        // JSON schema type ("string" when absent)
  std::string first_enum;  // first enum value when the schema lists one
};

struct ToolDef {
  std::string name;
  std::vector<ToolParam> params;  // `parameters.properties`, in document order
};

struct ChatRequest {
  std::string model;  // empty: the served model
  bool stream = false;
  StreamOptions stream_options;
  std::optional<std::int64_t> max_tokens;  // max_completion_tokens wins over max_tokens
  bool enable_thinking = true;  // false only if chat_template_kwargs.enable_thinking is false
  bool include_reasoning = true;
  std::string request_id;  // body `request_id`, empty when absent
  std::vector<ChatMessage> messages;
  std::vector<ToolDef> tools;
  std::string tool_choice;  // "none", "auto", "required", or a function name when named
  bool tool_choice_named = false;
  bool add_generation_prompt = true;
};

struct CompletionRequest {
  std::string model;
  bool stream = false;
  StreamOptions stream_options;
  std::int64_t max_tokens = 16;          // vLLM's completions default
  std::string prompt;                    // a string prompt, or list items joined
  std::vector<std::int64_t> prompt_ids;  // when the prompt was token ids
  bool prompt_is_ids = false;
  std::string request_id;
};

struct TokenizeRequest {
  std::string model;
  bool messages_mode = false;
  std::string prompt;
  ChatRequest chat;  // messages, tools, enable_thinking, add_generation_prompt in messages mode
  bool return_token_strs = false;
};

struct DetokenizeRequest {
  std::string model;
  std::vector<std::int64_t> tokens;
};

template <class T>
using Parsed = std::variant<T, BadRequest>;

Parsed<ChatRequest> parse_chat_request(const std::string& body);
Parsed<CompletionRequest> parse_completion_request(const std::string& body);
Parsed<TokenizeRequest> parse_tokenize_request(const std::string& body);
Parsed<DetokenizeRequest> parse_detokenize_request(const std::string& body);

// The text of the last message with role "user" (empty if none).
std::string last_user_text(const std::vector<ChatMessage>& messages);

}  // namespace qp::sim
