// simdjson DOM parsing of the request bodies declared in request.hpp.
#include "request.hpp"

#include <simdjson.h>

namespace qp::sim {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::optional<object> parse_object(simdjson::dom::parser& parser, const std::string& body,
                                   BadRequest& err) {
  simdjson::padded_string padded(body);
  element doc;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) {
    err = {"JSON decode error: the request body is not valid JSON", ""};
    return std::nullopt;
  }
  object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    err = {"Input should be a valid dictionary or object to extract fields from", ""};
    return std::nullopt;
  }
  return obj;
}

std::string get_string(object obj, const char* key) {
  std::string_view v;
  if (obj[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
  return {};
}

std::optional<bool> get_bool(object obj, const char* key) {
  bool v = false;
  if (obj[key].get_bool().get(v) == simdjson::SUCCESS) return v;
  return std::nullopt;
}

std::optional<std::int64_t> get_int(object obj, const char* key) {
  std::int64_t v = 0;
  if (obj[key].get_int64().get(v) == simdjson::SUCCESS) return v;
  return std::nullopt;
}

std::string content_text(element content) {
  std::string_view s;
  if (content.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  std::string out;
  simdjson::dom::array parts;
  if (content.get_array().get(parts) != simdjson::SUCCESS) return out;
  for (element part : parts) {
    std::string_view t;
    if (part["text"].get_string().get(t) == simdjson::SUCCESS) out += t;
  }
  return out;
}

StreamOptions parse_stream_options(object obj) {
  StreamOptions so;
  object opts;
  if (obj["stream_options"].get_object().get(opts) != simdjson::SUCCESS) return so;
  so.present = true;
  so.include_usage = get_bool(opts, "include_usage");
  so.continuous_usage_stats = get_bool(opts, "continuous_usage_stats").value_or(false);
  return so;
}

std::optional<BadRequest> parse_messages(object obj, ChatRequest& r) {
  simdjson::dom::array messages;
  if (obj["messages"].get_array().get(messages) != simdjson::SUCCESS) {
    return BadRequest{"Field required: messages", "messages"};
  }
  for (element m : messages) {
    object mo;
    if (m.get_object().get(mo) != simdjson::SUCCESS) {
      return BadRequest{"Input should be a valid dictionary: messages", "messages"};
    }
    ChatMessage msg;
    msg.role = get_string(mo, "role");
    element content;
    if (mo["content"].get(content) == simdjson::SUCCESS) msg.text = content_text(content);
    r.messages.push_back(std::move(msg));
  }
  return std::nullopt;
}

void parse_tools(object obj, ChatRequest& r) {
  simdjson::dom::array tools;
  if (obj["tools"].get_array().get(tools) != simdjson::SUCCESS) return;
  for (element t : tools) {
    object fn;
    if (t["function"].get_object().get(fn) != simdjson::SUCCESS) continue;
    ToolDef def;
    def.name = get_string(fn, "name");
    object props;
    if (fn["parameters"]["properties"].get_object().get(props) == simdjson::SUCCESS) {
      for (auto field : props) {
        ToolParam p;
        p.name = std::string(field.key);
        object schema;
        if (field.value.get_object().get(schema) == simdjson::SUCCESS) {
          p.type = get_string(schema, "type");
          std::string_view first;
          if (schema["enum"].at(0).get_string().get(first) == simdjson::SUCCESS) {
            p.first_enum = std::string(first);
          }
        }
        if (p.type.empty()) p.type = "string";
        def.params.push_back(std::move(p));
      }
    }
    r.tools.push_back(std::move(def));
  }
}

void parse_template_kwargs(object obj, ChatRequest& r) {
  object kw;
  if (obj["chat_template_kwargs"].get_object().get(kw) == simdjson::SUCCESS) {
    // Qwen3.5's template only turns thinking off for an explicit `false`.
    if (get_bool(kw, "enable_thinking") == false) r.enable_thinking = false;
  }
  r.add_generation_prompt = get_bool(obj, "add_generation_prompt").value_or(true);
}

}  // namespace

std::string last_user_text(const std::vector<ChatMessage>& messages) {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") return it->text;
  }
  return {};
}

Parsed<ChatRequest> parse_chat_request(const std::string& body) {
  simdjson::dom::parser parser;
  BadRequest err;
  auto obj = parse_object(parser, body, err);
  if (!obj) return err;
  ChatRequest r;
  r.model = get_string(*obj, "model");
  r.stream = get_bool(*obj, "stream").value_or(false);
  r.stream_options = parse_stream_options(*obj);
  if (r.stream_options.present && !r.stream) {
    return BadRequest{"Stream options can only be defined when `stream=True`.", "stream_options"};
  }
  r.max_tokens = get_int(*obj, "max_tokens");
  if (auto mct = get_int(*obj, "max_completion_tokens")) r.max_tokens = mct;
  if (r.max_tokens && *r.max_tokens < 1) {
    return BadRequest{"max_tokens must be at least 1, got " + std::to_string(*r.max_tokens),
                      "max_tokens"};
  }
  r.include_reasoning = get_bool(*obj, "include_reasoning").value_or(true);
  r.request_id = get_string(*obj, "request_id");
  if (auto bad = parse_messages(*obj, r)) return *bad;
  parse_tools(*obj, r);
  parse_template_kwargs(*obj, r);
  element choice;
  r.tool_choice = r.tools.empty() ? "none" : "auto";
  if ((*obj)["tool_choice"].get(choice) == simdjson::SUCCESS) {
    std::string_view s;
    if (choice.get_string().get(s) == simdjson::SUCCESS) {
      r.tool_choice = std::string(s);
    } else if (choice["function"]["name"].get_string().get(s) == simdjson::SUCCESS) {
      r.tool_choice = std::string(s);
      r.tool_choice_named = true;
    }
  }
  return r;
}

Parsed<CompletionRequest> parse_completion_request(const std::string& body) {
  simdjson::dom::parser parser;
  BadRequest err;
  auto obj = parse_object(parser, body, err);
  if (!obj) return err;
  CompletionRequest r;
  r.model = get_string(*obj, "model");
  r.stream = get_bool(*obj, "stream").value_or(false);
  r.stream_options = parse_stream_options(*obj);
  if (r.stream_options.present && !r.stream) {
    return BadRequest{"Stream options can only be defined when `stream=True`.", "stream_options"};
  }
  r.max_tokens = get_int(*obj, "max_tokens").value_or(16);
  if (r.max_tokens < 1) return BadRequest{"max_tokens must be at least 1", "max_tokens"};
  r.request_id = get_string(*obj, "request_id");
  element prompt;
  if ((*obj)["prompt"].get(prompt) != simdjson::SUCCESS) {
    return BadRequest{"Field required: prompt", "prompt"};
  }
  std::string_view s;
  simdjson::dom::array items;
  if (prompt.get_string().get(s) == simdjson::SUCCESS) {
    r.prompt = std::string(s);
  } else if (prompt.get_array().get(items) == simdjson::SUCCESS) {
    for (element item : items) {
      std::int64_t id = 0;
      if (item.get_string().get(s) == simdjson::SUCCESS) {
        r.prompt += s;  // several prompts: the sim answers the first choice for all of them
      } else if (item.get_int64().get(id) == simdjson::SUCCESS) {
        r.prompt_is_ids = true;
        r.prompt_ids.push_back(id);
      }
    }
  } else {
    return BadRequest{"prompt must be a string, a list of strings or a list of token ids",
                      "prompt"};
  }
  return r;
}

Parsed<TokenizeRequest> parse_tokenize_request(const std::string& body) {
  simdjson::dom::parser parser;
  BadRequest err;
  auto obj = parse_object(parser, body, err);
  if (!obj) return err;
  TokenizeRequest r;
  r.model = get_string(*obj, "model");
  r.return_token_strs = get_bool(*obj, "return_token_strs").value_or(false);
  if ((*obj)["messages"].error() == simdjson::SUCCESS) {
    r.messages_mode = true;
    if (auto bad = parse_messages(*obj, r.chat)) return *bad;
    parse_tools(*obj, r.chat);
    parse_template_kwargs(*obj, r.chat);
    if (get_bool(*obj, "continue_final_message").value_or(false) && r.chat.add_generation_prompt) {
      return BadRequest{
          "Cannot set both `continue_final_message` and `add_generation_prompt` to True.", ""};
    }
    return r;
  }
  std::string_view s;
  if ((*obj)["prompt"].get_string().get(s) != simdjson::SUCCESS) {
    return BadRequest{"Field required: prompt or messages", "prompt"};
  }
  r.prompt = std::string(s);
  return r;
}

Parsed<DetokenizeRequest> parse_detokenize_request(const std::string& body) {
  simdjson::dom::parser parser;
  BadRequest err;
  auto obj = parse_object(parser, body, err);
  if (!obj) return err;
  DetokenizeRequest r;
  r.model = get_string(*obj, "model");
  simdjson::dom::array tokens;
  if ((*obj)["tokens"].get_array().get(tokens) != simdjson::SUCCESS) {
    return BadRequest{"Field required: tokens", "tokens"};
  }
  for (element t : tokens) {
    std::int64_t id = 0;
    if (t.get_int64().get(id) != simdjson::SUCCESS || id < 0) {
      return BadRequest{"tokens must be a list of non-negative integers", "tokens"};
    }
    r.tokens.push_back(id);
  }
  return r;
}

}  // namespace qp::sim
