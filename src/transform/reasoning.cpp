// Reasoning repair and presentation for one message or delta object.
#include "transform/reasoning.hpp"

namespace qp::transform {
namespace {

constexpr std::string_view kContent = "content";
constexpr std::string_view kReasoning = "reasoning";
constexpr std::string_view kReasoningContent = "reasoning_content";

// What a reader keeping the last occurrence sees for one key.
struct FieldState {
  std::string_view name;
  bool present = false;
  std::string_view value;  // raw JSON of the last occurrence
  bool has_text() const { return present && value != "null"; }
  bool has_nonempty_string() const { return present && value.size() > 2 && value.front() == '"'; }
};

FieldState read_field(std::string_view doc, const json::ObjectScan& object, std::string_view name) {
  const json::Member* member = object.last(name);
  if (member == nullptr) return FieldState{name, false, {}};
  return FieldState{name, true, member->value.in(doc)};
}

bool content_is_empty(const FieldState& content) {
  return !content.present || content.value == "null" || content.value == "\"\"";
}

// Moves a misplaced answer to content; returns true when it did.
bool repair_misplaced_answer(const FieldState& content, FieldState& reasoning,
                             FieldState& reasoning_content, ReasoningCarrier carrier,
                             json::ObjectEdit& edit) {
  if (!content_is_empty(content)) return false;
  const FieldState* source = reasoning.has_nonempty_string()           ? &reasoning
                             : reasoning_content.has_nonempty_string() ? &reasoning_content
                                                                       : nullptr;
  if (source == nullptr) return false;
  edit.set(kContent, source->value);
  for (FieldState* field : {&reasoning, &reasoning_content}) {
    if (!field->present) continue;
    if (carrier == ReasoningCarrier::message) {
      edit.set(field->name, "null");
      field->value = "null";
    } else {
      edit.remove_all(field->name);
      field->present = false;
    }
  }
  return true;
}

// Leaves only `target` carrying the reasoning text; `other` is renamed or removed.
void keep_only(const FieldState& target, const FieldState& other, ReasoningCarrier carrier,
               json::ObjectEdit& edit) {
  if (!other.present) return;
  if (target.present) {
    if (!target.has_text() && other.has_text()) edit.set(target.name, other.value);
    edit.remove_all(other.name);
  } else if (other.has_text() || carrier == ReasoningCarrier::message) {
    edit.rename_all(other.name, target.name);
  } else {
    edit.remove_all(other.name);  // a 0.15-style "reasoning_content":null on a delta
  }
}

void copy_to_both(const FieldState& reasoning, const FieldState& reasoning_content,
                  json::ObjectEdit& edit) {
  if (reasoning.has_text() && !reasoning_content.has_text()) {
    edit.set(reasoning_content.name, reasoning.value);
  } else if (reasoning_content.has_text() && !reasoning.has_text()) {
    edit.set(reasoning.name, reasoning_content.value);
  }
}

}  // namespace

void apply_reasoning_policy(std::string_view doc, const json::ObjectScan& object,
                            const ResponsePolicy& policy, ReasoningCarrier carrier,
                            json::ObjectEdit& edit) {
  FieldState reasoning = read_field(doc, object, kReasoning);
  FieldState reasoning_content = read_field(doc, object, kReasoningContent);
  if (policy.repair_misplaced_answer) {
    const FieldState content = read_field(doc, object, kContent);
    repair_misplaced_answer(content, reasoning, reasoning_content, carrier, edit);
  }
  switch (policy.reasoning_field) {
    case ReasoningField::as_is:
      break;
    case ReasoningField::reasoning:
      keep_only(reasoning, reasoning_content, carrier, edit);
      break;
    case ReasoningField::reasoning_content:
      keep_only(reasoning_content, reasoning, carrier, edit);
      break;
    case ReasoningField::both:
      copy_to_both(reasoning, reasoning_content, edit);
      break;
  }
}

}  // namespace qp::transform
