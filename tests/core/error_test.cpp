// Error kinds map to the HTTP statuses the proxy promises; Result carries a value or an error.
#include "core/error.hpp"

#include <gtest/gtest.h>

namespace qp {
namespace {

TEST(ErrorKind, MapsToDocumentedStatuses) {
  EXPECT_EQ(http_status(ErrorKind::bad_request), 400);
  EXPECT_EQ(http_status(ErrorKind::not_found), 404);
  EXPECT_EQ(http_status(ErrorKind::payload_too_large), 413);
  EXPECT_EQ(http_status(ErrorKind::backend_unreachable), 502);
  EXPECT_EQ(http_status(ErrorKind::backend_broken), 502);
  EXPECT_EQ(http_status(ErrorKind::backend_timeout), 504);
  EXPECT_EQ(error_type(ErrorKind::bad_request), "invalid_request_error");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = make_error(ErrorKind::bad_request, "nope", "model");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "nope");
  EXPECT_EQ(bad.error().param, "model");
}

}  // namespace
}  // namespace qp
