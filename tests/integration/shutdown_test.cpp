// Graceful shutdown and the connection cap: streams in flight finish, new work is refused cleanly.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using Shutdown = ProxyFixture;

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
