// A recorded vLLM 0.18 stream replayed through SseFramer in every possible way of cutting it gives
// the same events as fed whole, and the events put back together are the stream byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "sse/sse_framer.hpp"
#include "sse/sse_test_support.hpp"

namespace qp {
namespace {

using sse_test::cut_at;
using sse_test::frame_chunks;
using sse_test::frame_whole;
using sse_test::Framed;

constexpr const char* kRecordedStream = "vllm-0.18-thinking-chat.sse";

std::string join(const std::vector<std::string>& parts) {
  std::string all;
  for (const auto& part : parts) all += part;
  return all;
}

class SseFramerRecordedStream : public ::testing::Test {
 protected:
  void SetUp() override {
    stream_ = sse_test::read_stream_file(kRecordedStream);
    ASSERT_GT(stream_.size(), 1000u) << "missing test data " << kRecordedStream;
    whole_ = frame_whole(stream_);
    ASSERT_TRUE(whole_.ok) << whole_.error;
  }
  std::string stream_;
  Framed whole_;
};

TEST_F(SseFramerRecordedStream, WholeStreamGivesEveryEventWithItsBlankLine) {
  // The recording is vLLM's `data: <json>\n\n` framing: one event per "\n\n".
  std::vector<std::string> expected;
  for (std::size_t begin = 0; begin < stream_.size();) {
    const std::size_t end = stream_.find("\n\n", begin) + 2;
    expected.push_back(stream_.substr(begin, end - begin));
    begin = end;
  }
  EXPECT_EQ(whole_.events, expected);
  EXPECT_EQ(join(whole_.events), stream_);
  EXPECT_FALSE(whole_.rest.has_value());
  ASSERT_FALSE(whole_.events.empty());
  EXPECT_EQ(event_data(whole_.events.back()), "[DONE]");
  EXPECT_EQ(event_data(whole_.events.front())->rfind("{\"id\":\"chatcmpl-", 0), 0u);
}

TEST_F(SseFramerRecordedStream, SplitAtEveryByteOffsetGivesSameEvents) {
  for (std::size_t offset = 0; offset <= stream_.size(); ++offset) {
    const Framed split = frame_chunks(cut_at(stream_, {offset}));
    ASSERT_TRUE(split.ok) << "offset " << offset << ": " << split.error;
    ASSERT_EQ(split.events, whole_.events) << "split at offset " << offset;
    ASSERT_FALSE(split.rest.has_value()) << "offset " << offset;
  }
}

TEST_F(SseFramerRecordedStream, OneByteChunksGiveSameEvents) {
  std::vector<std::size_t> offsets;
  for (std::size_t offset = 1; offset < stream_.size(); ++offset) offsets.push_back(offset);
  const Framed split = frame_chunks(cut_at(stream_, offsets));
  EXPECT_EQ(split.events, whole_.events);
  EXPECT_FALSE(split.rest.has_value());
}

TEST_F(SseFramerRecordedStream, RandomChunkingsGiveSameEvents) {
  std::mt19937 random(20260319);  // fixed seed: a failure is reproducible
  for (int round = 0; round < 300; ++round) {
    std::uniform_int_distribution<std::size_t> cut_count(1, 40);
    std::uniform_int_distribution<std::size_t> position(0, stream_.size());
    std::vector<std::size_t> offsets(cut_count(random));
    for (auto& offset : offsets) offset = position(random);
    std::sort(offsets.begin(), offsets.end());  // repeated offsets make empty chunks, on purpose
    const Framed split = frame_chunks(cut_at(stream_, offsets));
    ASSERT_EQ(split.events, whole_.events) << "round " << round;
    ASSERT_FALSE(split.rest.has_value());
  }
}

TEST_F(SseFramerRecordedStream, CrlfFramingSplitAtEveryOffsetGivesSameData) {
  const std::string crlf = sse_test::to_crlf(stream_);
  const Framed crlf_whole = frame_whole(crlf);
  ASSERT_EQ(crlf_whole.events.size(), whole_.events.size());
  EXPECT_EQ(join(crlf_whole.events), crlf);
  for (std::size_t i = 0; i < whole_.events.size(); ++i) {
    EXPECT_EQ(crlf_whole.events[i], sse_test::to_crlf(whole_.events[i]));
    EXPECT_EQ(event_data(crlf_whole.events[i]), event_data(whole_.events[i]));
  }
  for (std::size_t offset = 0; offset <= crlf.size(); ++offset) {
    const Framed split = frame_chunks(cut_at(crlf, {offset}));
    ASSERT_EQ(split.events, crlf_whole.events) << "split at offset " << offset;
    ASSERT_FALSE(split.rest.has_value()) << "offset " << offset;
  }
}

TEST_F(SseFramerRecordedStream, TruncatedStreamLeavesItsLastEventToFinish) {
  const std::size_t last_event_start = stream_.size() - whole_.events.back().size();
  const std::size_t cut = last_event_start + 7;  // inside "data: [DONE]"
  const std::string truncated = stream_.substr(0, cut);
  for (std::size_t offset = 0; offset <= truncated.size(); offset += 97) {
    const Framed split = frame_chunks(cut_at(truncated, {offset}));
    ASSERT_EQ(split.events.size(), whole_.events.size() - 1);
    ASSERT_EQ(split.rest, stream_.substr(last_event_start, cut - last_event_start));
  }
}

}  // namespace
}  // namespace qp
