// A backend for tests that need exact control of the bytes of an answer: it accepts one
// connection, reads one request (head and Content-Length body), and hands the socket to `answer`,
// which writes whatever the test needs. Runs on its own thread; the destructor unblocks a backend
// that saw no request and waits for `answer` to return.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>

namespace qp::test {

class OneShotBackend {
 public:
  using Socket = boost::asio::ip::tcp::socket;

  explicit OneShotBackend(std::function<void(Socket&)> answer)
      : answer_(std::move(answer)),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        port_(acceptor_.local_endpoint().port()),
        thread_([this] { serve_one(); }) {}
  ~OneShotBackend() {
    boost::system::error_code ignored;  // only there to end a pending accept
    Socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ignored);
    thread_.join();
  }
  OneShotBackend(const OneShotBackend&) = delete;
  OneShotBackend& operator=(const OneShotBackend&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  void serve_one() {
    boost::system::error_code ec;
    Socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    std::string request;
    const std::size_t head_end =
        boost::asio::read_until(socket, boost::asio::dynamic_buffer(request), "\r\n\r\n", ec);
    if (ec) return;
    std::string head = request.substr(0, head_end);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t length_at = head.find("content-length:");
    const std::size_t length =
        length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 15));
    if (request.size() - head_end < length) {
      std::string rest(length - (request.size() - head_end), '\0');
      boost::asio::read(socket, boost::asio::buffer(rest), ec);
      if (ec) return;
    }
    answer_(socket);
  }

  std::function<void(Socket&)> answer_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_;
  std::thread thread_;
};

// `bytes` as one chunk of chunked transfer coding.
inline std::string http_chunk(const std::string& bytes) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
  return size + bytes + "\r\n";
}

}  // namespace qp::test
