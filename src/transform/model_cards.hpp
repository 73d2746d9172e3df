// The model cards of a vLLM /v1/models answer, read by the pre-flight checks and by the discovery
// of the backend model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace qp::transform {

struct ModelCard {
  std::string id;
  std::optional<std::uint64_t> max_model_len;  // absent when the card has none
};

// The cards of a /v1/models answer, in order. Errors (backend_broken): not JSON, no data list.
// Cards without a string id are skipped.
Result<std::vector<ModelCard>> parse_model_cards(std::string_view models_json);

}  // namespace qp::transform
