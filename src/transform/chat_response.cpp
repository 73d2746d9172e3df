// Response rewriting over the span scanner: the top-level `model` and, per choice, the message or
// delta object through apply_reasoning_policy.
#include "transform/chat_response.hpp"

#include "json/object_edit.hpp"
#include "json/scan.hpp"
#include "transform/reasoning.hpp"

namespace qp::transform {
namespace {

bool policy_touches_reasoning(const ResponsePolicy& policy) {
  return policy.repair_misplaced_answer || policy.reasoning_field != ReasoningField::as_is;
}

// Adds the reasoning edits of every choice's message (or delta) to `editor`.
void edit_choices(std::string_view json, const json::Member& choices, const ResponsePolicy& policy,
                  ResponseShape shape, json::SpliceEditor& editor) {
  if (choices.type != json::ValueType::array) return;
  auto elements = json::scan_array(json, choices.value.begin);
  if (!elements) return;
  const std::string_view carrier_key = shape == ResponseShape::chat_chunk ? "delta" : "message";
  const ReasoningCarrier carrier =
      shape == ResponseShape::chat_chunk ? ReasoningCarrier::delta : ReasoningCarrier::message;
  for (const json::Element& element : *elements) {
    if (element.type != json::ValueType::object) continue;
    auto choice = json::scan_object(json, element.value.begin);
    if (!choice) continue;
    const json::Member* message = choice->last(carrier_key);
    if (message == nullptr || message->type != json::ValueType::object) continue;
    auto fields = json::scan_object(json, message->value.begin);
    if (!fields) continue;
    json::ObjectEdit edit(*fields);
    apply_reasoning_policy(json, *fields, policy, carrier, edit);
    edit.emit(editor);
  }
}

// The rewrite of the answer whose top-level object `object` (of `json`) is already scanned.
std::optional<json::SplicedBody> rewrite_scanned(std::string_view json,
                                                 const json::ObjectScan& object,
                                                 const ResponsePolicy& policy,
                                                 ResponseShape shape) {
  json::SpliceEditor editor(json);
  json::ObjectEdit top_edit(object);
  const json::Member* model = object.last("model");
  if (model != nullptr && model->type == json::ValueType::string) {
    top_edit.set_string("model", policy.virtual_model);
  }
  const json::Member* choices = object.last("choices");
  if (shape != ResponseShape::completion && choices != nullptr &&
      policy_touches_reasoning(policy)) {
    edit_choices(json, *choices, policy, shape, editor);
  }
  top_edit.emit(editor);
  if (editor.empty()) return std::nullopt;
  auto body = std::move(editor).finish();
  if (!body.ok()) return std::nullopt;  // an edit plan bug: forwarding unchanged is the safe side
  return std::move(body).value();
}

RewrittenAnswer rewrite_answer(std::string_view body, const ResponsePolicy& policy,
                               ResponseShape shape) {
  auto object = json::scan_top_level_object(body);
  if (!object) return RewrittenAnswer{json::SplicedBody(body), std::nullopt};
  auto usage = usage_of_scanned_answer(body, *object);
  auto rewritten = rewrite_scanned(body, *object, policy, shape);
  return RewrittenAnswer{rewritten ? std::move(*rewritten) : json::SplicedBody(body), usage};
}

ResponsePolicy completion_policy(std::string_view virtual_model) {
  return ResponsePolicy{virtual_model, false, ReasoningField::as_is};
}

}  // namespace

std::optional<json::SplicedBody> rewrite_response_json(std::string_view json,
                                                       const ResponsePolicy& policy,
                                                       ResponseShape shape) {
  auto object = json::scan_top_level_object(json);
  if (!object) return std::nullopt;
  return rewrite_scanned(json, *object, policy, shape);
}

std::string rewrite_chat_response(std::string_view body, const ResponsePolicy& policy) {
  auto rewritten = rewrite_response_json(body, policy, ResponseShape::chat_completion);
  return rewritten ? rewritten->flatten() : std::string(body);
}

std::string rewrite_completion_response(std::string_view body, std::string_view virtual_model) {
  auto rewritten =
      rewrite_response_json(body, completion_policy(virtual_model), ResponseShape::completion);
  return rewritten ? rewritten->flatten() : std::string(body);
}

RewrittenAnswer rewrite_chat_answer(std::string_view body, const ResponsePolicy& policy) {
  return rewrite_answer(body, policy, ResponseShape::chat_completion);
}

RewrittenAnswer rewrite_completion_answer(std::string_view body, const ResponsePolicy& policy) {
  return rewrite_answer(body, completion_policy(policy.virtual_model), ResponseShape::completion);
}

}  // namespace qp::transform
