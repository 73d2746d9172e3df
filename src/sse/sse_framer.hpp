// SseFramer: cuts an SSE byte stream, arriving in arbitrary chunks, into complete events (each one
// ending at a blank line), byte-exact and without knowing anything of JSON. Also event_data(),
// which reads the `data` field of one event per the WHATWG server-sent events rules.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace qp {

class SseFramer {
 public:
  // max_event_bytes: the largest event accepted, counted with its terminating blank line.
  explicit SseFramer(std::size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

  // Feeds the next chunk of the stream and calls on_event(std::string_view event) once per event
  // completed by it, in stream order. An event is its raw bytes INCLUDING the blank line that ends
  // it, so writing every event (then finish()'s remainder) reproduces the stream byte for byte.
  // Line endings may be LF, CRLF or a lone CR, mixed freely. An event may hold no field at all (for
  // example a lone extra blank line); pass such events on unchanged.
  //
  // Ownership: the view handed to on_event is valid only during that call. It points into `chunk`
  // when the whole event lies inside it (no copy), otherwise into the framer's own buffer; on_event
  // must not call feed() or finish() on this framer. Only the incomplete tail of a chunk is copied.
  //
  // An event whose last line ending is a lone CR is handed out when the next byte arrives (or by
  // finish()), since that byte could be the LF of a CRLF.
  //
  // Errors: an event larger than max_event_bytes gives ErrorKind::backend_broken, detected as soon
  // as the bytes seen exceed the cap (the end need not have arrived). The framer then refuses all
  // further input (every later feed() fails, finish() returns nothing). The events before the
  // oversized one have been handed out.
  template <class OnEvent>
  Status feed(std::string_view chunk, OnEvent&& on_event);

  // Ends the stream: returns the bytes of the unfinished event if any (never empty), otherwise
  // nullopt; also nullopt after an error. The framer is then empty and may start a new stream.
  std::optional<std::string> finish();

  bool failed() const { return failed_; }
  std::size_t max_event_bytes() const { return max_event_bytes_; }

 private:
  // Scans chunk from `from` for the end of the current event and returns the offset just past it,
  // or npos when the chunk ends first. Keeps the line state across chunks.
  std::size_t find_event_end(std::string_view chunk, std::size_t from);
  Error fail(std::size_t event_bytes);
  Error refusal() const;
  void release_large_buffer();

  std::size_t max_event_bytes_;
  std::string partial_;         // bytes of the current, unfinished event from earlier chunks
  bool at_line_start_ = true;   // the next byte begins a line (start of event or after a line end)
  bool after_cr_ = false;       // the previous byte was a CR, so a following LF completes a CRLF
  bool blank_line_cr_ = false;  // a blank line ended with CR at the end of partial_: the event is
                                // complete, its last byte (an optional LF) still to be seen
  bool failed_ = false;
};

template <class OnEvent>
Status SseFramer::feed(std::string_view chunk, OnEvent&& on_event) {
  if (failed_) return refusal();
  std::size_t begin = 0;  // first byte of chunk belonging to the current event
  while (begin < chunk.size()) {
    const std::size_t end = find_event_end(chunk, begin);
    if (end == std::string_view::npos) break;
    const std::size_t event_bytes = partial_.size() + (end - begin);
    if (event_bytes > max_event_bytes_) return fail(event_bytes);
    if (partial_.empty()) {
      on_event(chunk.substr(begin, end - begin));
    } else {
      partial_.append(chunk.substr(begin, end - begin));
      on_event(std::string_view(partial_));
      partial_.clear();
      release_large_buffer();
    }
    begin = end;
  }
  const std::string_view tail = chunk.substr(begin);
  if (partial_.size() + tail.size() > max_event_bytes_) return fail(partial_.size() + tail.size());
  partial_.append(tail);
  return Ok{};
}

// The value of the event's `data` field: every `data` line's value (one leading space after the
// colon removed) joined with "\n". Comments, other fields and a missing colon follow the SSE rules.
// nullopt when the event has no `data` line (such an event dispatches nothing in a browser).
// Parsing stops at the first blank line.
std::optional<std::string> event_data(std::string_view event);

}  // namespace qp
