// A non-streamed answer the proxy rewrites arrives whole whatever the backend's framing: a
// megabyte answer without Content-Length (chunked, in small pieces) is read, rewritten and sent
// to the client with a Content-Length.
#include <gtest/gtest.h>

#include <boost/asio/write.hpp>
#include <string>

#include "one_shot_backend.hpp"
#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

namespace asio = boost::asio;

// Answers with `answer`, chunked in pieces of `piece_bytes`, then closes.
void write_chunked_answer(OneShotBackend::Socket& socket, const std::string& answer,
                          std::size_t piece_bytes) {
  boost::system::error_code ec;
  asio::write(socket,
              asio::buffer(std::string("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                       "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")),
              ec);
  for (std::size_t at = 0; !ec && at < answer.size(); at += piece_bytes) {
    asio::write(socket, asio::buffer(http_chunk(answer.substr(at, piece_bytes))), ec);
  }
  if (!ec) asio::write(socket, asio::buffer(std::string("0\r\n\r\n")), ec);
}

TEST(AnswerFraming, ChunkedMegabyteAnswerArrivesWholeAndRewrittenWithContentLength) {
  const std::string content(1 << 20, 'a');
  const std::string answer =
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":")" +
      std::string(kServedModel) +
      R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + content +
      R"(","reasoning_content":null},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}})";
  OneShotBackend backend([&](auto& socket) { write_chunked_answer(socket, answer, 1000); });
  RunningProxy proxy(proxy_config(backend.port()));
  HttpTestClient client(proxy.port());

  const auto response = client.post_json(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})");

  ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
  EXPECT_EQ(response.header("content-length"), std::to_string(response.body.size()));
  EXPECT_EQ(response.header("transfer-encoding"), "");
  EXPECT_NE(response.body.find(R"("content":")" + content + R"(")"), std::string::npos);
  EXPECT_NE(response.body.find(R"("model":"qwen3.5-instruct-general")"), std::string::npos);
  EXPECT_EQ(response.body.find(kServedModel), std::string::npos);
}

}  // namespace
}  // namespace qp::test
