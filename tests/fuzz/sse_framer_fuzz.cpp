// Fuzz target for SseFramer: whatever the bytes and however they are cut into chunks, the framer
// hands out the same events, the same error and the same remainder as when fed the input whole, and
// the events plus the remainder are the input byte for byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sse/sse_framer.hpp"

namespace {

struct Outcome {
  std::vector<std::string> events;
  bool ok = true;
  std::optional<std::string> rest;
};

Outcome frame(std::string_view stream, std::size_t cap, const std::vector<std::size_t>& cuts) {
  qp::SseFramer framer(cap);
  Outcome out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= cuts.size() && out.ok; ++i) {
    const std::size_t end = i < cuts.size() ? cuts[i] : stream.size();
    qp::Status status = framer.feed(stream.substr(begin, end - begin), [&](std::string_view e) {
      out.events.emplace_back(e);
      (void)qp::event_data(e);  // must not crash on any event
    });
    out.ok = status.ok();
    begin = end;
  }
  out.rest = framer.finish();
  return out;
}

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

// Input layout: byte 0 picks the cap (small caps exercise the error path), byte 1 seeds the cuts,
// the rest is the stream.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t cap = data[0] < 128 ? data[0] + 1u : (std::size_t{10} << 20);
  std::uint32_t seed = data[1] * 2654435761u + 1;
  const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);

  const Outcome whole = frame(stream, cap, {});
  if (whole.ok) {
    std::string rebuilt;
    for (const auto& event : whole.events) rebuilt += event;
    if (whole.rest) rebuilt += *whole.rest;
    check(rebuilt == stream);
  }
  for (const auto& event : whole.events) check(!event.empty() && event.size() <= cap);

  std::vector<std::size_t> cuts;  // pseudo-random ascending cut points, repeats allowed
  for (std::size_t pos = 0; pos < stream.size();) {
    seed = seed * 1103515245u + 12345u;
    pos += (seed >> 16) % 9;
    if (pos <= stream.size()) cuts.push_back(pos);
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t pos = 1; pos < stream.size(); ++pos) every_byte.push_back(pos);

  for (const auto* split_cuts : {&cuts, &every_byte}) {
    const Outcome split = frame(stream, cap, *split_cuts);
    check(split.ok == whole.ok);
    check(split.events == whole.events);
    check(split.rest == whole.rest);
  }
  return 0;
}
