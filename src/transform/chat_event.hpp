// Rewriting of one complete SSE event from a streaming answer. Only the JSON of a single `data:`
// line is spliced (`model`, and the reasoning rules for chat deltas); every other byte (`id:`,
// `event:`, `retry:`, `:` comments, `\n` or `\r\n` framing, `data: [DONE]`) is kept exactly.
// Pure; an event it cannot read (several data lines, not a JSON object) passes unchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "transform/response_policy.hpp"

namespace qp::transform {

// `event` is the raw bytes of one event including its terminating blank line; the rewritten bytes
// are appended to `out`.
void rewrite_chat_event(std::string_view event, const ResponsePolicy& policy, std::string& out);

// The value of an event's one `data:` line, without the optional space after the colon and the
// line end; nullopt when the event has no data line or several. A view into `event`.
std::optional<std::string_view> single_data_payload(std::string_view event);

// The same for /v1/completions streams: only `model` changes.
void rewrite_completion_event(std::string_view event, std::string_view virtual_model,
                              std::string& out);

}  // namespace qp::transform
