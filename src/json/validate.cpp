// Validator: a simdjson DOM parse whose result is only its error code.
#include "json/validate.hpp"

#include <simdjson.h>

#include <string>

namespace qp::json {

static_assert(kPadding == simdjson::SIMDJSON_PADDING, "kPadding must match simdjson");

struct Validator::Impl {
  simdjson::dom::parser parser;
};

Validator::Validator() : impl_(std::make_unique<Impl>()) {}
Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

namespace {

Status to_status(simdjson::error_code code) {
  if (code == simdjson::SUCCESS) return Ok{};
  if (code == simdjson::MEMALLOC) {
    return make_error(ErrorKind::internal, "out of memory while validating JSON");
  }
  return make_error(ErrorKind::bad_request,
                    std::string("We could not parse the JSON body of your request: ") +
                        simdjson::error_message(code));
}

}  // namespace

Status Validator::validate(std::string_view text) {
  return to_status(impl_->parser.parse(text.data(), text.size(), true).error());
}

Status Validator::validate_padded(std::string_view text) {
  return to_status(impl_->parser.parse(text.data(), text.size(), false).error());
}

}  // namespace qp::json
