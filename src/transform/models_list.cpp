// The virtual models list built from the backend's /v1/models answer.
#include "transform/models_list.hpp"

#include "json/object_edit.hpp"
#include "json/scan.hpp"
#include "json/string.hpp"
#include "json/validate.hpp"
#include "transform/field_rules.hpp"

namespace qp::transform {

namespace {

Error broken(std::string message) {
  return make_error(ErrorKind::backend_broken, std::move(message));
}

// True unless the profile forces or defaults enable_thinking to false (Qwen3.5 thinks by default).
bool thinks(const Profile& profile) {
  for (const auto& setting : profile.chat_template_kwargs) {
    if (setting.name == "enable_thinking" && setting.rule != FieldRule::strip) {
      return setting.json_value != "false";
    }
  }
  return true;
}

// The `qwen35_proxy` extension of one virtual card.
std::string profile_extension(const Profile& profile) {
  std::string out = "{\"profile\":";
  json::append_quoted(out, profile.virtual_name);
  out += ",\"backend_model\":";
  json::append_quoted(out, profile.backend_model);
  out += thinks(profile) ? ",\"thinking\":true" : ",\"thinking\":false";
  const std::string params = object_from_settings(profile.params);
  out += ",\"params\":" + (params.empty() ? std::string("{}") : params);
  const std::string kwargs = object_from_settings(profile.chat_template_kwargs);
  out += ",\"chat_template_kwargs\":" + (kwargs.empty() ? std::string("{}") : kwargs) + "}";
  return out;
}

}  // namespace

Result<std::string> virtual_models_list(std::string_view backend_models_json,
                                        std::string_view served_model,
                                        const std::vector<Profile>& profiles) {
  auto list = json::validate_and_scan(backend_models_json);
  if (!list.ok()) return broken("The backend's /v1/models answer is not valid JSON.");
  const json::Member* data = list->has_value() ? (*list)->last("data") : nullptr;
  if (data == nullptr || data->type != json::ValueType::array) {
    return broken("The backend's /v1/models answer has no data list.");
  }
  auto cards = json::scan_array(backend_models_json, data->value.begin);
  if (!cards) return broken("The backend's /v1/models answer has no data list.");

  std::string served_ids;
  for (const json::Element& card : *cards) {
    if (card.type != json::ValueType::object) continue;
    // Each card is scanned as a document of its own, so edits splice only the card's bytes.
    const std::string_view card_text = card.value.in(backend_models_json);
    auto fields = json::scan_object(card_text, 0);
    const json::Member* id = fields ? fields->last("id") : nullptr;
    if (id == nullptr || id->type != json::ValueType::string) continue;
    const auto name = json::unescape(id->value.in(card_text));
    if (!name) continue;
    if (*name != served_model) {
      served_ids += (served_ids.empty() ? "" : ", ") + *name;
      continue;
    }
    std::string out = "{\"object\":\"list\",\"data\":[";
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      json::ObjectEdit edit(*fields);
      edit.set("id", json::quote(profiles[i].virtual_name));
      edit.set("qwen35_proxy", profile_extension(profiles[i]));
      json::SpliceEditor editor(card_text);
      edit.emit(editor);
      auto spliced = std::move(editor).finish();
      if (!spliced.ok()) return spliced.take_error();
      if (i > 0) out += ",";
      spliced->append_to(out);
    }
    out += "]}";
    return out;
  }
  return broken("The backend does not serve the model `" + std::string(served_model) +
                "`; it serves: " + (served_ids.empty() ? std::string("nothing") : served_ids) +
                ". Set --served-model to one of these.");
}

}  // namespace qp::transform
