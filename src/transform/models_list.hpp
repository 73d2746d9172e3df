// The virtual models list: GET /v1/models answered with one card per virtual model, each a copy of
// the backend's card for the served model (so max_model_len and the rest are real) with its own id
// and a `qwen35_proxy` extension describing its profile, which ordinary clients ignore.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/profile.hpp"
#include "core/error.hpp"

namespace qp::transform {

// Builds the list from the backend's /v1/models body. ErrorKind::backend_broken when the body is
// not a model list, or when no card has `served_model` as its id (the message names what is
// served).
Result<std::string> virtual_models_list(std::string_view backend_models_json,
                                        std::string_view served_model,
                                        const std::vector<Profile>& profiles);

}  // namespace qp::transform
