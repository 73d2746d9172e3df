// A non-streamed answer the proxy rewrites arrives whole whatever the backend's framing: a
// megabyte answer without Content-Length (chunked, in small pieces) is read, rewritten and sent
// to the client with a Content-Length.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <cstdio>
#include <string>
#include <thread>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A backend that answers one request with `answer`, chunked in pieces of `piece_bytes`, then
// closes. Runs on its own thread; the destructor unblocks a backend that saw no request.
class ChunkedAnswerBackend {
 public:
  ChunkedAnswerBackend(std::string answer, std::size_t piece_bytes)
      : answer_(std::move(answer)),
        piece_bytes_(piece_bytes),
        acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        port_(acceptor_.local_endpoint().port()),
        thread_([this] { serve_one(); }) {}
  ~ChunkedAnswerBackend() {
    boost::system::error_code ignored;  // only there to end a pending accept
    tcp::socket poke(io_);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
    thread_.join();
  }
  ChunkedAnswerBackend(const ChunkedAnswerBackend&) = delete;
  ChunkedAnswerBackend& operator=(const ChunkedAnswerBackend&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  void serve_one() {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    std::string request;
    const std::size_t head_end =
        asio::read_until(socket, asio::dynamic_buffer(request), "\r\n\r\n", ec);
    if (ec) return;
    std::string head = request.substr(0, head_end);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t length_at = head.find("content-length:");
    const std::size_t length =
        length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 15));
    if (request.size() - head_end < length) {
      std::string rest(length - (request.size() - head_end), '\0');
      asio::read(socket, asio::buffer(rest), ec);
      if (ec) return;
    }
    std::string out =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n";
    asio::write(socket, asio::buffer(out), ec);
    for (std::size_t at = 0; !ec && at < answer_.size(); at += piece_bytes_) {
      const std::string piece = answer_.substr(at, piece_bytes_);
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      out = size + piece + "\r\n";
      asio::write(socket, asio::buffer(out), ec);
    }
    if (!ec) asio::write(socket, asio::buffer(std::string("0\r\n\r\n")), ec);
  }

  std::string answer_;
  std::size_t piece_bytes_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_;
  std::thread thread_;
};

TEST(AnswerFraming, ChunkedMegabyteAnswerArrivesWholeAndRewrittenWithContentLength) {
  const std::string content(1 << 20, 'a');
  const std::string answer =
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":")" +
      std::string(kServedModel) +
      R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + content +
      R"(","reasoning_content":null},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}})";
  ChunkedAnswerBackend backend(answer, 1000);
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
