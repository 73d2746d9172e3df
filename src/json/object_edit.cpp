// ObjectEdit: member changes to splice edits. Removed members are cut in runs so that exactly the
// separating commas of removed members disappear.
#include "json/object_edit.hpp"

#include "json/string.hpp"

namespace qp::json {

ObjectEdit::ObjectEdit(const ObjectScan& object)
    : object_(object), changes_(object.members.size()) {}

void ObjectEdit::replace_value(std::size_t member, std::string_view json_value) {
  changes_[member].value = std::string(json_value);
}

void ObjectEdit::replace_key(std::size_t member, std::string_view key_token) {
  changes_[member].key_token = std::string(key_token);
}

void ObjectEdit::remove(std::size_t member) { changes_[member].removed = true; }

void ObjectEdit::append(std::string_view name, std::string_view json_value) {
  appended_.emplace_back(quote(name), std::string(json_value));
}

void ObjectEdit::set(std::string_view name, std::string_view json_value) {
  bool found = false;
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name == name) {
      replace_value(i, json_value);
      found = true;
    }
  }
  if (!found) append(name, json_value);
}

void ObjectEdit::remove_all(std::string_view name) {
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name == name) remove(i);
  }
}

void ObjectEdit::rename_all(std::string_view name, std::string_view new_name) {
  const std::string token = quote(new_name);
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name == name) replace_key(i, token);
  }
}

bool ObjectEdit::changed() const {
  if (!appended_.empty()) return true;
  for (const MemberChange& change : changes_) {
    if (change.removed || change.key_token || change.value) return true;
  }
  return false;
}

void ObjectEdit::emit(SpliceEditor& editor) const {
  const std::vector<Member>& members = object_.members;
  const std::size_t count = members.size();
  bool any_kept = false;
  std::size_t i = 0;
  while (i < count) {
    if (!changes_[i].removed) {
      any_kept = true;
      if (changes_[i].key_token) editor.replace(members[i].key, *changes_[i].key_token);
      if (changes_[i].value) editor.replace(members[i].value, *changes_[i].value);
      ++i;
      continue;
    }
    // A run of removed members [first, last].
    const std::size_t first = i;
    while (i + 1 < count && changes_[i + 1].removed) ++i;
    const std::size_t last = i++;
    if (first > 0) {
      // Cut from the end of the kept member before the run: ', "k": v' for each removed member.
      editor.remove(Span{members[first - 1].value.end, members[last].value.end});
    } else if (last + 1 < count) {
      // The run opens the object: cut through to the next member's key, taking its comma.
      editor.remove(Span{members[first].key.begin, members[last + 1].key.begin});
    } else {
      editor.remove(Span{members[first].key.begin, members[last].value.end});
    }
  }
  if (appended_.empty()) return;
  std::string text;
  for (const auto& [key_token, value] : appended_) {
    if (any_kept || !text.empty()) text.push_back(',');
    text.append(key_token).append(":").append(value);
  }
  const std::size_t at = count > 0 ? members.back().value.end : object_.whole.end - 1;
  editor.insert(at, text);
}

}  // namespace qp::json
