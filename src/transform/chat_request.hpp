// Request rewriting for /v1/chat/completions, /v1/completions and /tokenize: one validation pass,
// one scan of the top-level members, then a splice that changes only `model`, the profile's
// parameters and `chat_template_kwargs`. Pure: no I/O, the input is never modified, and running it
// again on the same input gives the same output (a retry may do that).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/profile.hpp"
#include "core/error.hpp"
#include "json/scan.hpp"
#include "json/splice.hpp"
#include "json/validate.hpp"

namespace qp::transform {

// A validated request body and what the rewrite needs from it. Holds views into `body`: the body
// must outlive the ParsedRequest and every SplicedBody made from it.
struct ParsedRequest {
  std::string_view body;
  json::ObjectScan object;  // the top-level members
  std::string model;        // the last `model`, unescaped
  bool stream = false;      // the last `stream` (null or absent = false)
};

// Whether `model` must be present: chat and completions require it; /tokenize and /detokenize
// accept a missing, null or empty model (vLLM then uses its served model).
enum class ModelField { required, optional };

// Validates the whole body and reads its top level in the same pass. ErrorKind::bad_request
// (OpenAI-style message, `param` set where a field is at fault) for malformed JSON anywhere, a body
// that is not an object, a missing or non-string `model`, or a `stream` that is neither a boolean
// nor null.
Result<ParsedRequest> parse_request(std::string_view body,
                                    ModelField model_field = ModelField::required);

// A rewritten request body, and the profile settings the rewrite applied to it (for the metrics).
struct RewrittenRequest {
  json::SplicedBody body;
  // Point into the profile, in its order: top-level sampling parameters, and keys of
  // chat_template_kwargs.
  std::vector<const FieldSetting*> params_applied;
  std::vector<const FieldSetting*> kwargs_applied;
};

// /v1/chat/completions: `model` becomes profile.backend_model, profile.params are applied by rule,
// and chat_template_kwargs is merged key by key (absent or null = {}; any other non-object is a
// 400 with param "chat_template_kwargs"). Every other byte is kept as sent.
Result<RewrittenRequest> rewrite_chat_request(const ParsedRequest& request, const Profile& profile);
// /v1/completions: as chat, without chat_template_kwargs (left as sent).
Result<RewrittenRequest> rewrite_completion_request(const ParsedRequest& request,
                                                    const Profile& profile);
// /tokenize: `model` and chat_template_kwargs only; sampling parameters are left as sent.
Result<RewrittenRequest> rewrite_tokenize_request(const ParsedRequest& request,
                                                  const Profile& profile);

// 404 (ErrorKind::not_found, param "model") whose message lists the virtual model names.
Error unknown_model_error(std::string_view model, const std::vector<Profile>& profiles);

}  // namespace qp::transform
