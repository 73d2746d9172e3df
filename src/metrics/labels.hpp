// The fixed label vocabularies of the proxy's metrics: APIs, upstream error kinds and HTTP status
// slots. Each maps to a small dense index so recorders use arrays, never maps, on the data path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace qp::metrics {

// Which client-facing API a request used (label `api`).
enum class Api : std::uint8_t {
  chat,         // POST /v1/chat/completions
  completions,  // POST /v1/completions
  tokenize,     // POST /tokenize
  detokenize,   // POST /detokenize
  models,       // GET /v1/models
  health,       // GET /health, /ready (answered by the proxy)
  preview,      // POST /v1/profiles/preview (answered by the proxy)
  passthrough,  // anything else, forwarded untouched
};
inline constexpr std::size_t kApiCount = 8;
std::string_view api_label(Api api);

// Why an exchange with the backend failed (label `kind`).
enum class UpstreamError : std::uint8_t {
  unreachable,          // resolve or connect failed, or reset before any response byte
  timeout,              // no response head within the first-byte timeout
  broken,               // the backend sent something the proxy cannot use
  closed_mid_response,  // the connection ended before the response was complete
};
inline constexpr std::size_t kUpstreamErrorCount = 4;
std::string_view upstream_error_label(UpstreamError kind);

// The upstream error kind for an error value, or nullopt when the error is not the backend's
// (a bad request, a client that went away, ...). closed_mid_response has no ErrorKind of its own:
// the caller records it directly.
std::optional<UpstreamError> upstream_error_for(ErrorKind kind);

// HTTP status codes are counted exactly for the codes in kExactStatusCodes; any other code in
// 100..599 is counted in its class ("1xx".."5xx"), anything else as "other". 499 is the
// conventional code for a client that closed its connection before the answer was complete.
inline constexpr std::array<std::uint16_t, 27> kExactStatusCodes = {
    200, 201, 204, 206, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405,
    408, 409, 413, 415, 422, 429, 431, 499, 500, 501, 502, 503, 504};
inline constexpr std::size_t kStatusSlotCount = kExactStatusCodes.size() + 5 + 1;

// The slot a status code is counted in; always < kStatusSlotCount.
std::size_t status_slot(int code);
// The `code` label of a slot: "200", ..., "4xx", "5xx", "other".
std::string_view status_slot_label(std::size_t slot);

}  // namespace qp::metrics
