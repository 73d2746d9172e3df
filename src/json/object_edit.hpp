// ObjectEdit: the changes to the members of one scanned object (replace a value, rename a key,
// remove a member, append a member), turned into splice edits that keep the object well-formed:
// commas are handled, and every member it does not touch stays byte-exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/scan.hpp"
#include "json/splice.hpp"

namespace qp::json {

class ObjectEdit {
 public:
  // `object` must outlive this ObjectEdit; its spans are offsets into the editor's document.
  explicit ObjectEdit(const ObjectScan& object);

  // Member-level changes. Removing a member wins over other changes to it.
  void replace_value(std::size_t member, std::string_view json_value);
  void replace_key(std::size_t member, std::string_view key_token);
  void remove(std::size_t member);
  // Adds `"name":json_value` at the end of the object.
  void append(std::string_view name, std::string_view json_value);

  // Name-level changes with duplicate keys in mind: set() replaces the value of every member called
  // `name` (so the object means the same whichever occurrence a reader keeps), or appends it when
  // there is none; remove_all() removes every occurrence; rename_all() renames every occurrence.
  void set(std::string_view name, std::string_view json_value);
  // set() with the JSON string of `text` (quoted as json::quote() does) as the value.
  void set_string(std::string_view name, std::string_view text);
  void remove_all(std::string_view name);
  void rename_all(std::string_view name, std::string_view new_name);

  bool changed() const;
  // Adds the edits to `editor`. Must be called at most once.
  void emit(SpliceEditor& editor) const;

 private:
  // A piece of text_, the replacement text of all changes back to back (offsets stay valid while
  // it grows).
  struct TextRef {
    std::size_t offset = 0;
    std::size_t size = 0;
  };
  struct MemberChange {
    std::optional<TextRef> key_token;
    std::optional<TextRef> value;
    bool removed = false;
  };
  TextRef keep(std::string_view text);
  TextRef keep_quoted(std::string_view text);
  void set_text(std::string_view name, TextRef json_value);
  // An appended member is kept as one piece of text_, `,"name":value`: begin_appended_member()
  // writes up to the colon and returns where it starts; the caller writes the value and calls
  // end_appended_member() with that offset.
  std::size_t begin_appended_member(std::string_view name);
  void end_appended_member(std::size_t offset);
  std::string_view text_of(TextRef ref) const {
    return std::string_view(text_).substr(ref.offset, ref.size);
  }

  const ObjectScan& object_;
  std::vector<MemberChange> changes_;
  std::vector<TextRef> appended_;  // `,"name":value` of each appended member, in order
  std::string text_;
};

}  // namespace qp::json
