// Tests of the span scanner: member spans, escaped and duplicate keys, long strings, robustness.
#include "json/scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qp::json {
namespace {

TEST(JsonScan, MembersAreSpansOfTheDocument) {
  const std::string doc = R"( { "a" : 1 , "b":[1,{"x":"}"}], "c" :"s\"t", "d":null,"e":true} )";
  auto top = top_level_value(doc);
  ASSERT_TRUE(top);
  auto scan = scan_object(doc, top->begin);
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->whole.in(doc), doc.substr(1, doc.size() - 2));
  ASSERT_EQ(scan->members.size(), 5u);
  struct Expected {
    const char* key;
    const char* value;
    ValueType type;
  };
  const Expected expected[] = {{R"("a")", "1", ValueType::number},
                               {R"("b")", R"([1,{"x":"}"}])", ValueType::array},
                               {R"("c")", R"("s\"t")", ValueType::string},
                               {R"("d")", "null", ValueType::null},
                               {R"("e")", "true", ValueType::boolean}};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(scan->members[i].key.in(doc), expected[i].key);
    EXPECT_EQ(scan->members[i].value.in(doc), expected[i].value);
    EXPECT_EQ(scan->members[i].type, expected[i].type);
  }
}

TEST(JsonScan, EscapedKeyIsComparedUnescaped) {
  const std::string doc = R"({"mod\u0065l":"x","\"q\\":1})";
  auto scan = scan_object(doc, 0);
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->members[0].name, "model");
  EXPECT_EQ(scan->members[0].key.in(doc), R"("mod\u0065l")");
  EXPECT_EQ(scan->members[1].name, "\"q\\");
  ASSERT_NE(scan->last("model"), nullptr);
}

TEST(JsonScan, DuplicateKeysAreAllKeptAndLastWins) {
  const std::string doc = R"({"k":1,"x":0,"k":2})";
  auto scan = scan_object(doc, 0);
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->members.size(), 3u);
  EXPECT_EQ(scan->last_index("k"), 2u);
  EXPECT_EQ(scan->last("k")->value.in(doc), "2");
  EXPECT_EQ(scan->last_index("missing"), npos);
}

TEST(JsonScan, EmptyContainers) {
  auto object = scan_object("{ \n }", 0);
  ASSERT_TRUE(object);
  EXPECT_TRUE(object->members.empty());
  EXPECT_EQ(object->whole.end, 5u);
  auto array = scan_array("[ ]", 0);
  ASSERT_TRUE(array);
  EXPECT_TRUE(array->empty());
}

TEST(JsonScan, ArrayElements) {
  const std::string doc = R"([1, "a]", {"b":[]} ,null])";
  auto elements = scan_array(doc, 0);
  ASSERT_TRUE(elements);
  ASSERT_EQ(elements->size(), 4u);
  EXPECT_EQ((*elements)[1].value.in(doc), R"("a]")");
  EXPECT_EQ((*elements)[2].value.in(doc), R"({"b":[]})");
  EXPECT_EQ((*elements)[2].type, ValueType::object);
}

TEST(JsonScan, BackslashesBeforeAQuote) {
  // "\\" ends the string; "\\\"" does not.
  const std::string doc = R"({"a":"x\\","b":"y\\\"z"})";
  auto scan = scan_object(doc, 0);
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->members[0].value.in(doc), R"("x\\")");
  EXPECT_EQ(scan->members[1].value.in(doc), R"("y\\\"z")");
}

TEST(JsonScan, LongStringIsOneValue) {
  std::string doc = R"({"model":"m","image":")";
  doc.append(8u << 20, 'A');
  doc.append(R"(","n":1})");
  auto scan = scan_object(doc, 0);
  ASSERT_TRUE(scan);
  ASSERT_EQ(scan->members.size(), 3u);
  EXPECT_EQ(scan->members[1].value.size(), (8u << 20) + 2);
  EXPECT_EQ(scan->members[2].value.in(doc), "1");
}

TEST(JsonScan, MalformedStructureIsRejectedWithoutOverrun) {
  const char* cases[] = {
      "{",           R"({"a")",    R"({"a":)",     R"({"a":1)", R"({"a":1,})",     R"({"a":"x)",
      R"({"a":[1})", R"({"a" 1})", R"({"a":tru})", "{1:2}",     R"({"a":1 "b":2})"};
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(scan_object(text, 0));
  }
  EXPECT_FALSE(scan_array("[1,]", 0));
  EXPECT_FALSE(scan_array("[1", 0));
  EXPECT_FALSE(top_level_value("{} x"));
  EXPECT_FALSE(top_level_value("   "));
}

}  // namespace
}  // namespace qp::json
