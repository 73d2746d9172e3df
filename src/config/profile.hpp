// A Profile is one virtual model: its name, the backend model it maps to, and the request fields it
// sets. Values are stored as already-serialised JSON text (checked when the configuration is
// loaded), so the hot path only copies bytes.
#pragma once

#include <string>
#include <vector>

namespace qp {

// How a profile's value meets the client's value for the same field.
enum class FieldRule {
  fill_default,  // set only when the client did not send the field (an explicit null counts as not
                 // sent)
  force,         // always set, replacing what the client sent
  strip,         // remove the field if the client sent it (json_value is unused)
};

// How reasoning text reaches clients in responses and stream deltas.
enum class ReasoningField {
  as_is,              // whatever the backend sent
  reasoning,          // only `reasoning` (vLLM >= 0.16 naming)
  reasoning_content,  // only `reasoning_content` (what many clients still read)
  both,               // both keys with the same value
};

struct FieldSetting {
  std::string name;        // top-level request field, or key inside chat_template_kwargs
  std::string json_value;  // serialised JSON, e.g. "0.95", "false", "\"text\""
  FieldRule rule = FieldRule::fill_default;
  bool operator==(const FieldSetting&) const = default;
};

// The client APIs a virtual model can be used through.
enum class Api : unsigned {
  chat = 1u << 0,         // POST /v1/chat/completions
  completions = 1u << 1,  // POST /v1/completions
  tokenize = 1u << 2,     // POST /tokenize
  responses = 1u << 3,    // POST /v1/responses
  messages = 1u << 4,     // POST /v1/messages (Anthropic)
};

// A set of Api values; default-constructed it holds every API.
class ApiSet {
 public:
  ApiSet() = default;
  static ApiSet none() { return ApiSet(0); }
  ApiSet with(Api api) const { return ApiSet(bits_ | static_cast<unsigned>(api)); }
  bool contains(Api api) const { return (bits_ & static_cast<unsigned>(api)) != 0; }
  bool empty() const { return bits_ == 0; }
  bool operator==(const ApiSet&) const = default;

 private:
  explicit ApiSet(unsigned bits) : bits_(bits) {}
  unsigned bits_ = (1u << 5) - 1;  // every Api
};

struct Profile {
  std::string virtual_name;   // what clients send as `model`, e.g. "qwen3.5-thinking-coding"
  std::string backend_model;  // what vLLM serves, e.g. "Qwen3.5-35B-A3B"; empty until discovered
  std::vector<FieldSetting> params;                // top-level request fields (sampling parameters)
  std::vector<FieldSetting> chat_template_kwargs;  // merged key by key into chat_template_kwargs
  // True for instruct (non-thinking) profiles: an answer that vLLM misplaced into the reasoning
  // field is moved back to content. Never set for thinking profiles.
  bool repair_misplaced_answer = false;
  ReasoningField reasoning_field = ReasoningField::as_is;
  ApiSet apis;  // the APIs through which clients may use this virtual model (default: all)
  // Names of the API keys (ApiKey::name) allowed to use this virtual model; empty = any key (or
  // none, when the proxy checks no keys). Checked at load time to name configured keys.
  std::vector<std::string> allowed_keys;
  bool operator==(const Profile&) const = default;
};

}  // namespace qp
