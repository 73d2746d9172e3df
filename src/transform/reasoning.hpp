// The reasoning rules for one assistant `message` (non-streaming) or `delta` (streaming): the
// instruct-profile repair of a misplaced answer, then the reasoning_field presentation.
#pragma once

#include <string_view>

#include "json/object_edit.hpp"
#include "json/scan.hpp"
#include "transform/response_policy.hpp"

namespace qp::transform {

enum class ReasoningCarrier {
  message,  // after a repair the reasoning fields become null
  delta,    // after a repair the reasoning fields are removed
};

// Records in `edit` the changes the policy makes to `object` (a message or delta of `doc`).
//  - repair: when policy.repair_misplaced_answer, content is "", null or missing and reasoning or
//    reasoning_content holds a non-empty string, that string becomes content.
//  - reasoning_field: as_is leaves the keys alone; reasoning / reasoning_content leave only that
//    key carrying the text (renaming or removing the other); both gives both keys the same value.
void apply_reasoning_policy(std::string_view doc, const json::ObjectScan& object,
                            const ResponsePolicy& policy, ReasoningCarrier carrier,
                            json::ObjectEdit& edit);

}  // namespace qp::transform
