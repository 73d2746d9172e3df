// SseFramer's line scanner and event_data(): the SSE line rules (LF, CRLF, lone CR; a blank line
// ends an event; `field: value` lines, `:` comments) in one place.
#include "sse/sse_framer.hpp"

#include <cstring>
#include <string>

namespace qp {
namespace {

constexpr std::size_t kRetainedBufferBytes = 1u << 20;  // larger buffers are freed between events

// Finds the first CR or LF at or after `from`, or s.size(). `next_lf` caches the position of the
// next LF (s.size() when none) so that a run of lone-CR lines is scanned in linear time.
std::size_t next_line_break(std::string_view s, std::size_t from, std::size_t& next_lf) {
  if (next_lf < from || next_lf == std::string_view::npos) {
    const void* lf = std::memchr(s.data() + from, '\n', s.size() - from);
    next_lf = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - s.data()) : s.size();
  }
  const void* cr = std::memchr(s.data() + from, '\r', next_lf - from);
  return cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - s.data()) : next_lf;
}

}  // namespace

std::size_t SseFramer::find_event_end(std::string_view chunk, std::size_t from) {
  auto event_ends_at = [this](std::size_t end) {
    at_line_start_ = true;
    after_cr_ = false;
    blank_line_cr_ = false;
    return end;
  };
  if (blank_line_cr_) {  // the event is complete; only its optional final LF was undecided
    return event_ends_at(chunk[from] == '\n' ? from + 1 : from);
  }
  std::size_t next_lf = std::string_view::npos;
  std::size_t i = from;
  while (i < chunk.size()) {
    const char c = chunk[i];
    if (c == '\n') {
      if (after_cr_) {
        after_cr_ = false;  // the LF of a CRLF: that line end was counted at the CR
      } else if (at_line_start_) {
        return event_ends_at(i + 1);
      } else {
        at_line_start_ = true;
      }
      ++i;
    } else if (c == '\r') {
      if (at_line_start_) {
        if (i + 1 == chunk.size()) {
          blank_line_cr_ = true;
          return std::string_view::npos;
        }
        return event_ends_at(chunk[i + 1] == '\n' ? i + 2 : i + 1);
      }
      at_line_start_ = true;
      after_cr_ = true;
      ++i;
    } else {
      at_line_start_ = false;
      after_cr_ = false;
      i = next_line_break(chunk, i, next_lf);
    }
  }
  return std::string_view::npos;
}

Error SseFramer::fail(std::size_t event_bytes) {
  failed_ = true;
  partial_.clear();
  release_large_buffer();
  return make_error(ErrorKind::backend_broken, "SSE event from the backend exceeds the limit of " +
                                                   std::to_string(max_event_bytes_) +
                                                   " bytes (at least " +
                                                   std::to_string(event_bytes) + " bytes seen)");
}

Error SseFramer::refusal() const {
  return make_error(ErrorKind::backend_broken,
                    "SSE stream already failed: an event exceeded the limit of " +
                        std::to_string(max_event_bytes_) + " bytes");
}

void SseFramer::release_large_buffer() {
  if (partial_.capacity() > kRetainedBufferBytes) std::string().swap(partial_);
}

std::optional<std::string> SseFramer::finish() {
  std::optional<std::string> rest;
  if (!failed_ && !partial_.empty()) rest = std::move(partial_);
  partial_ = std::string();
  at_line_start_ = true;
  after_cr_ = false;
  blank_line_cr_ = false;
  failed_ = false;
  return rest;
}

std::optional<std::string> event_data(std::string_view event) {
  std::optional<std::string> data;
  std::size_t pos = 0;
  while (pos < event.size()) {
    std::size_t line_end = event.find_first_of("\r\n", pos);
    if (line_end == std::string_view::npos) line_end = event.size();
    const std::string_view line = event.substr(pos, line_end - pos);
    if (line_end < event.size()) {
      const bool crlf =
          event[line_end] == '\r' && line_end + 1 < event.size() && event[line_end + 1] == '\n';
      pos = line_end + (crlf ? 2 : 1);
    } else {
      pos = event.size();
    }
    if (line.empty()) break;            // the blank line that ends the event
    if (line.front() == ':') continue;  // comment
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    if (field != "data") continue;  // id, event, retry and unknown fields carry no data
    std::string_view value;
    if (colon != std::string_view::npos) {
      value = line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (data) {
      data->push_back('\n');
    } else {
      data.emplace();
    }
    data->append(value);
  }
  return data;
}

}  // namespace qp
