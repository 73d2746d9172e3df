// Fuzz target for the response and per-event rewrites: never a crash on any bytes; an event
// without a data line and a body that is not a JSON object come back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "transform/chat_event.hpp"
#include "transform/chat_response.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool has_data_line = input.starts_with("data:") || input.find("\ndata:") != input.npos ||
                             input.find("\rdata:") != input.npos;
  const qp::ReasoningField fields[] = {qp::ReasoningField::as_is, qp::ReasoningField::reasoning,
                                       qp::ReasoningField::reasoning_content,
                                       qp::ReasoningField::both};
  for (qp::ReasoningField field : fields) {
    for (bool repair : {false, true}) {
      const qp::transform::ResponsePolicy policy{"virtual", repair, field};
      std::string out;
      qp::transform::rewrite_chat_event(input, policy, out);
      if (!has_data_line) require(out == input);
      const std::string body = qp::transform::rewrite_chat_response(input, policy);
      if (input.find('{') == input.npos) require(body == input);
    }
  }
  std::string out;
  qp::transform::rewrite_completion_event(input, "virtual", out);
  if (!has_data_line) require(out == input);
  (void)qp::transform::rewrite_completion_response(input, "virtual");
  return 0;
}
