// OpenAI-style error bodies: the JSON a client receives for an Error, as a whole response body or
// as the final event of a stream that broke after the 200 was sent.
#pragma once

#include <string>

#include "core/error.hpp"

namespace qp::transform {

// {"error":{"message":"…","type":"…","param":null|"…","code":<status>}} (compact).
std::string error_body(const Error& error);

// `data: {"error": {…}}\n\ndata: [DONE]\n\n`, spaced like vLLM's json.dumps error line.
std::string stream_error_event(const Error& error);

}  // namespace qp::transform
