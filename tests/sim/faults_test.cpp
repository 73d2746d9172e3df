// x-sim-fault behaviours, the --misplace-nonthinking-answer flag, --api-key and keep-alive expiry.
#include "sim_fixture.hpp"

namespace qp::sim::test {
namespace {

using namespace std::chrono_literals;
const std::string kStream = R"(,"stream":true)";
const std::string kNoThink = R"(,"chat_template_kwargs":{"enable_thinking":false})";

class Faults : public SimTest {};

TEST_F(Faults, DropAfterEventsClosesWithoutTerminator) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", kStream),
         {{"x-sim-fault", "drop-after-events=2"}});
  c.read_headers();
  auto events = c.all_events();
  EXPECT_EQ(events.size(), 2u);
  EXPECT_TRUE(c.stream_broken());
  EXPECT_FALSE(c.stream_complete());
  EXPECT_TRUE(server_->wait_for_stats(
      [](const StatsSnapshot& s) { return s.generations_faulted == 1; }, 5s));
}

TEST_F(Faults, StatusAnswersWithVllmErrorBody) {
  auto r =
      client().post_json("/v1/chat/completions", user_chat("hi"), {{"x-sim-fault", "status=503"}});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, R"({"error":{"message":"Simulated error 503","type":"ServiceUnavailableError",)"
                    R"("param":null,"code":503}})");
  r = client().get("/v1/models");  // a new connection; faults are per request
  EXPECT_EQ(r.status, 200);
}

TEST_F(Faults, StallBeforeHeadersSendsNothingAndHoldsTheConnection) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi"),
         {{"x-sim-fault", "stall-before-headers"}});
  auto ending = c.read_until_close(300ms);
  EXPECT_FALSE(ending.closed);
  EXPECT_TRUE(ending.data.empty()) << ending.data;
  EXPECT_EQ(server_->stats().generations_started, 0u);
}

TEST_F(Faults, ErrorEventAfterSendsSpacedErrorLineThenDone) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("hi", kStream),
         {{"x-sim-fault", "error-event-after=2"}});
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_NE(events[0].find(R"("role":"assistant")"), std::string::npos);
  EXPECT_EQ(events[2],
            R"({"error": {"message": "Internal server error", "type": "InternalServerError", )"
            R"("param": null, "code": 500}})");
  EXPECT_EQ(events[3], "[DONE]");
  EXPECT_TRUE(c.stream_complete());
  EXPECT_TRUE(c.get("/health").status == 200);  // the connection stays usable
}

TEST_F(Faults, CloseBetweenRequestsClosesAfterAKeepAliveResponse) {
  auto c = client();
  auto r = c.post_json("/v1/chat/completions", user_chat("hi"),
                       {{"x-sim-fault", "close-between-requests"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(r.headers.count("connection"), 0u);
  EXPECT_TRUE(c.closed_by_server(5s));
}

TEST_F(Faults, MisplaceAnswerPutsNonThinkingAnswerIntoReasoning) {
  auto c = client();
  auto r = c.post_json("/v1/chat/completions", user_chat("Hello", kNoThink),
                       {{"x-sim-fault", "misplace-answer"}, {"x-sim-tokens", "3"}});
  EXPECT_NE(r.body.find(R"("content":null,)"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("reasoning":"Simulated answer:"})"), std::string::npos) << r.body;
  auto s = c.post_json("/v1/chat/completions", user_chat("Hello", kNoThink + kStream),
                       {{"x-sim-fault", "misplace-answer"}, {"x-sim-tokens", "2"}});
  auto events = split_sse(s.body);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_NE(events[1].find(R"("delta":{"reasoning":"Simulated"})"), std::string::npos) << events[1];
}

TEST_F(Faults, CombinedFaultsApplyTogether) {
  auto c = client();
  c.send("POST", "/v1/chat/completions", user_chat("Hello", kNoThink + kStream),
         {{"x-sim-fault", "misplace-answer, drop-after-events=3"}});
  c.read_headers();
  auto events = c.all_events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_NE(events[2].find(R"("delta":{"reasoning":" answer"})"), std::string::npos) << events[2];
  EXPECT_TRUE(c.stream_broken());
}

TEST_F(Faults, MisplaceFlagAppliesToEveryNonThinkingRequest) {
  auto o = fast_options();
  o.misplace_nonthinking_answer = true;
  start(o);
  auto c = client();
  auto r =
      c.post_json("/v1/chat/completions", user_chat("Hello", kNoThink), {{"x-sim-tokens", "3"}});
  EXPECT_NE(r.body.find(R"("content":null,)"), std::string::npos) << r.body;
  r = c.post_json("/v1/chat/completions", user_chat("Hello"), {{"x-sim-tokens", "3"}});
  EXPECT_NE(r.body.find(R"("content":"\n\n")"), std::string::npos)
      << r.body;  // thinking: unaffected
}

TEST_F(Faults, ApiKeyGuardsOnlyV1) {
  auto o = fast_options();
  o.api_key = "sekret";
  start(o);
  auto c = client();
  auto r = c.get("/v1/models");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, R"({"error":"Unauthorized"})");
  r = c.request("GET", "/v1/models", "", {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(r.status, 401);
  r = c.request("GET", "/v1/models", "", {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(r.status, 200);
  r = c.post_json("/v1/chat/completions", user_chat("hi"));
  EXPECT_EQ(r.status, 401);
  r = c.post_json("/v1/chat/completions", user_chat("hi"), {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(c.post_json("/tokenize", R"({"prompt":"hi"})").status, 200);
  EXPECT_EQ(c.get("/health").status, 200);
}

TEST_F(Faults, IdleKeepAliveConnectionIsClosedAfterTimeout) {
  auto o = fast_options();
  o.keep_alive_timeout_s = 0.3;
  start(o);
  auto c = client();
  EXPECT_EQ(c.get("/health").status, 200);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_server(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 250ms);
}

}  // namespace
}  // namespace qp::sim::test
