// SseFramer behaviour on hand-written streams: line endings, fields kept verbatim, the partial
// event at end of stream, the size cap, empty chunks and the no-copy promise.
#include "sse/sse_framer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sse/sse_test_support.hpp"

namespace qp {
namespace {

using sse_test::cut_at;
using sse_test::frame_chunks;
using sse_test::frame_whole;
using sse_test::Framed;
using Events = std::vector<std::string>;

// Feeds `stream` whole and cut at every offset and checks that all give `expected`.
void expect_events_for_any_split(const std::string& stream, const Events& expected,
                                 const std::optional<std::string>& expected_rest = std::nullopt) {
  for (std::size_t offset = 0; offset <= stream.size(); ++offset) {
    const Framed split = frame_chunks(cut_at(stream, {offset}));
    ASSERT_TRUE(split.ok) << split.error;
    EXPECT_EQ(split.events, expected) << "split at offset " << offset;
    EXPECT_EQ(split.rest, expected_rest) << "split at offset " << offset;
  }
}

TEST(SseFramer, CommentsAndIdEventRetryLinesStayInTheEvent) {
  const std::string event =
      ": keep-alive\nid: 7\nevent: message\nretry: 1500\nx-unknown: y\ndata: {\"a\":1}\n\n";
  expect_events_for_any_split(event + "data: [DONE]\n\n", {event, "data: [DONE]\n\n"});
  EXPECT_EQ(event_data(event), "{\"a\":1}");
}

TEST(SseFramer, CrlfEventsEndAtBlankCrlfLine) {
  expect_events_for_any_split("data: a\r\nid: 1\r\n\r\ndata: b\r\n\r\n",
                              {"data: a\r\nid: 1\r\n\r\n", "data: b\r\n\r\n"});
}

TEST(SseFramer, LoneCrLineEndingsAreAccepted) {
  expect_events_for_any_split("data: a\r\rdata: b\r\r\n", {"data: a\r\r", "data: b\r\r\n"});
}

TEST(SseFramer, MixedLineEndingsInOneStream) {
  expect_events_for_any_split("data: a\r\ndata: b\n\rdata: c\r\n\ndata: d\n\r\n",
                              {"data: a\r\ndata: b\n\r", "data: c\r\n\n", "data: d\n\r\n"});
  EXPECT_EQ(event_data("data: a\r\ndata: b\n\r"), "a\nb");
}

TEST(SseFramer, EventEndingInLoneCrWaitsForNextByte) {
  SseFramer framer(1024);
  Events events;
  auto collect = [&](std::string_view event) { events.emplace_back(event); };
  ASSERT_TRUE(framer.feed("data: a\n\r", collect).ok());
  EXPECT_TRUE(events.empty()) << "the next byte may be the LF of a CRLF";
  ASSERT_TRUE(framer.feed("\ndata: b\n\r", collect).ok());
  EXPECT_EQ(events, (Events{"data: a\n\r\n"}));
  ASSERT_TRUE(framer.feed("data: c", collect).ok());
  EXPECT_EQ(events, (Events{"data: a\n\r\n", "data: b\n\r"}));
  EXPECT_EQ(framer.finish(), "data: c");
}

TEST(SseFramer, LfAfterCrIsOneLineEndNotABlankLine) {
  expect_events_for_any_split("data: a\r\ndata: b\r\n", {}, "data: a\r\ndata: b\r\n");
}

TEST(SseFramer, ExtraBlankLinesBecomeEmptyEventsSoNoByteIsLost) {
  expect_events_for_any_split("\ndata: a\n\n\r\n\ndata: b\n\n",
                              {"\n", "data: a\n\n", "\r\n", "\n", "data: b\n\n"});
  EXPECT_EQ(event_data("\r\n"), std::nullopt);
}

TEST(SseFramer, PartialEventAtEndOfStreamIsReturnedByFinish) {
  expect_events_for_any_split("data: a\n\ndata: {\"cut\":", {"data: a\n\n"}, "data: {\"cut\":");
  expect_events_for_any_split("data: a\n\ndata: b\n", {"data: a\n\n"}, "data: b\n");
}

TEST(SseFramer, FinishWithNothingLeftReturnsNothingAndResets) {
  SseFramer framer(64);
  EXPECT_EQ(framer.finish(), std::nullopt);
  int count = 0;
  ASSERT_TRUE(framer.feed("data: x", [&](std::string_view) { ++count; }).ok());
  EXPECT_EQ(framer.finish(), "data: x");
  EXPECT_EQ(framer.finish(), std::nullopt);
  ASSERT_TRUE(framer.feed("\n", [&](std::string_view) { ++count; }).ok());
  EXPECT_EQ(count, 1) << "after finish() a new stream starts, so a lone LF is a blank event";
}

TEST(SseFramer, EmptyChunksChangeNothing) {
  const std::string stream = "data: a\n\ndata: b\n\n";
  const Framed split = frame_chunks({"", "data: a\n", "", "", "\ndata: b\n", "", "\n", ""});
  EXPECT_EQ(split.events, (Events{"data: a\n\n", "data: b\n\n"}));
  EXPECT_FALSE(split.rest.has_value());
  EXPECT_FALSE(frame_chunks({"", ""}).rest.has_value());
}

TEST(SseFramer, EventInsideOneChunkIsHandedOutWithoutCopy) {
  const std::string chunk = "data: a\n\ndata: b\n\ndata: c";
  SseFramer framer(1024);
  std::vector<const char*> starts;
  ASSERT_TRUE(framer.feed(chunk, [&](std::string_view e) { starts.push_back(e.data()); }).ok());
  EXPECT_EQ(starts, (std::vector<const char*>{chunk.data(), chunk.data() + 9}));
}

TEST(SseFramer, EventAtExactlyTheCapIsAccepted) {
  const std::string event = "data: " + std::string(10, 'x') + "\n\n";  // 18 bytes
  expect_events_for_any_split(event + event, {event, event});
  const Framed at_cap = frame_whole(event + event, event.size());
  EXPECT_TRUE(at_cap.ok);
  EXPECT_EQ(at_cap.events.size(), 2u);
}

TEST(SseFramer, EventOverTheCapIsAnErrorWhicheverTheSplit) {
  const std::string small = "data: ok\n\n";
  const std::string big = "data: " + std::string(100, 'x') + "\n\n";
  const std::string stream = small + big + small;
  for (std::size_t offset = 0; offset <= stream.size(); ++offset) {
    const Framed split = frame_chunks(cut_at(stream, {offset}), big.size() - 1);
    ASSERT_FALSE(split.ok) << "offset " << offset;
    EXPECT_EQ(split.events, (Events{small})) << "offset " << offset;
    EXPECT_NE(split.error.find("exceeds the limit of 107 bytes"), std::string::npos) << split.error;
    EXPECT_FALSE(split.rest.has_value());
  }
}

TEST(SseFramer, OversizedUnfinishedEventFailsBeforeItsEnd) {
  SseFramer framer(16);
  auto ignore = [](std::string_view) {};
  ASSERT_TRUE(framer.feed("data: 0123456789", ignore).ok());  // 16 bytes: still allowed
  Status over = framer.feed("a", ignore);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().kind, ErrorKind::backend_broken);
  EXPECT_TRUE(framer.failed());
}

TEST(SseFramer, RefusesInputAfterTheCapWasExceeded) {
  SseFramer framer(8);
  int events = 0;
  auto count = [&](std::string_view) { ++events; };
  ASSERT_FALSE(framer.feed("data: far too long\n\n", count).ok());
  Status again = framer.feed("\n\n", count);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("already failed"), std::string::npos);
  EXPECT_EQ(events, 0);
  EXPECT_EQ(framer.finish(), std::nullopt);
}

}  // namespace
}  // namespace qp
