// Helpers shared by the SSE tests: run a framer over a list of chunks and collect what it hands
// out.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sse/sse_framer.hpp"

namespace qp::sse_test {

struct Framed {
  std::vector<std::string> events;  // copies of every event handed to on_event, in order
  bool ok = true;                   // every feed() succeeded
  std::string error;                // message of the first failing feed()
  std::optional<std::string> rest;  // what finish() returned
};

inline Framed frame_chunks(const std::vector<std::string_view>& chunks,
                           std::size_t max_event_bytes = 10u << 20) {
  SseFramer framer(max_event_bytes);
  Framed out;
  for (std::string_view chunk : chunks) {
    Status status =
        framer.feed(chunk, [&](std::string_view event) { out.events.emplace_back(event); });
    if (!status.ok()) {
      out.ok = false;
      out.error = status.error().message;
      break;
    }
  }
  out.rest = framer.finish();
  return out;
}

inline Framed frame_whole(std::string_view stream, std::size_t max_event_bytes = 10u << 20) {
  return frame_chunks({stream}, max_event_bytes);
}

// Cuts `stream` at the given ascending offsets.
inline std::vector<std::string_view> cut_at(std::string_view stream,
                                            const std::vector<std::size_t>& offsets) {
  std::vector<std::string_view> chunks;
  std::size_t begin = 0;
  for (std::size_t offset : offsets) {
    chunks.push_back(stream.substr(begin, offset - begin));
    begin = offset;
  }
  chunks.push_back(stream.substr(begin));
  return chunks;
}

inline std::string read_stream_file(const std::string& name) {
  std::ifstream in(std::string(QWEN35_TESTDATA_DIR) + "/streams/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces every LF by CRLF.
inline std::string to_crlf(std::string_view lf_text) {
  std::string out;
  for (char c : lf_text) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

}  // namespace qp::sse_test
