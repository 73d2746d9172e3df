// Error body writers (see errors.hpp).
#include "errors.hpp"

#include "json_out.hpp"

namespace qp::sim {

std::string error_body(Dialect d, std::string_view message, std::string_view type,
                       std::string_view param, int code) {
  const std::string p = param.empty() ? std::string("null") : json_string(param);
  const std::string fields = "\"message\":" + json_string(message) +
                             ",\"type\":" + json_string(type) + ",\"param\":" + p +
                             ",\"code\":" + std::to_string(code);
  if (d == Dialect::v0_10) return "{\"object\":\"error\"," + fields + "}";
  return "{\"error\":{" + fields + "}}";
}

std::string stream_error_json(Dialect d) {
  if (d == Dialect::v0_10) {
    return R"({"object": "error", "message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500})";
  }
  return R"({"error": {"message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500}})";
}

std::string_view error_type_for_status(int status) {
  switch (status) {
    case 400:
      return "BadRequestError";
    case 401:
      return "UnauthorizedError";
    case 404:
      return "NotFoundError";
    case 408:
      return "RequestTimeoutError";
    case 429:
      return "TooManyRequestsError";
    case 501:
      return "NotImplementedError";
    case 503:
      return "ServiceUnavailableError";
    default:
      return status >= 500 ? "InternalServerError" : "BadRequestError";
  }
}

std::string model_not_found_body(Dialect d, std::string_view model) {
  // `param` became "model" in 0.14 (#30134); before that it was null.
  return error_body(d, "The model `" + std::string(model) + "` does not exist.", "NotFoundError",
                    d == Dialect::v0_10 ? "" : "model", 404);
}

}  // namespace qp::sim
