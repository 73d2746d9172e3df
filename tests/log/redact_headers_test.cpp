// Tests of header redaction: credentials never survive, everything else is kept byte for byte.
#include "log/redact_headers.hpp"

#include <gtest/gtest.h>

namespace qp::log {
namespace {

TEST(RedactHeaders, SecretHeaderNamesInAnyCase) {
  for (std::string_view name : {"Authorization", "authorization", "AUTHORIZATION", "x-api-key",
                                "X-Api-Key", "Proxy-Authorization", "proxy-AUTHORIZATION"}) {
    EXPECT_TRUE(is_secret_header(name)) << name;
    EXPECT_EQ(redacted_header_value(name, "sk-secret"), kRedactedValue);
  }
  for (std::string_view name :
       {"Content-Type", "X-Request-Id", "Authorization2", "x-api-keys", "api-key-hint", ""}) {
    EXPECT_FALSE(is_secret_header(name)) << name;
    EXPECT_EQ(redacted_header_value(name, "value"), "value");
  }
}

TEST(RedactHeaders, ReplacesSecretValuesAndKeepsTheRest) {
  const std::string block =
      "POST /v1/chat/completions HTTP/1.1\r\n"
      "Host: localhost:9000\r\n"
      "authorization: Bearer sk-live-123\r\n"
      "X-API-KEY:sk-bare-456\r\n"
      "Proxy-Authorization:   Basic dXNlcjpwYXNz  \r\n"
      "Content-Type: application/json\r\n"
      "\r\n";
  const std::string redacted = redact_headers(block);
  EXPECT_EQ(redacted,
            "POST /v1/chat/completions HTTP/1.1\r\n"
            "Host: localhost:9000\r\n"
            "authorization: [REDACTED]\r\n"
            "X-API-KEY:[REDACTED]\r\n"
            "Proxy-Authorization:   [REDACTED]\r\n"
            "Content-Type: application/json\r\n"
            "\r\n");
  for (std::string_view secret : {"sk-live-123", "sk-bare-456", "dXNlcjpwYXNz", "Bearer"}) {
    EXPECT_EQ(redacted.find(secret), std::string::npos) << secret;
  }
}

TEST(RedactHeaders, HandlesBareNewlinesFoldedLinesAndNoFinalNewline) {
  EXPECT_EQ(redact_headers("A: 1\nAuthorization : k1\n\tcontinued-k2\nB: 2\n x\nx-api-key: k3"),
            "A: 1\nAuthorization : [REDACTED]\nB: 2\n x\nx-api-key: [REDACTED]");
  EXPECT_EQ(redact_headers(""), "");
  EXPECT_EQ(redact_headers("Authorization:\r\n"), "Authorization:[REDACTED]\r\n");
  EXPECT_EQ(redact_headers("no colon here\n"), "no colon here\n");
}

}  // namespace
}  // namespace qp::log
