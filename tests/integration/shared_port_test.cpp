// Several proxy processes can listen on one port: every listener sets SO_REUSEPORT, so the kernel
// spreads new connections over them. That is how one machine holds more streams than a single
// process's open-files limit allows (bench/many_streams.sh runs two). Two proxies in one test
// process stand in for two processes: the kernel treats their listeners alike.
#include <gtest/gtest.h>

#include "proxy_fixture.hpp"

namespace qp::test {
namespace {

using SharedPort = ProxyFixture;

constexpr const char* kChat =
    R"({"model":"qwen3.5-instruct-general","messages":[{"role":"user","content":"hi"}]})";

TEST_F(SharedPort, TwoProxiesOnOnePortBothServeIt) {
  Config config = proxy_config(sim().port());
  config.port = proxy_port();
  RunningProxy second(std::move(config));
  ASSERT_EQ(second.port(), proxy_port());

  // One connection per request: each new connection goes to one of the two listeners by hash.
  for (int i = 0; i < 32; ++i) {
    ASSERT_EQ(client().post_json("/v1/chat/completions", kChat).status, 200) << "request " << i;
  }
  EXPECT_TRUE(proxy_->wait_for_finished_requests(1)) << "the first proxy served nothing";
  EXPECT_TRUE(second.wait_for_finished_requests(1)) << "the second proxy served nothing";
}

}  // namespace
}  // namespace qp::test
