// Label strings and status-code slots for the metric vocabularies declared in labels.hpp.
#include "metrics/labels.hpp"

#include <algorithm>

namespace qp::metrics {
namespace {

// Decimal labels of kExactStatusCodes, in the same order (checked by a test).
constexpr std::array<std::string_view, kExactStatusCodes.size()> kExactStatusLabels = {
    "200", "201", "204", "206", "301", "302", "304", "307", "308",
    "400", "401", "403", "404", "405", "408", "409", "413", "415",
    "422", "429", "431", "499", "500", "501", "502", "503", "504"};
constexpr std::array<std::string_view, 6> kFallbackStatusLabels = {"1xx", "2xx", "3xx",
                                                                   "4xx", "5xx", "other"};

}  // namespace

std::string_view api_label(Api api) {
  switch (api) {
    case Api::chat:
      return "chat";
    case Api::completions:
      return "completions";
    case Api::tokenize:
      return "tokenize";
    case Api::detokenize:
      return "detokenize";
    case Api::models:
      return "models";
    case Api::health:
      return "health";
    case Api::preview:
      return "preview";
    case Api::passthrough:
      return "passthrough";
  }
  return "passthrough";
}

std::string_view upstream_error_label(UpstreamError kind) {
  switch (kind) {
    case UpstreamError::unreachable:
      return "unreachable";
    case UpstreamError::timeout:
      return "timeout";
    case UpstreamError::broken:
      return "broken";
    case UpstreamError::closed_mid_response:
      return "closed_mid_response";
  }
  return "broken";
}

std::optional<UpstreamError> upstream_error_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::backend_unreachable:
      return UpstreamError::unreachable;
    case ErrorKind::backend_timeout:
      return UpstreamError::timeout;
    case ErrorKind::backend_broken:
      return UpstreamError::broken;
    default:
      return std::nullopt;
  }
}

std::size_t status_slot(int code) {
  const auto* found = std::lower_bound(kExactStatusCodes.begin(), kExactStatusCodes.end(), code);
  if (found != kExactStatusCodes.end() && *found == code) {
    return static_cast<std::size_t>(found - kExactStatusCodes.begin());
  }
  if (code >= 100 && code <= 599) {
    return kExactStatusCodes.size() + static_cast<std::size_t>(code / 100 - 1);
  }
  return kStatusSlotCount - 1;
}

std::string_view status_slot_label(std::size_t slot) {
  if (slot < kExactStatusLabels.size()) return kExactStatusLabels[slot];
  slot -= kExactStatusLabels.size();
  return slot < kFallbackStatusLabels.size() ? kFallbackStatusLabels[slot]
                                             : kFallbackStatusLabels.back();
}

}  // namespace qp::metrics
