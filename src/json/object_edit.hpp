// ObjectEdit: the changes to the members of one scanned object (replace a value, rename a key,
// remove a member, append a member), turned into splice edits that keep the object well-formed:
// commas are handled, and every member it does not touch stays byte-exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  void remove_all(std::string_view name);
  void rename_all(std::string_view name, std::string_view new_name);

  bool changed() const;
  // Adds the edits to `editor`. Must be called at most once.
  void emit(SpliceEditor& editor) const;

 private:
  struct MemberChange {
    std::optional<std::string> key_token;
    std::optional<std::string> value;
    bool removed = false;
  };
  const ObjectScan& object_;
  std::vector<MemberChange> changes_;
  std::vector<std::pair<std::string, std::string>> appended_;  // key token, value
};

}  // namespace qp::json
