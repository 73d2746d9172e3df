// usage and first-token facts of backend answers, read with the span scanner.
#include "transform/answer_usage.hpp"

#include <charconv>

#include "json/scan.hpp"
#include "transform/chat_event.hpp"

namespace qp::transform {
namespace {

std::optional<std::uint64_t> count_member(std::string_view doc, const json::ObjectScan& object,
                                          std::string_view name) {
  const json::Member* member = object.last(name);
  if (member == nullptr || member->type != json::ValueType::number) return std::nullopt;
  const std::string_view token = member->value.in(doc);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}

std::optional<TokenUsage> usage_in(std::string_view doc, const json::ObjectScan& answer) {
  const json::Member* usage = answer.last("usage");
  if (usage == nullptr || usage->type != json::ValueType::object) return std::nullopt;
  auto fields = json::scan_object(doc, usage->value.begin);
  if (!fields) return std::nullopt;
  auto prompt = count_member(doc, *fields, "prompt_tokens");
  auto completion = count_member(doc, *fields, "completion_tokens");
  if (!prompt || !completion) return std::nullopt;
  return TokenUsage{*prompt, *completion};
}

// A string member with at least one character ("" is two bytes of quotes).
bool non_empty_string(std::string_view doc, const json::ObjectScan& object, std::string_view name) {
  const json::Member* member = object.last(name);
  return member != nullptr && member->type == json::ValueType::string &&
         member->value.in(doc).size() > 2;
}

bool non_empty_array(std::string_view doc, const json::ObjectScan& object, std::string_view name) {
  const json::Member* member = object.last(name);
  if (member == nullptr || member->type != json::ValueType::array) return false;
  auto elements = json::scan_array(doc, member->value.begin);
  return elements && !elements->empty();
}

bool choice_carries_token(std::string_view doc, std::size_t at) {
  auto choice = json::scan_object(doc, at);
  if (!choice) return false;
  if (non_empty_string(doc, *choice, "text")) return true;  // /v1/completions
  const json::Member* delta = choice->last("delta");
  if (delta == nullptr || delta->type != json::ValueType::object) return false;
  auto fields = json::scan_object(doc, delta->value.begin);
  return fields && (non_empty_string(doc, *fields, "content") ||
                    non_empty_string(doc, *fields, "reasoning_content") ||
                    non_empty_string(doc, *fields, "reasoning") ||
                    non_empty_array(doc, *fields, "tool_calls"));
}

}  // namespace

std::optional<TokenUsage> usage_of_answer(std::string_view json_object) {
  auto answer = json::scan_top_level_object(json_object);
  if (!answer) return std::nullopt;
  return usage_in(json_object, *answer);
}

std::optional<TokenUsage> usage_of_scanned_answer(std::string_view doc,
                                                  const json::ObjectScan& answer) {
  return usage_in(doc, answer);
}

EventFacts inspect_answer_event(std::string_view event) {
  EventFacts facts;
  auto payload = single_data_payload(event);
  if (!payload) return facts;
  auto answer = json::scan_top_level_object(*payload);
  if (!answer) return facts;
  facts.usage = usage_in(*payload, *answer);
  const json::Member* choices = answer->last("choices");
  if (choices == nullptr || choices->type != json::ValueType::array) return facts;
  auto elements = json::scan_array(*payload, choices->value.begin);
  if (!elements) return facts;
  for (const json::Element& element : *elements) {
    if (element.type == json::ValueType::object &&
        choice_carries_token(*payload, element.value.begin)) {
      facts.carries_token = true;
      break;
    }
  }
  return facts;
}

}  // namespace qp::transform
