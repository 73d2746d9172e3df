// FieldSetting rules applied through an ObjectEdit.
#include "transform/field_rules.hpp"

#include <algorithm>

#include "json/string.hpp"

namespace qp::transform {

void apply_field_settings(std::string_view doc, const json::ObjectScan& object,
                          std::span<const FieldSetting> settings, json::ObjectEdit& edit,
                          std::span<const std::string_view> reserved) {
  for (const FieldSetting& setting : settings) {
    if (std::find(reserved.begin(), reserved.end(), setting.name) != reserved.end()) continue;
    switch (setting.rule) {
      case FieldRule::strip:
        edit.remove_all(setting.name);
        break;
      case FieldRule::force:
        edit.set(setting.name, setting.json_value);
        break;
      case FieldRule::fill_default: {
        const json::Member* last = object.last(setting.name);
        if (last == nullptr || json::is_null(doc, *last))
          edit.set(setting.name, setting.json_value);
        break;
      }
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
