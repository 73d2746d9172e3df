// Fuzz target for the JSON validator, span scanner and splice editor: the scanner never crashes on
// any bytes, and on a valid object every edit (delete members, replace values, append) gives valid
// JSON in which the members it did not touch are exactly the original ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "json/object_edit.hpp"
#include "json/scan.hpp"
#include "json/splice.hpp"
#include "json/string.hpp"
#include "json/validate.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

std::string spliced(std::string_view doc, const qp::json::ObjectEdit& edit) {
  qp::json::SpliceEditor editor(doc);
  edit.emit(editor);
  auto body = std::move(editor).finish();
  require(body.ok());
  return body->flatten();
}

// The raw (key, value) tokens of the top-level object of `doc`.
std::vector<std::pair<std::string_view, std::string_view>> raw_members(std::string_view doc) {
  auto top = qp::json::top_level_value(doc);
  require(top.has_value());
  auto object = qp::json::scan_object(doc, top->begin);
  require(object.has_value());
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& m : object->members) out.emplace_back(m.key.in(doc), m.value.in(doc));
  return out;
}

void check_object_edits(std::string_view doc, const qp::json::ObjectScan& object,
                        std::uint64_t choice) {
  const auto original = raw_members(doc);
  const std::size_t count = object.members.size();
  // Delete a subset of members: the rest stay byte-exact and in order.
  qp::json::ObjectEdit remove(object);
  std::vector<std::pair<std::string_view, std::string_view>> kept;
  for (std::size_t i = 0; i < count; ++i) {
    if ((choice >> (i % 64)) & 1) {
      remove.remove(i);
    } else {
      kept.push_back(original[i]);
    }
  }
  if (choice & (1ull << 63)) remove.append("appended", "[1]");
  const std::string removed = spliced(doc, remove);
  require(qp::json::validate(removed).ok());
  auto after = raw_members(removed);
  if (choice & (1ull << 63)) {
    require(!after.empty() && after.back().first == "\"appended\"" && after.back().second == "[1]");
    after.pop_back();
  }
  require(after == kept);

  // Replace every value: keys stay, values are the new ones.
  qp::json::ObjectEdit replace(object);
  for (std::size_t i = 0; i < count; ++i) replace.replace_value(i, "null");
  const std::string replaced = spliced(doc, replace);
  require(qp::json::validate(replaced).ok());
  const auto nulls = raw_members(replaced);
  require(nulls.size() == count);
  for (std::size_t i = 0; i < count; ++i) {
    require(nulls[i].first == original[i].first && nulls[i].second == "null");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  const bool valid = qp::json::validate(doc).ok();

  // The scanner must be safe on anything.
  auto top = qp::json::top_level_value(doc);
  if (valid) require(top.has_value());
  if (!top) return 0;
  if (doc[top->begin] == '[') {
    auto elements = qp::json::scan_array(doc, top->begin);
    if (valid) require(elements.has_value());
    return 0;
  }
  auto one_pass = qp::json::scan_top_level_object(doc);
  if (doc[top->begin] != '{') {
    require(!one_pass.has_value());
    return 0;
  }
  auto object = qp::json::scan_object(doc, top->begin);
  if (valid) require(object.has_value());
  // The one-pass top-level scan agrees with top_level_value() then scan_object().
  require(one_pass.has_value() == object.has_value());
  if (!object) return 0;
  require(one_pass->whole.begin == object->whole.begin && one_pass->whole.end == object->whole.end);
  require(one_pass->members.size() == object->members.size());
  std::size_t previous_end = top->begin;
  for (const auto& member : object->members) {
    require(member.key.begin >= previous_end && member.value.end <= top->end);
    require(doc[member.key.begin] == '"');
    previous_end = member.value.end;
    if (valid) {
      auto name = qp::json::unescape(member.key.in(doc));
      require(name.has_value() && *name == member.name);
      require(qp::json::validate(qp::json::quote(member.name)).ok());
    }
  }
  if (!valid) return 0;
  std::uint64_t choice = 0;
  for (std::size_t i = 0; i < size; ++i) choice = choice * 1099511628211ull + data[i];
  check_object_edits(doc, *object, choice);
  return 0;
}
