// JSONTestSuite (tests/testdata/JSONTestSuite/test_parsing) through parse_request and
// rewrite_chat_request: n_ cases are rejected with 400 whole and embedded, y_ cases embedded as an
// extra member are forwarded byte-identical, i_ cases never crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "json/validate.hpp"
#include "transform/chat_request.hpp"
#include "transform/transform_test_support.hpp"

namespace qp::transform {
namespace {

struct SuiteCase {
  std::string name;
  std::string text;
};

std::vector<SuiteCase> suite_cases(std::string_view prefix) {
  std::vector<SuiteCase> cases;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::testdata("JSONTestSuite/test_parsing"))) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix)) cases.push_back({name, testing::read_file(entry.path())});
  }
  return cases;
}

std::string embedded(const std::string& value) {
  return R"({"model":"m","messages":[],"x":)" + value + "}";
}

// A profile that changes nothing the embedding contains except `model`, and one that changes a lot.
Profile identity_profile() {
  Profile profile;
  profile.virtual_name = "m";
  profile.backend_model = "m";
  return profile;
}

TEST(JsonTestSuite, EveryNCaseIsRejectedWholeAndEmbedded) {
  const auto cases = suite_cases("n_");
  ASSERT_GT(cases.size(), 150u);
  for (const SuiteCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto whole = parse_request(c.text);
    ASSERT_FALSE(whole.ok());
    EXPECT_EQ(whole.error().kind, ErrorKind::bad_request);
    auto inside = parse_request(embedded(c.text));
    ASSERT_FALSE(inside.ok());
    EXPECT_EQ(inside.error().kind, ErrorKind::bad_request);
  }
}

TEST(JsonTestSuite, EveryYCaseEmbeddedIsForwardedByteIdentical) {
  const auto cases = suite_cases("y_");
  ASSERT_GT(cases.size(), 90u);
  const Profile real = testing::test_profiles().at("thinking-general");
  for (const SuiteCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string body = embedded(c.text);
    auto parsed = parse_request(body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto same = rewrite_chat_request(*parsed, identity_profile());
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->body.flatten(), body);
    auto changed = rewrite_chat_request(*parsed, real);
    ASSERT_TRUE(changed.ok());
    const std::string out = changed->body.flatten();
    // Members are appended right after the last value, before the whitespace that ends it.
    const std::size_t value_end = c.text.find_last_not_of(" \t\r\n") + 1;
    const std::string expected_middle =
        R"("x":)" + c.text.substr(0, value_end) + R"(,"temperature":1.0,)";
    EXPECT_NE(out.find(expected_middle), std::string::npos);
    EXPECT_TRUE(out.ends_with(c.text.substr(value_end) + "}"));
    EXPECT_TRUE(json::validate(out).ok());
  }
}

TEST(JsonTestSuite, NoICaseCrashes) {
  const auto cases = suite_cases("i_");
  ASSERT_GT(cases.size(), 30u);
  const Profile real = testing::test_profiles().at("thinking-general");
  for (const SuiteCase& c : cases) {
    SCOPED_TRACE(c.name);
    for (const std::string& body : {c.text, embedded(c.text)}) {
      auto parsed = parse_request(body);
      if (!parsed.ok()) {
        EXPECT_EQ(parsed.error().kind, ErrorKind::bad_request);
        continue;
      }
      auto out = rewrite_chat_request(*parsed, real);
      ASSERT_TRUE(out.ok());
      EXPECT_TRUE(json::validate(out->body.flatten()).ok());
    }
  }
}

}  // namespace
}  // namespace qp::transform
