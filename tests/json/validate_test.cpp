// Tests of whole-document validation and of the top-level scan made on the way. The JSONTestSuite
// cases are in tests/transform/json_test_suite_test.cpp; the fuzz target json_validate compares
// every verdict with simdjson's.
#include "json/validate.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qp::json {
namespace {

TEST(JsonValidate, AcceptsValidDocuments) {
  for (std::string_view text :
       {R"({"a":[1,2.5e3,"x",null,true,{}]})", " [] ", "1", "\"\xc3\xa9\"", "-0", "0.5E-3",
        R"(["\ud83d\ude00", "\u00e9\/\b\f\n\r\t\"\\"])", "\"\xf0\x9f\x98\x80\xe2\x82\xac\"",
        " \t\r\n{ \"k\" : [ ] , \"l\" : { } } \n"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(validate(text).ok());
  }
}

TEST(JsonValidate, RejectsMalformedValuesAnywhere) {
  using namespace std::string_view_literals;
  const std::string_view cases[] = {R"({"x":{"a":tru}})",
                                    "[1.]",
                                    "[01]",
                                    R"(["\u00zz"])",
                                    R"({"a":-})",
                                    "{} {}",
                                    "",
                                    "{\"a\":\"\xff\"}",
                                    R"({"a":1,})",
                                    "[1] x",
                                    "[1,]",
                                    R"({"a" 1})",
                                    R"({a:1})",
                                    "[.5]",
                                    "[1e]",
                                    "[\"a\x1f\"]",
                                    "[\"\\x\"]",
                                    "{\"a\":1",
                                    "[\"abc",
                                    "\xef\xbb\xbf[1]",
                                    "[1]\0"sv};
  for (std::string_view text : cases) {
    SCOPED_TRACE(text);
    Status status = validate(text);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, ErrorKind::bad_request);
    EXPECT_FALSE(status.error().message.empty());
  }
}

TEST(JsonValidate, RejectsTextThatIsNotUtf8) {
  for (std::string_view text : {
           "\"\xc0\xaf\"",          // overlong '/'
           "\"\xe0\x80\xaf\"",      // overlong, three bytes
           "\"\xed\xa0\x80\"",      // an encoded UTF-16 surrogate
           "\"\xf4\x90\x80\x80\"",  // past U+10FFFF
           "\"\xc3\"",              // truncated sequence
           "\"\x80\"",              // lone continuation byte
       }) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(validate(text).ok());
  }
}

TEST(JsonValidate, RejectsUnpairedSurrogateEscapes) {
  for (std::string_view text :
       {R"(["\ud800"])", R"(["\udc00"])", R"(["\ud800\u0041"])", R"(["\ud800x"])"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(validate(text).ok());
  }
  EXPECT_TRUE(validate(R"(["\ud800\udc00"])").ok());
}

TEST(JsonValidate, NumbersAreCheckedForGrammarNotRange) {
  // Python's json (vLLM) reads these; the backend decides what they mean.
  for (std::string_view text : {"[1e400]", "[18446744073709551616]", "[-1e-400]"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(validate(text).ok());
  }
}

TEST(JsonValidate, NestingIsLimitedToMaxDepth) {
  const std::string deepest = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  EXPECT_TRUE(validate(deepest).ok());
  const std::string deeper = "[" + deepest + "]";
  Status status = validate(deeper);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("deeper than 1024"), std::string::npos);
}

TEST(JsonValidate, MessageSaysWhatAndWhere) {
  Status status = validate(R"({"a":1 "b":2})");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "expected ',' or '}' after an object member (at byte 7)");
}

TEST(JsonValidateAndScan, FindsTheTopLevelMembersLikeTheScanner) {
  const std::string doc =
      R"( {"model":"m", "mod\u0065l" : [1,{"x":[]}], "n":null,"o":{},"s":"a\"b","t":true} )";
  auto scanned = validate_and_scan(doc);
  ASSERT_TRUE(scanned.ok()) << scanned.error().message;
  ASSERT_TRUE(scanned->has_value());
  const ObjectScan& object = **scanned;
  auto expected = scan_top_level_object(doc);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(object.whole.begin, expected->whole.begin);
  EXPECT_EQ(object.whole.end, expected->whole.end);
  ASSERT_EQ(object.members.size(), expected->members.size());
  for (std::size_t i = 0; i < object.members.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(object.members[i].key.in(doc), expected->members[i].key.in(doc));
    EXPECT_EQ(object.members[i].value.in(doc), expected->members[i].value.in(doc));
    EXPECT_EQ(object.members[i].type, expected->members[i].type);
    EXPECT_EQ(object.members[i].name, expected->members[i].name);
  }
  EXPECT_EQ(object.members[1].name, "model");
  EXPECT_EQ(object.members[1].value.in(doc), R"([1,{"x":[]}])");
  EXPECT_EQ(object.last("model"), &object.members[1]);
}

TEST(JsonValidateAndScan, AnythingButAnObjectHasNoMembers) {
  for (std::string_view text : {"[1]", "\"s\"", "3", "null"}) {
    SCOPED_TRACE(text);
    auto scanned = validate_and_scan(text);
    ASSERT_TRUE(scanned.ok());
    EXPECT_FALSE(scanned->has_value());
  }
  auto empty = validate_and_scan(" {} ");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty->has_value());
  EXPECT_TRUE((*empty)->members.empty());
  EXPECT_EQ((*empty)->whole.begin, 1u);
  EXPECT_EQ((*empty)->whole.end, 3u);
}

TEST(JsonValidateAndScan, InvalidDocumentsGiveNoScan) {
  EXPECT_FALSE(validate_and_scan(R"({"a":1,"b":[}])").ok());
  EXPECT_FALSE(validate_and_scan(R"({"a":1} x)").ok());
}

}  // namespace
}  // namespace qp::json
