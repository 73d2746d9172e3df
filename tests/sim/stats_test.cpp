// /sim/stats and /sim/reset: request log exactly as received, and generations counted as aborted
// when the client goes away mid-stream, before the first token, or during a non-streaming wait.
#include "sim_fixture.hpp"

namespace qp::sim::test {
namespace {

using namespace std::chrono_literals;

class Stats : public SimTest {
 protected:
  bool wait_aborted(std::uint64_t n) {
    return server_->wait_for_stats(
        [n](const StatsSnapshot& s) { return s.generations_aborted == n; }, 5s);
  }
};

TEST_F(Stats, LastRequestsRecordHeadersAndBodyAsReceived) {
  auto c = client();
  const std::string body = "{\"prompt\": \"caf\xc3\xa9\\n\",  \"max_tokens\":1}";
  c.post_json("/v1/completions", body, {{"X-Custom", "Value 1"}});
  auto r = c.get("/sim/stats");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(stat(r.body, "requests"), 1u);
  EXPECT_EQ(stat(r.body, "connections_accepted"), 1u);
  EXPECT_EQ(stat(r.body, "generations_completed"), 1u);
  Json j(r.body);
  simdjson::dom::element last;
  ASSERT_EQ(j.root["last_requests"].at(0).get(last), simdjson::SUCCESS);
  std::string_view v;
  ASSERT_EQ(last["method"].get_string().get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "POST");
  ASSERT_EQ(last["target"].get_string().get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "/v1/completions");
  ASSERT_EQ(last["headers"]["X-Custom"].get_string().get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "Value 1");
  ASSERT_EQ(last["body"].get_string().get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, body);

  EXPECT_EQ(c.post_json("/sim/reset", "").status, 200);
  r = c.get("/sim/stats");
  EXPECT_EQ(stat(r.body, "requests"), 0u);
  EXPECT_NE(r.body.find(R"("last_requests":[])"), std::string::npos) << r.body;
}

TEST_F(Stats, ClientClosingMidStreamAbortsTheGeneration) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", R"(,"stream":true)"),
         {{"x-sim-tpot-ms", "2000"}});
  c.read_headers();
  ASSERT_TRUE(c.next_event().has_value());  // role chunk
  ASSERT_TRUE(c.next_event().has_value());  // first token
  c.close();
  EXPECT_TRUE(wait_aborted(1));
  auto stats = client().get("/sim/stats").body;
  EXPECT_EQ(stat(stats, "generations_aborted"), 1u);
  EXPECT_EQ(stat(stats, "generations_completed"), 0u);
  EXPECT_EQ(stat(stats, "generations_running"), 0u);
}

TEST_F(Stats, ClientClosingBeforeTheFirstTokenAbortsTheGeneration) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", R"(,"stream":true)"),
         {{"x-sim-ttft-ms", "60000"}});
  EXPECT_EQ(c.read_headers().status, 200);  // headers go out before the first token
  ASSERT_TRUE(server_->wait_for_stats(
      [](const StatsSnapshot& s) { return s.generations_running == 1; }, 5s));
  const auto t0 = std::chrono::steady_clock::now();
  c.close();
  EXPECT_TRUE(wait_aborted(1));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
}

TEST_F(Stats, ClientClosingDuringNonStreamingWaitAbortsTheGeneration) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi"), {{"x-sim-ttft-ms", "60000"}});
  ASSERT_TRUE(server_->wait_for_stats(
      [](const StatsSnapshot& s) { return s.generations_running == 1; }, 5s));
  c.close();
  EXPECT_TRUE(wait_aborted(1));
  auto stats = client().get("/sim/stats").body;
  EXPECT_EQ(stat(stats, "generations_aborted"), 1u);
}

}  // namespace
}  // namespace qp::sim::test
