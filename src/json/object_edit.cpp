// ObjectEdit: member changes to splice edits. Removed members are cut in runs so that exactly the
// separating commas of removed members disappear.
#include "json/object_edit.hpp"

#include "json/string.hpp"

namespace qp::json {

namespace {

// Room for the replacement text of a typical request or answer rewrite, reserved on first use.
constexpr std::size_t kTextReserve = 256;
// Room for the members appended by a typical profile, reserved on first use.
constexpr std::size_t kAppendedReserve = 8;

}  // namespace

ObjectEdit::ObjectEdit(const ObjectScan& object)
    : object_(object), changes_(object.members.size()) {}

ObjectEdit::TextRef ObjectEdit::keep(std::string_view text) {
  if (text_.capacity() < kTextReserve) text_.reserve(kTextReserve);
  const TextRef ref{text_.size(), text.size()};
  text_.append(text);
  return ref;
}

ObjectEdit::TextRef ObjectEdit::keep_quoted(std::string_view text) {
  if (text_.capacity() < kTextReserve) text_.reserve(kTextReserve);
  const std::size_t offset = text_.size();
  append_quoted(text_, text);
  return TextRef{offset, text_.size() - offset};
}

void ObjectEdit::replace_value(std::size_t member, std::string_view json_value) {
  changes_[member].value = keep(json_value);
}

void ObjectEdit::replace_key(std::size_t member, std::string_view key_token) {
  changes_[member].key_token = keep(key_token);
}

void ObjectEdit::remove(std::size_t member) { changes_[member].removed = true; }

void ObjectEdit::append(std::string_view name, std::string_view json_value) {
  const std::size_t offset = begin_appended_member(name);
  text_.append(json_value);
  end_appended_member(offset);
}

std::size_t ObjectEdit::begin_appended_member(std::string_view name) {
  if (text_.capacity() < kTextReserve) text_.reserve(kTextReserve);
  const std::size_t offset = text_.size();
  text_.push_back(',');
  append_quoted(text_, name);
  text_.push_back(':');
  return offset;
}

void ObjectEdit::end_appended_member(std::size_t offset) {
  if (appended_.empty()) appended_.reserve(kAppendedReserve);
  appended_.push_back(TextRef{offset, text_.size() - offset});
}

void ObjectEdit::set(std::string_view name, std::string_view json_value) {
  set_text(name, keep(json_value));
}

void ObjectEdit::set_string(std::string_view name, std::string_view text) {
  set_text(name, keep_quoted(text));
}

void ObjectEdit::set_text(std::string_view name, TextRef json_value) {
  bool found = false;
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name == name) {
      changes_[i].value = json_value;
      found = true;
    }
  }
  if (found) return;
  const std::size_t offset = begin_appended_member(name);
  text_.append(text_, json_value.offset, json_value.size);  // appending from itself is defined
  end_appended_member(offset);
}

void ObjectEdit::remove_all(std::string_view name) {
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name == name) remove(i);
  }
}

void ObjectEdit::rename_all(std::string_view name, std::string_view new_name) {
  std::optional<TextRef> token;  // quoted once, shared by every occurrence
  for (std::size_t i = 0; i < object_.members.size(); ++i) {
    if (object_.members[i].name != name) continue;
    if (!token) token = keep_quoted(new_name);
    changes_[i].key_token = token;
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
      if (changes_[i].key_token) editor.replace(members[i].key, text_of(*changes_[i].key_token));
      if (changes_[i].value) editor.replace(members[i].value, text_of(*changes_[i].value));
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
  const std::size_t at = count > 0 ? members.back().value.end : object_.whole.end - 1;
  // One insert: ,"k1":v1,"k2":v2 (no comma first when the object keeps no member).
  std::string_view first = text_of(appended_.front());
  if (!any_kept) first.remove_prefix(1);
  editor.insert(at, first);
  for (std::size_t k = 1; k < appended_.size(); ++k) editor.extend_last(text_of(appended_[k]));
}

}  // namespace qp::json
