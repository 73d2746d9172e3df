// How errors end a request, in RequestRecord terms.
#include "net/request_record.hpp"

namespace qp::net {
namespace {

log::RequestOutcome backend_outcome(ErrorKind kind) {
  return kind == ErrorKind::backend_timeout ? log::RequestOutcome::timeout
                                            : log::RequestOutcome::backend_error;
}

}  // namespace

void RequestRecord::answered_with_error(ErrorKind kind) {
  if (auto upstream = metrics::upstream_error_for(kind)) {
    if (!upstream_error) upstream_error = *upstream;
    outcome = backend_outcome(kind);
  } else if (kind != ErrorKind::internal) {  // internal: the proxy's own fault, not a refusal
    outcome = log::RequestOutcome::rejected;
  }
}

void RequestRecord::backend_failed_mid_answer(ErrorKind kind) {
  if (!upstream_error) {
    upstream_error = kind == ErrorKind::backend_broken
                         ? metrics::UpstreamError::broken
                         : metrics::UpstreamError::closed_mid_response;
  }
  outcome = backend_outcome(kind);
}

}  // namespace qp::net
