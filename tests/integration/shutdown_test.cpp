// Graceful shutdown and the connection cap: streams in flight finish, new work is refused cleanly.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <thread>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using Shutdown = ProxyFixture;

// Waits (up to 5 s) until the proxy has accepted `count` connections.
bool wait_until_open_connections(net::Server& server, std::size_t count) {
  for (int i = 0; i < 500 && server.open_connections() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return server.open_connections() >= count;
}

TEST_F(Shutdown, StreamInFlightCompletesDuringGracefulShutdown) {
  auto http = client();
  auto head = http.start_stream(
      "/v1/chat/completions",
      R"({"model":"qwen3.5-instruct-general","stream":true,"messages":[{"role":"user","content":"hi"}]})",
      {{"x-sim-tokens", "20"}, {"x-sim-tpot-ms", "20"}});
  ASSERT_EQ(head.status, 200);
  ASSERT_TRUE(http.next_event().has_value());
  proxy_->server().shutdown(std::chrono::seconds(30));
  const std::string rest = http.read_rest();
  EXPECT_NE(rest.find("data: [DONE]\n\n"), std::string::npos) << rest;
  proxy_->server().wait();  // returns once the last connection has ended
  EXPECT_EQ(proxy_->server().open_connections(), 0u);
  EXPECT_THROW(client().request("GET", "/health"), std::exception);  // no longer listening
}

TEST_F(Shutdown, IdleKeepAliveConnectionsEndAtOnce) {
  auto idle = client();
  ASSERT_EQ(idle.request("GET", "/health").status, 200);  // keeps its connection open, idle
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket silent(io);  // open, not a byte sent yet
  silent.connect({boost::asio::ip::address_v4::loopback(), proxy_port()});
  ASSERT_TRUE(wait_until_open_connections(proxy_->server(), 2));
  const auto started = std::chrono::steady_clock::now();
  proxy_->server().shutdown(std::chrono::seconds(60));
  proxy_->server().wait();  // returns once the last connection has ended
  // The drain closes idle connections when it starts; it does not wait out the grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(proxy_->server().open_connections(), 0u);
}

TEST_F(Shutdown, ConnectionsOverTheCapGet503) {
  Config config = proxy_config(0);
  config.max_connections = 1;
  start_with(fast_sim_options(), config);
  auto first = client();
  ASSERT_EQ(first.request("GET", "/health").status, 200);  // keeps its connection open
  auto second = client();
  auto refused = second.request("GET", "/health");
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("Too many open connections"), std::string::npos);
  EXPECT_EQ(first.request("GET", "/health").status, 200);
}

}  // namespace
}  // namespace qp::test
