// Tests of the splice editor and object edits: commas, runs of removals, appends, byte-exactness.
#include "json/splice.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "json/object_edit.hpp"
#include "json/scan.hpp"
#include "json/validate.hpp"

namespace qp::json {
namespace {

std::string edit_object(std::string_view doc, const std::function<void(ObjectEdit&)>& change) {
  auto scan = scan_object(doc, doc.find('{'));
  EXPECT_TRUE(scan);
  if (!scan) return {};
  ObjectEdit edit(*scan);
  change(edit);
  SpliceEditor editor(doc);
  edit.emit(editor);
  auto body = std::move(editor).finish();
  EXPECT_TRUE(body.ok());
  return body.ok() ? body->flatten() : std::string();
}

TEST(SpliceEditor, UntouchedDocumentIsOnePieceOfTheOriginal) {
  const std::string doc = R"({"a":1})";
  auto body = SpliceEditor(doc).finish();
  ASSERT_TRUE(body.ok());
  ASSERT_EQ(body->piece_count(), 1u);
  EXPECT_EQ(body->piece(0).data(), doc.data());
  EXPECT_EQ(body->size(), doc.size());
}

TEST(SpliceEditor, EditsInAnyOrderApplyInOnePass) {
  const std::string doc = "0123456789";
  SpliceEditor editor(doc);
  editor.replace(Span{7, 9}, "xy");
  editor.insert(0, "<");
  editor.remove(Span{2, 4});
  editor.insert(2, "+");
  auto body = std::move(editor).finish();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->flatten(), "<01+456xy9");
  EXPECT_EQ(body->size(), body->flatten().size());
  std::string gathered;
  body->for_each_piece([&](const char* data, std::size_t size) { gathered.append(data, size); });
  EXPECT_EQ(gathered, body->flatten());
}

TEST(SpliceEditor, OverlappingEditsAreAnInternalError) {
  SpliceEditor editor("0123456789");
  editor.remove(Span{2, 6});
  editor.replace(Span{4, 8}, "x");
  auto body = std::move(editor).finish();
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().kind, ErrorKind::internal);
}

TEST(SpliceEditor, MovedBodyKeepsValidPieces) {
  const std::string doc = R"({"a":1})";
  SpliceEditor editor(doc);
  editor.replace(Span{5, 6}, "2");
  auto body = std::move(editor).finish();
  ASSERT_TRUE(body.ok());
  SplicedBody moved = std::move(body).value();
  EXPECT_EQ(moved.flatten(), R"({"a":2})");
}

struct ObjectEditCase {
  const char* name;
  const char* doc;
  std::function<void(ObjectEdit&)> change;
  const char* expected;
};

TEST(SpliceEditor, ExtendLastBuildsOneEditInParts) {
  const std::string doc = R"({"a":1})";
  SpliceEditor editor(doc);
  editor.insert(6, ",");
  editor.extend_last(R"("b")");
  editor.extend_last(":2");
  editor.replace(Span{5, 6}, "0");
  auto body = std::move(editor).finish();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->flatten(), R"({"a":0,"b":2})");
}

TEST(ObjectEdit, SetStringQuotesOnceForEveryOccurrence) {
  EXPECT_EQ(
      edit_object(R"({"m":1,"x":2,"m":3})", [](ObjectEdit& e) { e.set_string("m", "a\"b\\c\n"); }),
      R"({"m":"a\"b\\c\n","x":2,"m":"a\"b\\c\n"})");
  EXPECT_EQ(edit_object(R"({"x":2})", [](ObjectEdit& e) { e.set_string("new key", "v"); }),
            R"({"x":2,"new key":"v"})");
  EXPECT_EQ(edit_object(R"({"r":1,"x":2,"r":3})",
                        [](ObjectEdit& e) {
                          e.rename_all("r", "reasoning_content");
                          e.append("a", "1");
                          e.append("b", "[2]");
                        }),
            R"({"reasoning_content":1,"x":2,"reasoning_content":3,"a":1,"b":[2]})");
}

TEST(ObjectEdit, KeepsTheObjectWellFormed) {
  const ObjectEditCase cases[] = {
      {"remove first", R"({ "a": 1, "b": 2, "c": 3 })", [](ObjectEdit& e) { e.remove(0); },
       R"({ "b": 2, "c": 3 })"},
      {"remove middle", R"({ "a": 1, "b": 2, "c": 3 })", [](ObjectEdit& e) { e.remove(1); },
       R"({ "a": 1, "c": 3 })"},
      {"remove last", R"({ "a": 1, "b": 2, "c": 3 })", [](ObjectEdit& e) { e.remove(2); },
       R"({ "a": 1, "b": 2 })"},
      {"remove first two", R"({"a":1,"b":2,"c":3})",
       [](ObjectEdit& e) {
         e.remove(0);
         e.remove(1);
       },
       R"({"c":3})"},
      {"remove last two", R"({"a":1,"b":2,"c":3})",
       [](ObjectEdit& e) {
         e.remove(1);
         e.remove(2);
       },
       R"({"a":1})"},
      {"remove first and last", R"({"a":1,"b":2,"c":3})",
       [](ObjectEdit& e) {
         e.remove(0);
         e.remove(2);
       },
       R"({"b":2})"},
      {"remove all", R"({ "a":1, "b":2 })",
       [](ObjectEdit& e) {
         e.remove_all("a");
         e.remove(1);
       },
       R"({  })"},
      {"append to empty", R"({ })", [](ObjectEdit& e) { e.append("k", "true"); }, R"({ "k":true})"},
      {"append after members", "{\"a\":1\n}", [](ObjectEdit& e) { e.append("k", "1.0"); },
       "{\"a\":1,\"k\":1.0\n}"},
      {"append after removing all", R"({"a":1,"b":2})",
       [](ObjectEdit& e) {
         e.remove(0);
         e.remove(1);
         e.append("k", "0");
       },
       R"({"k":0})"},
      {"append after removing last", R"({"a":1,"b":2})",
       [](ObjectEdit& e) {
         e.remove(1);
         e.append("k", "0");
         e.append("l", "1");
       },
       R"({"a":1,"k":0,"l":1})"},
      {"set replaces every duplicate", R"({"k":1,"x":"y","k":2})",
       [](ObjectEdit& e) { e.set("k", "9"); }, R"({"k":9,"x":"y","k":9})"},
      {"set appends when absent", R"({"x":"y"})", [](ObjectEdit& e) { e.set("k", "\"v\""); },
       R"({"x":"y","k":"v"})"},
      {"set matches escaped key", R"({"\u006b":1})", [](ObjectEdit& e) { e.set("k", "2"); },
       R"({"\u006b":2})"},
      {"rename keeps the value", R"({"a" : [1]})", [](ObjectEdit& e) { e.rename_all("a", "b"); },
       R"({"b" : [1]})"},
      {"remove wins over replace", R"({"a":1,"b":2})",
       [](ObjectEdit& e) {
         e.replace_value(1, "3");
         e.remove(1);
       },
       R"({"a":1})"},
  };
  for (const ObjectEditCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string out = edit_object(c.doc, c.change);
    EXPECT_EQ(out, c.expected);
    EXPECT_TRUE(validate(out).ok());
  }
}

}  // namespace
}  // namespace qp::json
