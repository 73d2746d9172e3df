// BackendResponseParser: the head kept in one string, the body copied into lent storage.
#include "net/backend_response_parser.hpp"

#include <algorithm>
#include <cstring>

namespace qp::net {

namespace {

// Room for the fields of a typical backend head (vLLM sends four or five), reserved on the first.
constexpr std::size_t kTextReserve = 512;
constexpr std::size_t kFieldsReserve = 16;

}  // namespace

void BackendResponseParser::on_response_impl(int code, string_view, int, error_code& ec) {
  status_ = static_cast<unsigned>(code);
  ec = {};
}

void BackendResponseParser::on_field_impl(http::field name, string_view name_string,
                                          string_view value, error_code& ec) {
  // Both views may point into a buffer that dies with this call (Beast unfolds obs-fold values into
  // a temporary), so they are copied at once.
  reserve_text(name_string.size() + value.size());
  const char* at = text_.data() + text_.size();
  text_.append(name_string.data(), name_string.size()).append(value.data(), value.size());
  if (fields_.empty()) fields_.reserve(kFieldsReserve);
  fields_.push_back({name, std::string_view(at, name_string.size()),
                     std::string_view(at + name_string.size(), value.size())});
  ec = {};
}

void BackendResponseParser::reserve_text(std::size_t more) {
  if (text_.size() + more <= text_.capacity()) return;
  std::string grown;
  grown.reserve(std::max({kTextReserve, text_.capacity() * 2, text_.size() + more}));
  grown.append(text_);
  // Offsets are taken while the old text is still alive.
  const auto moved = [&](std::string_view view) {
    return std::string_view(grown.data() + (view.data() - text_.data()), view.size());
  };
  for (HeadField& field : fields_) {
    field.name_string = moved(field.name_string);
    field.value = moved(field.value);
  }
  text_ = std::move(grown);  // keeps the buffer: it is far past the small-string size
}

std::size_t BackendResponseParser::take_body(string_view body, error_code& ec) {
  const std::size_t taken = std::min(body.size(), body_room_);
  if (taken > 0) {
    std::memcpy(body_next_, body.data(), taken);
    body_next_ += taken;
    body_room_ -= taken;
  }
  if (taken < body.size()) {
    ec = http::error::need_buffer;
  } else {
    ec = {};
  }
  return taken;
}

}  // namespace qp::net
