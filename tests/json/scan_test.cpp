// Tests of the span scanner: member spans, escaped and duplicate keys, long strings, robustness.
#include "json/scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "json/string.hpp"

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

TEST(JsonScan, EscapedKeyNamesSurviveCopiesAndMoves) {
  const std::string doc = R"({"plain":1,"a\u00e9b":2,"\u0074op_p":3})";
  std::optional<ObjectScan> copy;
  {
    auto scan = scan_object(doc, 0);
    ASSERT_TRUE(scan);
    EXPECT_EQ(scan->members[0].decoded_name, nullptr);  // no escape: a view, no allocation
    EXPECT_NE(scan->members[1].decoded_name, nullptr);
    copy = *scan;
    ObjectScan moved = std::move(*scan);
    EXPECT_EQ(moved.members[2].name, "top_p");
  }
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->members[0].name, "plain");
  EXPECT_EQ(copy->members[1].name,
            "a\xc3\xa9"
            "b");
  EXPECT_EQ(copy->last_index("top_p"), 2u);
}

// The string end as the JSON rules define it, one byte at a time.
std::size_t reference_string_end(std::string_view doc, std::size_t at) {
  for (std::size_t pos = at + 1; pos < doc.size(); ++pos) {
    if (doc[pos] == '\\') {
      ++pos;
    } else if (doc[pos] == '"') {
      return pos + 1;
    }
  }
  return npos;
}

TEST(JsonScan, StringEndsAtEveryLengthAndEscapePosition) {
  // Strings around the 16-byte blocks and the 64-byte short-string limit, with escaped quotes,
  // escaped backslashes and a backslash right before the document ends.
  for (std::size_t length = 0; length < 150; ++length) {
    for (const std::size_t escape_at :
         {npos, std::size_t{0}, std::size_t{15}, std::size_t{16}, std::size_t{62}, std::size_t{63},
          std::size_t{64}, std::size_t{65}, length / 2, length}) {
      for (const char* escape : {"\\\"", "\\\\", "\\\\\\\"", "\\"}) {
        std::string text(length, 'x');
        if (escape_at != npos && escape_at <= length) text.insert(escape_at, escape);
        for (const char* after : {"\"", "\"}", "", "\\"}) {
          const std::string doc = "\"" + text + after;
          SCOPED_TRACE(doc);
          const std::size_t expected = reference_string_end(doc, 0);
          const auto end = value_end(doc, 0);
          EXPECT_EQ(end.value_or(npos), expected);
          // As a key: the name is unescaped exactly when the key holds a backslash.
          const std::string object = "{" + doc + ":1}";
          auto scan = scan_object(object, 0);
          if (expected != doc.size()) continue;
          ASSERT_TRUE(scan);
          const auto unescaped = unescape(doc);
          if (doc.find('\\') == std::string::npos) {
            EXPECT_EQ(scan->members[0].decoded_name, nullptr);
            EXPECT_EQ(scan->members[0].name, text);
          } else if (unescaped) {
            ASSERT_NE(scan->members[0].decoded_name, nullptr);
            EXPECT_EQ(scan->members[0].name, *unescaped);
          } else {
            EXPECT_EQ(scan->members[0].name, doc);  // a malformed escape: the raw token
          }
        }
      }
    }
  }
}

TEST(JsonScan, DeepNestingIsBalancedOrRejected) {
  for (const std::size_t depth : {1u, 63u, 64u, 65u, 200u, 100000u}) {
    SCOPED_TRACE(depth);
    std::string open;
    std::string close;
    for (std::size_t i = 0; i < depth; ++i) {
      open.push_back(i % 2 == 0 ? '[' : '{');
      if (i % 2 == 1) open.append("\"k\":");
      close.push_back(i % 2 == 0 ? ']' : '}');
    }
    std::reverse(close.begin(), close.end());
    const std::string balanced = open + close;
    EXPECT_EQ(value_end(balanced, 0), balanced.size());
    // One closer of the wrong kind at the innermost level, or one missing, is rejected.
    std::string wrong = balanced;
    wrong[open.size()] = wrong[open.size()] == ']' ? '}' : ']';
    EXPECT_FALSE(value_end(wrong, 0));
    EXPECT_FALSE(value_end(std::string_view(balanced).substr(0, balanced.size() - 1), 0));
    EXPECT_EQ(value_end(balanced + "]", 0), balanced.size());
  }
}

TEST(JsonScan, TopLevelObjectInOnePassMatchesTwoSteps) {
  const char* cases[] = {R"({"a":1})",  R"(  {"a":[1,{"b":"}"}]} )",
                         "{}",          R"({"a":1} x)",
                         R"([1])",      "",
                         "   ",         R"({"a":tru})",
                         R"({"a":1)",   R"("s")",
                         "{\"a\":1}\n", R"({"a":1}})",
                         R"({"a" 1})"};
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    const std::string_view doc = text;
    std::optional<ObjectScan> two_steps;
    if (auto top = top_level_value(doc); top && doc[top->begin] == '{') {
      two_steps = scan_object(doc, top->begin);
    }
    auto one_pass = scan_top_level_object(doc);
    ASSERT_EQ(one_pass.has_value(), two_steps.has_value());
    if (!one_pass) continue;
    EXPECT_EQ(one_pass->whole.begin, two_steps->whole.begin);
    EXPECT_EQ(one_pass->whole.end, two_steps->whole.end);
    EXPECT_EQ(one_pass->members.size(), two_steps->members.size());
  }
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
