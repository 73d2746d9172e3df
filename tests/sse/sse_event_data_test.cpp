// event_data() reads the `data` field of one SSE event by the WHATWG rules.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "sse/sse_framer.hpp"

namespace qp {
namespace {

struct DataCase {
  const char* event;
  std::optional<std::string> data;
};

TEST(SseEventData, FollowsTheSpecLineByLine) {
  const DataCase cases[] = {
      {"data: {\"a\":1}\n\n", "{\"a\":1}"},
      {"data:no-space\n\n", "no-space"},
      {"data:  two spaces\n\n", " two spaces"},  // only one space is removed
      {"data: first\ndata: second\n\n", "first\nsecond"},
      {"data: first\r\ndata:\r\ndata: third\r\n\r\n", "first\n\nthird"},
      {"data\n\n", ""},              // no colon: the whole line is the field name
      {"data\ndata: x\n\n", "\nx"},  // an empty data line still adds a line
      {": comment\ndata: x\n: more\n\n", "x"},
      {"id: 3\nevent: delta\nretry: 10\ndata: x\n\n", "x"},
      {"datax: y\nDATA: z\ndata : w\n\n", std::nullopt},  // not the `data` field
      {"event: ping\n\n", std::nullopt},
      {": only a comment\n\n", std::nullopt},
      {"\n", std::nullopt},
      {"", std::nullopt},
      {"data: a\rdata: b\r\r", "a\nb"},
      {"data: a: b\n\n", "a: b"},              // only the first colon separates
      {"data: unterminated", "unterminated"},  // finish() remainder
      {"data: x\n\ndata: after blank\n\n", "x"},
  };
  for (const DataCase& c : cases) {
    EXPECT_EQ(event_data(c.event), c.data) << "event: " << ::testing::PrintToString(c.event);
  }
}

TEST(SseEventData, KeepsNonAsciiAndEscapesUntouched) {
  EXPECT_EQ(event_data("data: {\"c\":\"caf\xC3\xA9 \\n \xF0\x9F\x87\xAB\"}\n\n"),
            "{\"c\":\"caf\xC3\xA9 \\n \xF0\x9F\x87\xAB\"}");
}

}  // namespace
}  // namespace qp
