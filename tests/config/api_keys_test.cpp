// API keys: key files and lists, validation that never echoes a key, constant-time comparison and
// the look-ups used by the request-time check.
#include "config/api_keys.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
#include "config/config_test_support.hpp"
#include "core/constant_time.hpp"

namespace qp {
namespace {

using config_test::error_of;

TEST(KeysEqual, ComparesWholeKeys) {
  EXPECT_TRUE(keys_equal("sk-abc", "sk-abc"));
  EXPECT_TRUE(keys_equal("", ""));
  EXPECT_FALSE(keys_equal("sk-abd", "sk-abc"));   // last byte differs
  EXPECT_FALSE(keys_equal("tk-abc", "sk-abc"));   // first byte differs
  EXPECT_FALSE(keys_equal("sk-ab", "sk-abc"));    // presented is a prefix
  EXPECT_FALSE(keys_equal("sk-abcd", "sk-abc"));  // expected is a prefix
  EXPECT_FALSE(keys_equal("", "sk-abc"));
  EXPECT_FALSE(keys_equal("sk-abc", ""));
  EXPECT_FALSE(keys_equal(std::string_view("a\0", 2), "a"));  // a trailing NUL is not padding
  EXPECT_FALSE(keys_equal("a", std::string_view("a\0", 2)));
  const std::string long_key(4096, 'k');
  EXPECT_TRUE(keys_equal(long_key, std::string(4096, 'k')));
  EXPECT_FALSE(keys_equal(long_key, std::string(4095, 'k') + "j"));
  // Every single-bit difference at every position is detected.
  const std::string expected = "sk-0123456789";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string presented = expected;
      presented[i] = static_cast<char>(presented[i] ^ (1 << bit));
      EXPECT_FALSE(keys_equal(presented, expected)) << i << " " << bit;
    }
  }
}

Config config_with_keys(std::vector<ApiKey> keys) {
  Config config;
  config.api_keys = std::move(keys);
  return config;
}

TEST(FindApiKey, ReturnsTheMatchingKeyOrNull) {
  const Config config = config_with_keys({{"", "sk-one"}, {"alice", "sk-two"}, {"bob", "sk-3"}});
  EXPECT_EQ(find_api_key(config, "sk-one"), &config.api_keys[0]);
  EXPECT_EQ(find_api_key(config, "sk-two"), &config.api_keys[1]);
  EXPECT_EQ(find_api_key(config, "sk-3"), &config.api_keys[2]);
  EXPECT_EQ(find_api_key(config, "sk-tw"), nullptr);
  EXPECT_EQ(find_api_key(config, "sk-two "), nullptr);
  EXPECT_EQ(find_api_key(config, ""), nullptr);
  EXPECT_EQ(find_api_key(Config{}, "sk-one"), nullptr);
}

TEST(KeyMayUse, AllowedKeysLimitAProfileToNamedKeys) {
  Profile open;
  Profile limited;
  limited.allowed_keys = {"alice"};
  const ApiKey alice{"alice", "sk-a"};
  const ApiKey bob{"bob", "sk-b"};
  const ApiKey unnamed{"", "sk-u"};
  EXPECT_TRUE(key_may_use(open, &bob));
  EXPECT_TRUE(key_may_use(open, nullptr));
  EXPECT_TRUE(key_may_use(limited, &alice));
  EXPECT_FALSE(key_may_use(limited, &bob));
  EXPECT_FALSE(key_may_use(limited, &unnamed));
  EXPECT_FALSE(key_may_use(limited, nullptr));
}

TEST(ApiKeyFile, ReadsKeysNamesCommentsAndBlankLines) {
  const std::string text =
      "# team keys\n"
      "sk-plain\n"
      "\n"
      "   \t\n"
      "alice:sk-alice\r\n"
      "  bob : sk-bob:with:colons  \n"
      "  # indented comment\n"
      "last-without-newline";
  const std::vector<ApiKey> keys = parse_api_key_file(text, "keys.txt");
  const std::vector<ApiKey> expected = {{"", "sk-plain"},
                                        {"alice", "sk-alice"},
                                        {"bob", "sk-bob:with:colons"},
                                        {"", "last-without-newline"}};
  EXPECT_EQ(keys, expected);
  EXPECT_TRUE(parse_api_key_file("", "keys.txt").empty());
  EXPECT_TRUE(parse_api_key_file("# only comments\n\n", "keys.txt").empty());
}

TEST(ApiKeyFile, ErrorsGiveTheLineButNeverTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"sk-good\nsk bad-secret\n", "keys.txt:2"},          // a space inside the key
      {"sk-good\n\nalice:\n", "keys.txt:3"},               // a name without a key
      {":sk-bad-secret\n", "keys.txt:1"},                  // a key without a name
      {"al ice:sk-bad-secret\n", "keys.txt:1"},            // a name with a space
      {"sk-good\nsk-bad-secret\x01\n", "keys.txt:2"},      // a control character
      {"sk-good\nsk-bad-secret\xC3\xA9\n", "keys.txt:2"},  // not ASCII
  };
  for (const auto& [text, where] : cases) {
    const std::string message = error_of([&] { (void)parse_api_key_file(text, "keys.txt"); });
    EXPECT_EQ(message.rfind(std::string(where) + ":", 0), 0u) << message;
    EXPECT_EQ(message.find("bad-secret"), std::string::npos) << message;
  }
}

TEST(ApiKeyFile, AMissingFileIsAnError) {
  const std::string message =
      error_of([] { (void)read_api_key_file("/nonexistent/keys.txt", "flag --api-key-file"); });
  EXPECT_NE(message.find("flag --api-key-file"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/keys.txt"), std::string::npos) << message;
}

TEST(ApiKeyList, SplitsOnCommasAndTrims) {
  const std::vector<ApiKey> expected = {{"", "sk-1"}, {"", "sk-2"}, {"", "sk-3"}};
  EXPECT_EQ(split_api_key_list("sk-1, sk-2 ,sk-3", "env"), expected);
  EXPECT_EQ(split_api_key_list("sk-1", "env").size(), 1u);
  for (const char* bad : {"sk-secret,,sk-2", "sk-secret,", ",sk-secret"}) {
    const std::string message = error_of([&] { (void)split_api_key_list(bad, "env"); });
    EXPECT_NE(message.find("env"), std::string::npos) << message;
    EXPECT_EQ(message.find("sk-secret"), std::string::npos) << message;
  }
}

TEST(ApiKeys, DuplicatesAreRefusedWithoutShowingTheKey) {
  std::string message = error_of([] {
    check_api_keys_distinct({{"", "sk-same"}, {"alice", "sk-same"}});
  });
  EXPECT_NE(message.find("unnamed key #1"), std::string::npos) << message;
  EXPECT_NE(message.find("key \"alice\""), std::string::npos) << message;
  EXPECT_EQ(message.find("sk-same"), std::string::npos) << message;
  message = error_of([] { check_api_keys_distinct({{"alice", "sk-1"}, {"alice", "sk-2"}}); });
  EXPECT_NE(message.find("\"alice\""), std::string::npos) << message;
  EXPECT_EQ(error_of([] { check_api_keys_distinct({{"", "sk-1"}, {"", "sk-2"}}); }), "");
}

}  // namespace
}  // namespace qp
