// Error values for the data path: one Error type with a kind and a message, and Result<T>.
// Errors are returned, never thrown, once the configuration is loaded.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace qp {

// What went wrong, in the terms that decide the HTTP status (see http_status()).
enum class ErrorKind {
  bad_request,          // 400: the client's request is malformed or wrongly typed
  unauthorized,         // 401: missing or wrong API key
  not_found,            // 404: unknown model or route
  payload_too_large,    // 413: body over the configured limit
  headers_too_large,    // 431: request headers over the limit
  request_timeout,      // 408: the client was too slow to send its request
  backend_unreachable,  // 502: connect refused/reset before any response byte
  backend_broken,       // 502: the backend answered something we cannot use
  backend_timeout,      // 504: no response headers within the first-byte timeout
  unavailable,          // 503: not ready, shutting down, or over capacity
  internal,             // 500: a bug or an exhausted resource in the proxy itself
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::string param;  // the request field at fault, empty when none (serialised as null)
};

// The HTTP status that an error of this kind is reported with.
int http_status(ErrorKind kind);

// The OpenAI-style `type` string for an error of this kind ("invalid_request_error", ...).
std::string_view error_type(ErrorKind kind);

// A value or an Error. Cheap to move; never throws on access in release builds (asserts in debug).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(ErrorKind kind, std::string message, std::string param = {}) {
  return Error{kind, std::move(message), std::move(param)};
}

}  // namespace qp
