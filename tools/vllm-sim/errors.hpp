// vLLM error bodies: `{"error":{...}}` (0.10.1+) or the flat `{"object":"error",...}` (0.10.0), the
// spaced json.dumps error line sent inside a stream, and the type names used for each status.
#pragma once

#include <string>
#include <string_view>

#include "options.hpp"

namespace qp::sim {

// Compact error body as Starlette's JSONResponse writes it. An empty `param` is null.
std::string error_body(Dialect d, std::string_view message, std::string_view type,
                       std::string_view param, int code);

// The error event JSON sent after a stream has started (json.dumps default separators).
std::string stream_error_json(Dialect d);

// vLLM's `type` for a status (NotFoundError, BadRequestError, InternalServerError, ...).
std::string_view error_type_for_status(int status);

// The 404 for a model that is not served.
std::string model_not_found_body(Dialect d, std::string_view model);

}  // namespace qp::sim
