// Per-event rewrite: find the one data line, splice its JSON, copy everything around it.
#include "transform/chat_event.hpp"

#include <algorithm>

#include "json/scan.hpp"
#include "transform/chat_response.hpp"

namespace qp::transform {
namespace {

constexpr std::string_view kDataField = "data:";

struct DataLine {
  std::size_t count = 0;  // data lines in the event
  json::Span payload;     // the value of the last one, without the optional space and line end
};

// The position of the first `c` at or after `pos` in `event`, or event.size().
std::size_t find_or_end(std::string_view event, char c, std::size_t pos) {
  const std::size_t found = event.find(c, pos);
  return found == std::string_view::npos ? event.size() : found;
}

// find_or_end() given `found`, its answer for an earlier `pos`: memchr runs again only once `found`
// is passed, so a walk over all lines costs O(size) whatever the line endings (find_first_of would
// call memchr once per byte).
std::size_t next_of(std::string_view event, char c, std::size_t pos, std::size_t found) {
  return found >= pos ? found : find_or_end(event, c, pos);
}

// Lines end with LF, CRLF or a lone CR, as the SSE rules allow.
DataLine find_data_line(std::string_view event) {
  DataLine data;
  std::size_t pos = 0;
  std::size_t next_lf = find_or_end(event, '\n', 0);
  std::size_t next_cr = find_or_end(event, '\r', 0);
  while (pos < event.size()) {
    next_lf = next_of(event, '\n', pos, next_lf);
    next_cr = next_of(event, '\r', pos, next_cr);
    const std::size_t line_end = std::min(next_lf, next_cr);
    if (event.substr(pos, line_end - pos).starts_with(kDataField)) {
      ++data.count;
      std::size_t begin = pos + kDataField.size();
      if (begin < line_end && event[begin] == ' ') ++begin;
      data.payload = json::Span{begin, line_end};
    }
    pos = line_end;
    if (pos < event.size() && event[pos] == '\r') ++pos;
    if (pos < event.size() && event[pos] == '\n') ++pos;
  }
  return data;
}

void rewrite_event(std::string_view event, const ResponsePolicy& policy, ResponseShape shape,
                   std::string& out) {
  const DataLine data = find_data_line(event);
  if (data.count != 1) {
    out.append(event);  // no data, or multi-line data that vLLM never sends: keep as is
    return;
  }
  auto rewritten = rewrite_response_json(data.payload.in(event), policy, shape);
  if (!rewritten) {
    out.append(event);
    return;
  }
  out.reserve(out.size() + event.size() + rewritten->size() - data.payload.size());
  out.append(event.substr(0, data.payload.begin));
  rewritten->append_to(out);
  out.append(event.substr(data.payload.end));
}

}  // namespace

std::optional<std::string_view> single_data_payload(std::string_view event) {
  const DataLine data = find_data_line(event);
  if (data.count != 1) return std::nullopt;
  return data.payload.in(event);
}

void rewrite_chat_event(std::string_view event, const ResponsePolicy& policy, std::string& out) {
  rewrite_event(event, policy, ResponseShape::chat_chunk, out);
}

void rewrite_completion_event(std::string_view event, std::string_view virtual_model,
                              std::string& out) {
  const ResponsePolicy policy{virtual_model, false, ReasoningField::as_is};
  rewrite_event(event, policy, ResponseShape::completion, out);
}

}  // namespace qp::transform
