// Serialisation of Error values into OpenAI-style error JSON.
#include "transform/error_body.hpp"

#include "json/string.hpp"

namespace qp::transform {
namespace {

// colon and comma are the separators between members (compact or json.dumps-style spaced).
std::string error_json(const Error& error, std::string_view colon, std::string_view comma) {
  std::string out = "{\"error\"";
  out.append(colon).append("{\"message\"").append(colon);
  json::append_quoted(out, error.message);
  out.append(comma).append("\"type\"").append(colon);
  json::append_quoted(out, error_type(error.kind));
  out.append(comma).append("\"param\"").append(colon);
  if (error.param.empty()) {
    out.append("null");
  } else {
    json::append_quoted(out, error.param);
  }
  out.append(comma).append("\"code\"").append(colon);
  out.append(std::to_string(http_status(error.kind)));
  out.append("}}");
  return out;
}

}  // namespace

std::string error_body(const Error& error) { return error_json(error, ":", ","); }

std::string stream_error_event(const Error& error) {
  return "data: " + error_json(error, ": ", ", ") + "\n\ndata: [DONE]\n\n";
}

}  // namespace qp::transform
