// Tests of whole-document validation, including what simdjson On-Demand would have skipped.
#include "json/validate.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qp::json {
namespace {

TEST(JsonValidate, AcceptsValidDocuments) {
  Validator validator;
  for (std::string_view text :
       {R"({"a":[1,2.5e3,"x",null,true,{}]})", " [] ", "1", "\"\xc3\xa9\""}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(validator.validate(text).ok());
  }
}

TEST(JsonValidate, RejectsMalformedValuesAnywhere) {
  Validator validator;
  for (std::string_view text : {R"({"x":{"a":tru}})", "[1.]", "[01]", R"(["\u00zz"])", R"({"a":-})",
                                "{} {}", "", "{\"a\":\"\xff\"}", R"({"a":1,})", "[1] x"}) {
    SCOPED_TRACE(text);
    Status status = validator.validate(text);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, ErrorKind::bad_request);
    EXPECT_FALSE(status.error().message.empty());
  }
}

TEST(JsonValidate, PaddedInputNeedsNoCopy) {
  std::string buffer = R"({"a":1})";
  const std::size_t size = buffer.size();
  buffer.append(kPadding, '\0');
  Validator validator;
  EXPECT_TRUE(validator.validate_padded(std::string_view(buffer.data(), size)).ok());
  buffer[3] = 'x';
  EXPECT_FALSE(validator.validate_padded(std::string_view(buffer.data(), size)).ok());
}

}  // namespace
}  // namespace qp::json
