// parse_request and the request rewrites: field rules through ObjectEdit, one splice pass.
#include "transform/chat_request.hpp"

#include <array>

#include "json/object_edit.hpp"
#include "json/string.hpp"
#include "transform/field_rules.hpp"

namespace qp::transform {
namespace {

constexpr std::string_view kModel = "model";
constexpr std::string_view kKwargs = "chat_template_kwargs";
// Profile params may not edit the members that the rewrite itself owns.
constexpr std::array<std::string_view, 2> kReservedParams = {kModel, kKwargs};

struct RewriteScope {
  bool sampling_params = false;
  bool chat_template_kwargs = false;
};

Error bad_request(std::string message, std::string param = {}) {
  return make_error(ErrorKind::bad_request, std::move(message), std::move(param));
}

// The merged chat_template_kwargs value, or "" when the client's value needs no change. Appends the
// settings it applies to `applied`.
Result<std::string> merged_kwargs(std::string_view body, const json::Member* client,
                                  const Profile& profile,
                                  std::vector<const FieldSetting*>& applied) {
  if (client == nullptr || json::is_null(body, *client)) {
    applied.reserve(profile.chat_template_kwargs.size());
    for (const FieldSetting& setting : profile.chat_template_kwargs) {
      if (setting.rule != FieldRule::strip) applied.push_back(&setting);
    }
    return object_from_settings(profile.chat_template_kwargs);
  }
  if (client->type != json::ValueType::object) {
    return bad_request("'chat_template_kwargs' must be an object or null", std::string(kKwargs));
  }
  const std::string_view value = client->value.in(body);
  auto object = json::scan_object(value, 0);
  if (!object)
    return bad_request("'chat_template_kwargs' is not a JSON object", std::string(kKwargs));
  json::ObjectEdit edit(*object);
  apply_field_settings(value, *object, profile.chat_template_kwargs, edit, applied);
  if (!edit.changed()) return std::string();
  json::SpliceEditor editor(value);
  edit.emit(editor);
  auto merged = std::move(editor).finish();
  if (!merged.ok()) return merged.take_error();
  return merged->flatten();
}

Result<RewrittenRequest> rewrite_request(const ParsedRequest& request, const Profile& profile,
                                         RewriteScope scope) {
  const std::string_view body = request.body;
  std::vector<const FieldSetting*> params_applied;
  std::vector<const FieldSetting*> kwargs_applied;
  json::ObjectEdit edit(request.object);
  edit.set_string(kModel, profile.backend_model);
  if (scope.sampling_params) {
    apply_field_settings(body, request.object, profile.params, edit, params_applied,
                         kReservedParams);
  }
  if (scope.chat_template_kwargs) {
    auto kwargs = merged_kwargs(body, request.object.last(kKwargs), profile, kwargs_applied);
    if (!kwargs.ok()) return kwargs.take_error();
    if (!kwargs->empty()) edit.set(kKwargs, *kwargs);
  }
  json::SpliceEditor editor(body);
  edit.emit(editor);
  auto spliced = std::move(editor).finish();
  if (!spliced.ok()) return spliced.take_error();
  return RewrittenRequest{std::move(spliced.value()), std::move(params_applied),
                          std::move(kwargs_applied)};
}

// Reads `stream`: a boolean, or null/absent for false.
Result<ParsedRequest> parse_stream_flag(ParsedRequest request) {
  if (const json::Member* stream = request.object.last("stream")) {
    if (stream->type == json::ValueType::boolean) {
      request.stream = stream->value.in(request.body) == "true";
    } else if (stream->type != json::ValueType::null) {
      return bad_request("'stream' must be a boolean or null", "stream");
    }
  }
  return request;
}

}  // namespace

Result<ParsedRequest> parse_request(std::string_view body, ModelField model_field) {
  auto document = json::validate_and_scan(body);
  if (!document.ok()) {
    return bad_request("We could not parse the JSON body of your request: " +
                       document.error().message);
  }
  if (!document->has_value()) return bad_request("The request body must be a JSON object");

  ParsedRequest request{body, std::move(**document), {}, false};
  const json::Member* model = request.object.last(kModel);
  const bool absent = model == nullptr || model->type == json::ValueType::null;
  if (absent && model_field == ModelField::optional) return parse_stream_flag(std::move(request));
  if (model == nullptr) {
    return bad_request("you must provide a model parameter", std::string(kModel));
  }
  if (model->type != json::ValueType::string) {
    return bad_request("'model' must be a string", std::string(kModel));
  }
  auto name = json::unescape(model->value.in(body));
  if (!name) return bad_request("'model' is not a valid string", std::string(kModel));
  request.model = std::move(*name);
  return parse_stream_flag(std::move(request));
}

Result<RewrittenRequest> rewrite_chat_request(const ParsedRequest& request,
                                              const Profile& profile) {
  return rewrite_request(request, profile, RewriteScope{true, true});
}

Result<RewrittenRequest> rewrite_completion_request(const ParsedRequest& request,
                                                    const Profile& profile) {
  return rewrite_request(request, profile, RewriteScope{true, false});
}

Result<RewrittenRequest> rewrite_tokenize_request(const ParsedRequest& request,
                                                  const Profile& profile) {
  return rewrite_request(request, profile, RewriteScope{false, true});
}

Error unknown_model_error(std::string_view model, const std::vector<Profile>& profiles) {
  std::string message = "The model `" + std::string(model) + "` does not exist. Available models: ";
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    if (i > 0) message.append(", ");
    message.append(profiles[i].virtual_name);
  }
  message.append(".");
  return make_error(ErrorKind::not_found, std::move(message), std::string(kModel));
}

}  // namespace qp::transform
