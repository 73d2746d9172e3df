// ResponsePolicy: how a backend answer is presented to the client of one virtual model.
#pragma once

#include <string_view>

#include "config/profile.hpp"

namespace qp::transform {

struct ResponsePolicy {
  std::string_view virtual_model;  // what `model` becomes in every answer and chunk
  // Instruct profiles only: text that vLLM put in reasoning/reasoning_content while content is
  // empty, null or missing is moved to content.
  bool repair_misplaced_answer = false;
  ReasoningField reasoning_field = ReasoningField::as_is;
};

}  // namespace qp::transform
