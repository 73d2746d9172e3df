// FieldSetting rules applied through an ObjectEdit.
#include "transform/field_rules.hpp"

#include <algorithm>

#include "json/string.hpp"

namespace qp::transform {
namespace {

// Whether `setting` changes a document whose top level has `last` as the last member of that name
// (nullptr: none): force always; fill_default when the field is absent or null; strip when the
// field is there.
bool setting_applies(std::string_view doc, const json::Member* last, const FieldSetting& setting) {
  switch (setting.rule) {
    case FieldRule::strip:
      return last != nullptr;
    case FieldRule::force:
      return true;
    case FieldRule::fill_default:
      return last == nullptr || json::is_null(doc, *last);
  }
  return false;
}

}  // namespace

void apply_field_settings(std::string_view doc, const json::ObjectScan& object,
                          std::span<const FieldSetting> settings, json::ObjectEdit& edit,
                          std::vector<const FieldSetting*>& applied,
                          std::span<const std::string_view> reserved) {
  for (const FieldSetting& setting : settings) {
    if (std::find(reserved.begin(), reserved.end(), setting.name) != reserved.end()) continue;
    const json::Member* last = object.last(setting.name);
    if (!setting_applies(doc, last, setting)) continue;
    if (applied.capacity() == 0) applied.reserve(settings.size());  // one allocation at most
    applied.push_back(&setting);
    if (setting.rule == FieldRule::strip) {
      edit.remove_all(setting.name);
    } else if (last == nullptr) {
      edit.append(setting.name, setting.json_value);  // absent: no occurrence to look for
    } else {
      edit.set(setting.name, setting.json_value);
    }
  }
}

std::string object_from_settings(std::span<const FieldSetting> settings) {
  std::string out;
  for (const FieldSetting& setting : settings) {
    if (setting.rule == FieldRule::strip) continue;
    out.push_back(out.empty() ? '{' : ',');
    json::append_quoted(out, setting.name);
    out.append(":").append(setting.json_value);
  }
  if (!out.empty()) out.push_back('}');
  return out;
}

}  // namespace qp::transform
