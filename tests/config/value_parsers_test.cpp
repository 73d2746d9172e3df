// The value parsers accept exactly the documented spellings.
#include "config/value_parsers.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace qp {
namespace {

TEST(ConfigValueParsers, GoBoolSpellings) {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"}) EXPECT_TRUE(parse_go_bool(yes));
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"}) EXPECT_FALSE(parse_go_bool(no));
  for (const char* bad : {"", "tRuE", "yes", "on", " true", "2"}) {
    EXPECT_THROW(parse_go_bool(bad), ConfigError) << bad;
  }
}

TEST(ConfigValueParsers, UnsignedIsDigitsOnlyWithinRange) {
  EXPECT_EQ(parse_unsigned("0", 0, 10), 0u);
  EXPECT_EQ(parse_unsigned("0010", 0, 10), 10u);
  for (const char* bad : {"", "+1", "-1", " 1", "1 ", "11", "1e1", "0x1", "18446744073709551616"}) {
    EXPECT_THROW(parse_unsigned(bad, 0, 10), ConfigError) << bad;
  }
}

TEST(ConfigValueParsers, LogLevelsInAnyCase) {
  EXPECT_EQ(parse_log_level("COMPLETE"), LogLevel::complete);
  EXPECT_EQ(parse_log_level("debug"), LogLevel::debug);
  EXPECT_EQ(parse_log_level("Info"), LogLevel::info);
  EXPECT_EQ(parse_log_level("WARN"), LogLevel::warn);
  EXPECT_EQ(parse_log_level("error"), LogLevel::error);
  EXPECT_THROW(parse_log_level("WARNING"), ConfigError);
}

TEST(ConfigValueParsers, ReasoningFieldModes) {
  EXPECT_EQ(parse_reasoning_field("as-is"), ReasoningField::as_is);
  EXPECT_EQ(parse_reasoning_field("reasoning"), ReasoningField::reasoning);
  EXPECT_EQ(parse_reasoning_field("reasoning_content"), ReasoningField::reasoning_content);
  EXPECT_EQ(parse_reasoning_field("both"), ReasoningField::both);
  EXPECT_THROW(parse_reasoning_field("as_is"), ConfigError);
}

struct TargetCase {
  const char* text;
  const char* host;
  std::uint16_t port;
  const char* host_header;
};

TEST(ConfigValueParsers, TargetsGiveHostAndPort) {
  const TargetCase cases[] = {
      {"http://127.0.0.1:8000", "127.0.0.1", 8000, "127.0.0.1:8000"},
      {"http://127.0.0.1:8000/", "127.0.0.1", 8000, "127.0.0.1:8000"},
      {"HTTP://vllm:8001", "vllm", 8001, "vllm:8001"},
      {"http://vllm.example.org", "vllm.example.org", 80, "vllm.example.org:80"},
      {"http://[::1]:8000", "::1", 8000, "[::1]:8000"},
      {"http://[fe80::1]", "fe80::1", 80, "[fe80::1]:80"},
  };
  for (const TargetCase& c : cases) {
    const BackendAddress address = parse_target(c.text);
    EXPECT_EQ(address.host, c.host) << c.text;
    EXPECT_EQ(address.port, c.port) << c.text;
    EXPECT_EQ(address.host_header(), c.host_header) << c.text;
  }
  for (const char* bad : {"", "vllm:8000", "http://", "http://vllm:", "http://vllm:80:90",
                          "http://[::1", "http://[nothex]:80", "http://[::1]x", "http://a b:80",
                          "http://vllm:8000?x=1", "http://vllm:8000#f", "unix:///tmp/s"}) {
    EXPECT_THROW(parse_target(bad), ConfigError) << bad;
  }
}

TEST(ConfigValueParsers, ListenAddressIsAnIpLiteral) {
  EXPECT_EQ(parse_listen_address("0.0.0.0"), "0.0.0.0");
  EXPECT_EQ(parse_listen_address("::"), "::");
  EXPECT_EQ(parse_listen_address("localhost"), "127.0.0.1");
  for (const char* bad : {"", "example.org", "1.2.3", "[::1]"}) {
    EXPECT_THROW(parse_listen_address(bad), ConfigError) << bad;
  }
}

}  // namespace
}  // namespace qp
