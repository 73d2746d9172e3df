// Throughput of the pure rewrites: parse+rewrite of a small chat request and of a 100 MiB body
// with a base64 image, a small non-streaming chat answer (rewrite and usage), the per-event stream
// rewrite on vLLM 0.18 chunks, and the raw validator.
// Run: cmake --preset release -B build/rel && cmake --build build/rel --target rewrite_bench &&
//      build/rel/bench/rewrite_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "json/validate.hpp"
#include "transform/answer_usage.hpp"
#include "transform/chat_event.hpp"
#include "transform/chat_request.hpp"
#include "transform/chat_response.hpp"

namespace {

qp::Profile thinking_profile() {
  qp::Profile profile;
  profile.virtual_name = "qwen3.5-thinking-general";
  profile.backend_model = "Qwen3.5-35B-A3B";
  const char* names[] = {"temperature",       "top_p", "top_k", "min_p", "presence_penalty",
                         "repetition_penalty"};
  const char* values[] = {"1.0", "0.95", "20", "0.0", "1.5", "1.0"};
  for (int i = 0; i < 6; ++i) profile.params.push_back({names[i], values[i]});
  profile.chat_template_kwargs = {{"enable_thinking", "true", qp::FieldRule::force}};
  return profile;
}

// A ~1.5 KB request shaped like an OpenAI SDK call with one tool and a short history.
std::string small_request() {
  return R"({"model":"qwen3.5-thinking-general","messages":[{"role":"system","content":"You are a )"
         R"(helpful assistant. Answer concisely and cite the tool results you used. Think step )"
         R"(by step when the question needs arithmetic."},{"role":"user","content":"What is )"
         R"(the weather in Paris today, and should I take an umbrella for a walk at 6pm?"},)"
         R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_8d3f0c2a9b1e4f6700)"
         R"(00aa","type":"function","function":{"name":"get_weather","arguments":"{\"city\": )"
         R"(\"Paris\", \"unit\": \"c\"}"}}]},{"role":"tool","tool_call_id":"call_8d3f0c2a9b1)"
         R"(e4f670000aa","content":"{\"temp\": 14, \"rain_probability\": 0.7, \"wind_kmh\": )"
         R"(18, \"summary\": \"light rain from 17:00\"}"}],"tools":[{"type":"function",)"
         R"("function":{"name":"get_weather","description":"Get the current weather and the )"
         R"(forecast for the next hours in a city.","parameters":{"type":"object","properties")"
         R"(:{"city":{"type":"string","description":"City name, e.g. Paris"},"unit":{"type":)"
         R"("string","enum":["c","f"],"description":"Temperature unit"}},"required":["city"]}}}],)"
         R"("tool_choice":"auto","stream":true,"stream_options":{"include_usage":true},)"
         R"("max_tokens":4096,"temperature":0.7,"seed":18446744073709551615,"user":"bench",)"
         R"("metadata":{"session":"7f3a9c1e-5b2d-4e8f-a6c0-d1e2f3a4b5c6","purpose":"weather )"
         R"(assistant benchmark request with a realistic amount of text in it"}})";
}

std::string large_request() {
  std::string image(100u << 20, 'A');
  const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < image.size(); ++i) image[i] = alphabet[(i * 2654435761u) % 64];
  return R"({"model":"qwen3.5-thinking-general","messages":[{"role":"user","content":[{"type":)"
         R"("text","text":"Describe this image."},{"type":"image_url","image_url":{"url":)"
         R"("data:image/png;base64,)" +
         image + R"("}}]}],"max_tokens":512})";
}

