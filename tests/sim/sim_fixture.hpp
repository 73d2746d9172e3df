// Shared helpers for the simulator tests: fast server options, output normalisation, JSON access.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <memory>
#include <regex>
#include <string>

#include "server.hpp"
#include "sim_client.hpp"

namespace qp::sim::test {

// Small pacing so that the whole suite stays fast.
inline SimOptions fast_options() {
  SimOptions o;
  o.port = 0;
  o.ttft_ms = 5;
  o.tpot_ms = 1;
  o.tokens = 12;
  return o;
}

// `"created":<n>` becomes `"created":0` so that whole bodies can be compared.
inline std::string normalize(const std::string& s) {
  static const std::regex created(R"("created":\d+)");
  return std::regex_replace(s, created, R"("created":0)");
}

inline std::string user_chat(const std::string& text, const std::string& extra = "") {
  return R"({"model":"Qwen3.5-35B-A3B","messages":[{"role":"user","content":")" + text + "\"}]" +
         extra + "}";
}

// Parses `json` (test fails on invalid JSON) and keeps the parser alive with the document.
struct Json {
  explicit Json(const std::string& json) : padded(json) {
    const auto err = parser.parse(padded).get(root);
    EXPECT_EQ(err, simdjson::SUCCESS) << json;
  }
  simdjson::padded_string padded;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

inline std::uint64_t stat(const std::string& stats_json, const char* key) {
  Json j(stats_json);
  std::uint64_t v = 0;
  EXPECT_EQ(j.root[key].get_uint64().get(v), simdjson::SUCCESS) << key;
  return v;
}

class SimTest : public ::testing::Test {
 protected:
  void start(SimOptions o = fast_options()) { server_ = std::make_unique<SimServer>(std::move(o)); }
  SimClient client() {
    if (!server_) start();
    return SimClient(server_->port());
  }
  std::unique_ptr<SimServer> server_;
};

}  // namespace qp::sim::test
