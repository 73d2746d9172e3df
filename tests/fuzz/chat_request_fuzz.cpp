// Fuzz target for parse_request and the request rewrites: never a crash, and whenever a body is
// accepted every rewrite is valid JSON whose `model` is the backend model, the same on a rerun.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "config/profile.hpp"
#include "json/validate.hpp"
#include "transform/chat_request.hpp"
#include "transform/error_body.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

std::vector<qp::Profile> profiles() {
  qp::Profile fill;
  fill.virtual_name = "qwen3.5-thinking-general";
  fill.backend_model = "Qwen3.5-35B-A3B";
  fill.params = {{"temperature", "1.0", qp::FieldRule::fill_default},
                 {"top_k", "20", qp::FieldRule::fill_default},
                 {"x", "{\"a\":[]}", qp::FieldRule::fill_default}};
  fill.chat_template_kwargs = {{"enable_thinking", "true", qp::FieldRule::force}};
  qp::Profile mixed;
  mixed.virtual_name = "m";
  mixed.backend_model = "org/\xc3\xa9\"q\"";
  mixed.params = {{"temperature", "0.6", qp::FieldRule::force},
                  {"top_p", "", qp::FieldRule::strip},
                  {"model", "1", qp::FieldRule::force}};
  mixed.chat_template_kwargs = {{"enable_thinking", "false", qp::FieldRule::fill_default},
                                {"a", "", qp::FieldRule::strip}};
  return {fill, mixed};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<qp::Profile> all_profiles = profiles();
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = qp::transform::parse_request(body);
  if (!parsed.ok()) {
    require(parsed.error().kind == qp::ErrorKind::bad_request);
    require(qp::json::validate(qp::transform::error_body(parsed.error())).ok());
    return 0;
  }
  using Rewrite = qp::Result<qp::transform::RewrittenRequest> (*)(
      const qp::transform::ParsedRequest&, const qp::Profile&);
  for (Rewrite rewrite :
       {&qp::transform::rewrite_chat_request, &qp::transform::rewrite_completion_request,
        &qp::transform::rewrite_tokenize_request}) {
    for (const qp::Profile& profile : all_profiles) {
      auto out = rewrite(*parsed, profile);
      if (!out.ok()) {
        require(out.error().kind == qp::ErrorKind::bad_request);
        continue;
      }
      const std::string flat = out->body.flatten();
      require(flat.size() == out->body.size());
      auto reparsed = qp::transform::parse_request(flat);
      require(reparsed.ok());
      require(reparsed->model == profile.backend_model);
      require(reparsed->stream == parsed->stream);
      auto again = rewrite(*parsed, profile);
      require(again.ok() && again->body.flatten() == flat);
    }
  }
  return 0;
}
