// BackendResponseParser: the head's fields as received (through growth of its text and folded
// values), and the body copied into lent storage across framings, pieces and limits.
#include "net/backend_response_parser.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace qp::net {
namespace {

std::vector<std::string> field_lines(const BackendResponseParser& parser) {
  std::vector<std::string> lines;
  for (const HeadField& field : parser.fields()) {
    lines.push_back(std::string(field.name_string) + "=" + std::string(field.value));
  }
  return lines;
}

// Feeds `raw` whole, then takes the body through storage of `piece` bytes at a time.
std::string parse_body(BackendResponseParser& parser, std::string_view raw, std::size_t piece) {
  std::string body;
  std::vector<char> storage(piece);
  std::size_t used = 0;
  while (!parser.is_done()) {
    parser.lend_body_storage(storage);
    error_code ec;
    const std::size_t n = parser.put(asio::buffer(raw.data() + used, raw.size() - used), ec);
    used += n;
    body.append(storage.data(), storage.size() - parser.body_room());
    if (ec && ec != http::error::need_buffer) {
      ADD_FAILURE() << ec.message();
      break;
    }
    if (n == 0 && parser.body_room() == storage.size()) break;  // no progress
  }
  return body;
}

TEST(BackendResponseParser, KeepsStatusAndFieldsAsReceived) {
  BackendResponseParser parser;
  parser.skip(true);
  const std::string_view raw =
      "HTTP/1.1 201 Made\r\ncontent-type: text/event-stream\r\nX-Custom:  v1 \r\n"
      "Content-Type: ignored-second\r\nx-custom: v2\r\n\r\n";
  error_code ec;
  parser.put(asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(parser.status(), 201u);
  EXPECT_EQ(field_lines(parser),
            (std::vector<std::string>{"content-type=text/event-stream", "X-Custom=v1",
                                      "Content-Type=ignored-second", "x-custom=v2"}));
  EXPECT_EQ(parser.fields()[0].name, http::field::content_type);
  EXPECT_EQ(parser.fields()[1].name, http::field::unknown);
  EXPECT_EQ(parser.value_of(http::field::content_type), "text/event-stream");  // the first
  EXPECT_EQ(parser.value_of(http::field::server), "");
}

TEST(BackendResponseParser, FieldsStayValidWhenTheirTextGrows) {
  std::string raw = "HTTP/1.1 200 OK\r\n";
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {  // about 2 KB of fields: the text grows several times
    const std::string name = "X-Field-" + std::to_string(i);
    const std::string value(i + 20, static_cast<char>('a' + i % 26));
    raw += name + ": " + value + "\r\n";
    expected.push_back(name + "=" + value);
  }
  raw += "\r\n";
  BackendResponseParser parser;
  parser.skip(true);
  error_code ec;
  parser.put(asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(field_lines(parser), expected);
}

TEST(BackendResponseParser, FoldedValueIsKeptUnfolded) {
  BackendResponseParser parser;
  parser.skip(true);
  const std::string_view raw = "HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\nServer: s\r\n\r\n";
  error_code ec;
  parser.put(asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_EQ(parser.fields().size(), 2u);
  EXPECT_EQ(parser.fields()[0].name_string, "X-Folded");
  EXPECT_EQ(parser.fields()[0].value.substr(0, 3), "one");
  EXPECT_EQ(parser.fields()[0].value.substr(parser.fields()[0].value.size() - 3), "two");
  EXPECT_EQ(parser.value_of(http::field::server), "s");
}

TEST(BackendResponseParser, ContentLengthBodyArrivesThroughSmallStorage) {
  const std::string_view raw = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello worldEXTRA";
  BackendResponseParser parser;
  error_code ec;
  const std::size_t head = parser.put(asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_header_done());
  EXPECT_EQ(parse_body(parser, raw.substr(head), 4), "hello world");
  EXPECT_TRUE(parser.is_done());
  EXPECT_TRUE(parser.keep_alive());
}

TEST(BackendResponseParser, ChunkedBodyIsDecoded) {
  const std::string_view raw =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\ndata:\r\n7;ext=1\r\n event\n\r\n0\r\n\r\n";
  for (std::size_t piece : {1u, 3u, 64u}) {
    SCOPED_TRACE(piece);
    BackendResponseParser parser;
    error_code ec;
    const std::size_t head = parser.put(asio::buffer(raw.data(), raw.size()), ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_TRUE(parser.chunked());
    EXPECT_EQ(parse_body(parser, raw.substr(head), piece), "data: event\n");
    EXPECT_TRUE(parser.is_done());
  }
}

TEST(BackendResponseParser, WithoutStorageTheBodyWaits) {
  const std::string_view raw = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  BackendResponseParser parser;
  error_code ec;
  const std::size_t head = parser.put(asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec);
  const std::size_t taken = parser.put(asio::buffer(raw.data() + head, raw.size() - head), ec);
  EXPECT_EQ(ec, http::error::need_buffer);
  EXPECT_EQ(taken, 0u);
  EXPECT_FALSE(parser.is_done());
}

TEST(BackendResponseParser, OversizedHeadIsRefused) {
  std::string raw = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(9000, 'x') + "\r\n\r\n";
  BackendResponseParser parser;
  error_code ec;
  parser.put(asio::buffer(raw.data(), raw.size()), ec);
  EXPECT_EQ(ec, http::error::header_limit);
}

}  // namespace
}  // namespace qp::net
