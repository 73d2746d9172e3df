// Credential-like query parameters are redacted in logged request targets; nothing else changes.
#include "log/redact_query.hpp"

#include <gtest/gtest.h>

namespace qp::log {
namespace {

TEST(RedactQuery, CredentialParametersLoseTheirValues) {
  struct Case {
    const char* target;
    const char* logged;
  };
  for (const Case& c : {
           Case{"/v1/models", "/v1/models"},
           Case{"/v1/models?", "/v1/models?"},
           Case{"/x?api_key=sk-1", "/x?api_key=[REDACTED]"},
           Case{"/x?a=1&Access_Token=t&b=2", "/x?a=1&Access_Token=[REDACTED]&b=2"},
           Case{"/x?key=&x-auth=z&", "/x?key=[REDACTED]&x-auth=[REDACTED]&"},
           Case{"/x?keyless&limit=5", "/x?keyless&limit=5"},
           Case{"/x?q=api_key%3Dsk", "/x?q=api_key%3Dsk"},
       }) {
    EXPECT_EQ(redact_query_credentials(c.target), c.logged) << c.target;
  }
}

TEST(RedactQuery, SecretNamesInAnyCase) {
  for (const char* name : {"key", "API_KEY", "token", "client_secret", "Password", "auth"}) {
    EXPECT_TRUE(is_secret_query_parameter(name)) << name;
  }
  for (const char* name : {"model", "limit", "q", ""}) {
    EXPECT_FALSE(is_secret_query_parameter(name)) << name;
  }
}

}  // namespace
}  // namespace qp::log