void rewrite_request(benchmark::State& state, const std::string& body) {
  const qp::Profile profile = thinking_profile();
  for (auto _ : state) {
    auto parsed = qp::transform::parse_request(body);
    if (!parsed.ok()) state.SkipWithError("parse failed");
    auto out = qp::transform::rewrite_chat_request(*parsed, profile);
    benchmark::DoNotOptimize(out.ok() ? out->body.size() : 0);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void BM_RewriteSmallChatRequest(benchmark::State& state) {
  rewrite_request(state, small_request());
}
BENCHMARK(BM_RewriteSmallChatRequest);

void BM_RewriteLargeRequest(benchmark::State& state) { rewrite_request(state, large_request()); }
BENCHMARK(BM_RewriteLargeRequest)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

void BM_ValidateLarge(benchmark::State& state) {
  const std::string body = large_request();
  for (auto _ : state) benchmark::DoNotOptimize(qp::json::validate(body).ok());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ValidateLarge)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

void BM_ValidateSmall(benchmark::State& state) {
  const std::string body = small_request();
  for (auto _ : state) benchmark::DoNotOptimize(qp::json::validate(body).ok());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ValidateSmall);

// A ~1.5 KB vLLM 0.18 non-streaming chat.completion with reasoning, content and usage.
std::string small_answer() {
  return R"({"id":"chatcmpl-9f2c1a7be04d3e55a1b2c3d4e5f60718","object":"chat.completion",)"
         R"("created":1774000000,"model":"Qwen3.5-35B-A3B","choices":[{"index":0,"message":{)"
         R"("role":"assistant","content":"\n\nIt is 14 \u00b0C in Paris with a 70% chance of )"
         R"(light rain from 17:00, so yes: take an umbrella for a walk at 6pm. The wind is )"
         R"(moderate (18 km/h), so a compact umbrella will do; a light waterproof jacket is a )"
         R"(good alternative if you prefer to keep your hands free.","refusal":null,)"
         R"("annotations":null,"audio":null,"function_call":null,"tool_calls":[],"reasoning":)"
         R"("Thinking Process:\n\n1. The user asks about the weather in Paris today and )"
         R"(whether an umbrella is needed at 6pm.\n2. The tool result says: temp 14, )"
         R"(rain_probability 0.7, wind_kmh 18, summary \"light rain from 17:00\".\n3. 6pm is )"
         R"(after 17:00, so rain is likely during the walk.\n4. A 70% probability is high )"
         R"(enough to recommend an umbrella.\n5. Wind of 18 km/h is moderate; umbrellas work )"
         R"(fine below about 30 km/h.\n6. Answer concisely, cite the tool result (temperature, )"
         R"(rain probability, timing), and give a practical recommendation.\n"},"logprobs":)"
         R"(null,"finish_reason":"stop","stop_reason":null,"token_ids":null}],"service_tier":)"
         R"(null,"system_fingerprint":null,"usage":{"prompt_tokens":412,"total_tokens":603,)"
         R"("completion_tokens":191,"prompt_tokens_details":null},"prompt_logprobs":null,)"
         R"("prompt_token_ids":null,"kv_transfer_params":null})";
}

// What the proxy does with a non-streaming chat answer: read its usage, rewrite it for the client.
// Arg 0: usage_of_answer then rewrite_chat_response; 1: rewrite_chat_answer (one scan for both,
// and the answer left in pieces for the gather write).
void BM_RewriteSmallChatAnswer(benchmark::State& state) {
  const std::string body = small_answer();
  const qp::transform::ResponsePolicy policy{"qwen3.5-thinking-general", false,
                                             qp::ReasoningField::as_is};
  for (auto _ : state) {
    if (state.range(0) == 0) {
      auto usage = qp::transform::usage_of_answer(body);
      std::string out = qp::transform::rewrite_chat_response(body, policy);
      benchmark::DoNotOptimize(usage);
      benchmark::DoNotOptimize(out.data());
    } else {
      auto answer = qp::transform::rewrite_chat_answer(body, policy);
      benchmark::DoNotOptimize(answer.usage);
      benchmark::DoNotOptimize(answer.body);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_RewriteSmallChatAnswer)->Arg(0)->Arg(1);

std::vector<std::string> recorded_events() {
  std::ifstream in(std::string(QWEN35_TESTDATA_DIR) + "/streams/vllm-0.18-thinking-chat.sse",
                   std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  const std::string stream = content.str();
  std::vector<std::string> events;
  for (std::size_t pos = 0; pos < stream.size();) {
    const std::size_t end = stream.find("\n\n", pos);
    const std::size_t next = end == std::string::npos ? stream.size() : end + 2;
    events.push_back(stream.substr(pos, next - pos));
    pos = next;
  }
  return events;
}

// Arg 0: thinking profile, reasoning as sent; 1: instruct profile with reasoning_field=both.
void BM_RewriteChatEvent(benchmark::State& state) {
  const std::vector<std::string> events = recorded_events();
  const qp::transform::ResponsePolicy policy =
      state.range(0) == 0 ? qp::transform::ResponsePolicy{"qwen3.5-thinking-general", false,
                                                          qp::ReasoningField::as_is}
                          : qp::transform::ResponsePolicy{"qwen3.5-instruct-general", true,
                                                          qp::ReasoningField::both};
  std::string out;
  std::size_t bytes = 0;
  std::size_t count = 0;
  for (auto _ : state) {
    for (const std::string& event : events) {
      out.clear();
      qp::transform::rewrite_chat_event(event, policy, out);
      benchmark::DoNotOptimize(out.data());
      bytes += event.size();
    }
    count += events.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(count));
}
BENCHMARK(BM_RewriteChatEvent)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
