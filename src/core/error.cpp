// Mapping of error kinds to HTTP statuses and OpenAI-style error types.
#include "core/error.hpp"

namespace qp {

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::request_timeout:
      return 408;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::headers_too_large:
      return 431;
    case ErrorKind::backend_unreachable:
      return 502;
    case ErrorKind::backend_broken:
      return 502;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::backend_timeout:
      return 504;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

std::string_view error_type(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return "invalid_request_error";
    case ErrorKind::unauthorized:
      return "authentication_error";
    case ErrorKind::not_found:
      return "not_found_error";
    case ErrorKind::request_timeout:
      return "timeout_error";
    case ErrorKind::payload_too_large:
      return "invalid_request_error";
    case ErrorKind::headers_too_large:
      return "invalid_request_error";
    case ErrorKind::backend_unreachable:
      return "backend_error";
    case ErrorKind::backend_broken:
      return "backend_error";
    case ErrorKind::unavailable:
      return "service_unavailable";
    case ErrorKind::backend_timeout:
      return "timeout_error";
    case ErrorKind::internal:
      return "internal_error";
  }
  return "internal_error";
}

}  // namespace qp
