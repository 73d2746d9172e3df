// The backend model name: from --served-model, or discovered from the backend's /v1/models when the
// backend serves exactly one model. Discovery runs at start and again on demand while it is
// unknown.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "core/error.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

// The only model id in a /v1/models answer. Errors (backend_broken) say what was served instead.
Result<std::string> only_served_model(std::string_view models_json);

// A copy of config whose served model and profiles without a backend model use `model`.
std::shared_ptr<const Config> with_served_model(const Config& config, const std::string& model);

// Asks the backend for its model list, and on success installs the model into shared.config.
// Returns the configuration in force afterwards, or why the model is still unknown.
net::awaitable<Result<std::shared_ptr<const Config>>> discover_served_model(ThreadContext& thread);

}  // namespace qp::proxy
