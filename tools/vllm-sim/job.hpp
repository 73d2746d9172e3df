// The hand-off between the pure request handlers and the I/O layer: either a finished response, or
// a generation job whose events the I/O layer paces (time to first token, time per token) and
// writes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "options.hpp"

namespace qp::sim {

struct SimpleResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The SSE events of one streamed generation, rendered on demand so that idle streams stay small.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual std::size_t size() const = 0;
  // Event i is written when token `token_at(i)` (0-based) is produced.
  virtual std::int64_t token_at(std::size_t i) const = 0;
  // The JSON of event i, written as `data: <json>\n\n`.
  virtual std::string render(std::size_t i) const = 0;
};

struct GenerationJob {
  bool stream = false;
  std::unique_ptr<EventSource> events;  // when streaming
  std::string body;                     // when not streaming: sent after the last token
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  std::string finish_reason;
};

using Prepared = std::variant<SimpleResponse, GenerationJob>;

// What a generation handler needs from the HTTP request besides its body.
struct RequestMeta {
  std::string request_id_header;       // X-Request-Id, empty when absent
  std::optional<std::int64_t> tokens;  // x-sim-tokens
  bool misplace_answer = false;        // x-sim-fault: misplace-answer
};

Prepared prepare_chat(const SimOptions& o, const std::string& body, const RequestMeta& meta);
Prepared prepare_completion(const SimOptions& o, const std::string& body, const RequestMeta& meta);

// Shared by both handlers: 400 "Bad Request" (validation), 404 unknown model, context-length
// checks.
SimpleResponse bad_request_response(Dialect d, const std::string& message,
                                    const std::string& param);
std::optional<SimpleResponse> check_model(const SimOptions& o, const std::string& model);
std::optional<SimpleResponse> check_context(const SimOptions& o, std::int64_t prompt_tokens,
                                            std::optional<std::int64_t> max_tokens);
std::string pick_request_id(const SimOptions& o, const RequestMeta& meta,
                            const std::string& body_request_id);

}  // namespace qp::sim
