// Applying a profile's FieldSettings to one JSON object, with Python's duplicate-key semantics:
// the last occurrence of a key decides whether it is "absent or null", and every occurrence of a
// key that changes is changed, so the object means the same whichever occurrence a reader keeps.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "config/profile.hpp"
#include "json/object_edit.hpp"
#include "json/scan.hpp"

namespace qp::transform {

// fill_default: set when the last occurrence is absent or null; force: always set; strip: remove
// every occurrence. Settings whose name is in `reserved` are skipped (their owner edits them).
// Appends each setting that changes the object to `applied`, in the order of `settings`.
void apply_field_settings(std::string_view doc, const json::ObjectScan& object,
                          std::span<const FieldSetting> settings, json::ObjectEdit& edit,
                          std::vector<const FieldSetting*>& applied,
                          std::span<const std::string_view> reserved = {});

// The JSON object holding the non-strip settings, e.g. {"enable_thinking":false}; empty when there
// are none.
std::string object_from_settings(std::span<const FieldSetting> settings);

}  // namespace qp::transform
