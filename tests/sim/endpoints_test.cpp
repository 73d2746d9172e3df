// The non-chat endpoints: health, version, models, metrics, tokenize/detokenize, completions, and
// the --help text of the built binary.
#include <cstdio>

#include "sim_fixture.hpp"

namespace qp::sim::test {
namespace {

class Endpoints : public SimTest {};

TEST_F(Endpoints, HealthIsEmptyAndCanBeMadeUnhealthy) {
  auto c = client();
  auto r = c.get("/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(c.post_json("/sim/health", R"({"healthy":false})").status, 200);
  r = c.get("/health");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "");
  c.post_json("/sim/health", R"({"healthy":true})");
  EXPECT_EQ(c.get("/health").status, 200);
}

TEST_F(Endpoints, VersionModelsAndUnknownPath) {
  auto c = client();
  EXPECT_EQ(c.get("/version").body, R"({"version":"0.18.0"})");
  auto r = c.get("/v1/models");
  static const std::regex shape(
      R"re(\{"object":"list","data":\[\{"id":"Qwen3.5-35B-A3B","object":"model","created":\d+,"owned_by":"vllm",)re"
      R"re("root":"Qwen/Qwen3.5-35B-A3B","parent":null,"max_model_len":262144,"permission":\[\{"id":"modelperm-[0-9a-f]{16}",)re"
      R"re("object":"model_permission","created":\d+,"allow_create_engine":false,"allow_sampling":true,)re"
      R"re("allow_logprobs":true,"allow_search_indices":false,"allow_view":true,"allow_fine_tuning":false,)re"
      R"re("organization":"\*","group":null,"is_blocking":false\}\]\}\]\})re");
  EXPECT_TRUE(std::regex_match(r.body, shape)) << r.body;
  r = c.get("/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"detail":"Not Found"})");
  EXPECT_EQ(c.get("/v1/chat/completions").status, 405);
}

TEST_F(Endpoints, MetricsReportCacheDtypeWithSortedLabels) {
  auto o = fast_options();
  o.kv_cache_dtype = "fp8_e4m3";
  start(o);
  auto r = client().get("/metrics");
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(r.body, m, std::regex(R"(\nvllm:cache_config_info\{([^}]*)\} 1\.0\n)")))
      << r.body;
  const std::string labels = m[1];
  EXPECT_NE(labels.find(R"(cache_dtype="fp8_e4m3")"), std::string::npos) << labels;
  std::vector<std::string> names;
  static const std::regex label(R"(([a-z_]+)="[^"]*")");
  for (std::sregex_iterator it(labels.begin(), labels.end(), label), end; it != end; ++it) {
    names.push_back((*it)[1]);
  }
  EXPECT_GT(names.size(), 5u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(
      r.body.find(R"(vllm:num_requests_running{engine="0",model_name="Qwen3.5-35B-A3B"} 0.0)"),
      std::string::npos);
}

TEST_F(Endpoints, TokenizeCountsDependOnEnableThinking) {
  auto c = client();
  const std::string msgs = R"("messages":[{"role":"user","content":"Hello world"}])";
  auto on = Json(c.post_json("/tokenize", "{" + msgs + "}").body);
  auto off = Json(
      c.post_json("/tokenize", "{" + msgs + R"(,"chat_template_kwargs":{"enable_thinking":false}})")
          .body);
  std::int64_t n_on = 0, n_off = 0, max_len = 0;
  ASSERT_EQ(on.root["count"].get_int64().get(n_on), simdjson::SUCCESS);
  ASSERT_EQ(off.root["count"].get_int64().get(n_off), simdjson::SUCCESS);
  ASSERT_EQ(on.root["max_model_len"].get_int64().get(max_len), simdjson::SUCCESS);
  EXPECT_EQ(max_len, 262144);
  EXPECT_GT(n_off, n_on);  // "<think>\n\n</think>\n\n" instead of "<think>\n"
  simdjson::dom::array tokens;
  ASSERT_EQ(on.root["tokens"].get_array().get(tokens), simdjson::SUCCESS);
  EXPECT_EQ(static_cast<std::int64_t>(tokens.size()), n_on);
  EXPECT_TRUE(on.root["token_strs"].is_null());
}

TEST_F(Endpoints, TokenizeDetokenizeRoundTrip) {
  auto c = client();
  auto r =
      c.post_json("/tokenize", R"({"prompt":"Grüß Gott, <think>ok","return_token_strs":true})");
  ASSERT_EQ(r.status, 200);
  Json j(r.body);
  simdjson::dom::array tokens;
  ASSERT_EQ(j.root["tokens"].get_array().get(tokens), simdjson::SUCCESS);
  EXPECT_TRUE(j.root["token_strs"].is_array());
  std::string ids;
  for (auto t : tokens) ids += (ids.empty() ? "" : ",") + std::to_string(int64_t(t));
  r = c.post_json("/detokenize", R"({"tokens":[)" + ids + "]}");
  EXPECT_EQ(r.body, R"({"prompt":"Grüß Gott, <think>ok"})");
  r = c.post_json("/detokenize", R"({"tokens":[999999999]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(c.post_json("/tokenize", R"({"model":"x","prompt":"a"})").status, 404);
}

TEST_F(Endpoints, CompletionsNonStreamingShape) {
  auto r = client().post_json("/v1/completions",
                              R"({"prompt":"The capital of France is","max_tokens":3})",
                              {{"X-Request-Id", "c1"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(
      normalize(r.body),
      R"({"id":"cmpl-c1","object":"text_completion","created":0,"model":"Qwen3.5-35B-A3B",)"
      R"("choices":[{"index":0,"text":" This is a","logprobs":null,"finish_reason":"length",)"
      R"("stop_reason":null,"token_ids":null,"prompt_logprobs":null,"prompt_token_ids":null}],)"
      R"("service_tier":null,"system_fingerprint":null,"usage":{"prompt_tokens":12,)"
      R"("total_tokens":15,"completion_tokens":3,"prompt_tokens_details":null},"kv_transfer_params":null})");
}

TEST_F(Endpoints, CompletionsStreamingShape) {
  auto c = client();
  c.send("POST", "/v1/completions",
         R"({"prompt":"Hi","stream":true,"stream_options":{"include_usage":true}})",
         {{"X-Request-Id", "c2"}, {"x-sim-tokens", "2"}});
  c.read_headers();
  std::vector<std::string> events;
  for (auto& e : c.all_events()) events.push_back(normalize(e));
  const std::string head =
      R"({"id":"cmpl-c2","object":"text_completion","created":0,"model":"Qwen3.5-35B-A3B","choices":[)";
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0],
            head +
                R"({"index":0,"text":" This","logprobs":null,"finish_reason":null,)"
                R"("stop_reason":null,"prompt_token_ids":null,"token_ids":null}],"usage":null})");
  EXPECT_EQ(events[1],
            head +
                R"({"index":0,"text":" is","logprobs":null,"finish_reason":"stop",)"
                R"("stop_reason":null,"prompt_token_ids":null,"token_ids":null}],"usage":null})");
  EXPECT_EQ(events[2],
            head + R"(],"usage":{"prompt_tokens":1,"total_tokens":3,"completion_tokens":2}})");
  EXPECT_EQ(events[3], "[DONE]");
}

TEST(SimBinary, HelpListsEveryOption) {
  std::FILE* p = ::popen(VLLM_SIM_BINARY " --help", "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0);
  for (const char* opt :
       {"--host", "--port", "--threads", "--served-model-name", "--model", "--max-model-len",
        "--kv-cache-dtype", "--vllm-version", "--ttft-ms", "--tpot-ms", "--tokens",
        "--keep-alive-timeout-s", "--api-key", "--misplace-nonthinking-answer", "--stats-keep"}) {
    EXPECT_NE(out.find(opt), std::string::npos) << opt << "\n" << out;
  }
}

}  // namespace
}  // namespace qp::sim::test
