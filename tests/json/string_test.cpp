// Tests of JSON string escaping and unescaping.
#include "json/string.hpp"

#include <gtest/gtest.h>

namespace qp::json {
namespace {

TEST(JsonString, QuoteEscapesOnlyWhatJsonRequires) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const Case cases[] = {
      {"plain", R"("plain")"},
      {"", R"("")"},
      {"a\"b\\c", R"("a\"b\\c")"},
      {"line\nbreak\ttab\r", R"("line\nbreak\ttab\r")"},
      {std::string_view("\x01\x1f", 2), R"("\u0001\u001f")"},
      {"é中😀/", "\"é中😀/\""},
      {"bad\xff", R"("bad\ufffd")"},
      {"\xed\xa0\x80", R"("\ufffd\ufffd\ufffd")"},  // a lone surrogate in WTF-8
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(quote(c.in), c.out);
  }
}

TEST(JsonString, AppendQuotedKeepsWhatIsAlreadyThere) {
  std::string out = "{";
  append_quoted(out, "top_p");  // nothing to escape
  out.push_back(':');
  append_quoted(out, "say \"hi\"");  // a plain prefix, then escapes
  EXPECT_EQ(out, R"({"top_p":"say \"hi\"")");
}

TEST(JsonString, UnescapeDecodesLikePython) {
  struct Case {
    std::string_view token;
    std::string_view text;
  };
  const Case cases[] = {
      {R"("abc")", "abc"},
      {R"("mod\u0065l")", "model"},
      {R"("\"\\\/\b\f\n\r\t")", "\"\\/\b\f\n\r\t"},
      {R"("\u00e9\u4e2d")", "é中"},
      {R"("\ud83d\ude00")", "😀"},
      {R"("\ud800")", "\xed\xa0\x80"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.token);
    auto text = unescape(c.token);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, c.text);
  }
}

TEST(JsonString, UnescapeRejectsMalformedTokens) {
  for (std::string_view token : {R"(abc)", R"("\x")", R"("\u12")", R"("\u00zz")", "\""}) {
    SCOPED_TRACE(token);
    EXPECT_FALSE(unescape(token));
  }
}

TEST(JsonString, QuoteThenUnescapeRoundTrips) {
  const std::string_view text = "tab\t quote\" back\\ \x02 ünï";
  EXPECT_EQ(unescape(quote(text)), std::string(text));
}

}  // namespace
}  // namespace qp::json
