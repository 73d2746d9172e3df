// POST /v1/profiles/preview?api=chat|completions|tokenize|detokenize: shows what a virtual model's
// profile does to a request, without sending it. The request body is what a client would POST to
// that API (chat when `api` is absent); the answer is 200 with exactly the body the proxy would
// send to the backend, X-Qwen35-Profile naming the profile and X-Qwen35-Upstream-Path the backend
// path. Errors are the ones the API itself would answer (400, 404, 413), and the backend is asked
// nothing except its model name when the configuration does not know it yet.
#pragma once

#include <memory>

#include "net/client_session.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::proxy {

inline constexpr std::string_view kProfilePreviewPath = "/v1/profiles/preview";

net::awaitable<bool> answer_profile_preview(net::IncomingRequest& request, ThreadContext& thread,
                                            std::shared_ptr<const Config> config,
                                            const ApiKey* client_key);

}  // namespace qp::proxy
